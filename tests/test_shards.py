"""``--shard i/N``: every learner is graded by exactly one shard, chosen by id alone."""
from __future__ import annotations

import subprocess
import sys

import pytest

from grader.shards import Shard, parse_shard

IDS = [f"learner-{i:04d}" for i in range(2000)] + ["ana", "bo", "émile", "李"]


def test_each_learner_is_in_exactly_one_shard() -> None:
    for count in (1, 2, 3, 4, 7):
        shards = [Shard(i, count) for i in range(count)]
        for student in IDS:
            assert sum(shard.takes(student) for shard in shards) == 1


def test_shares_are_even_and_do_not_depend_on_the_list() -> None:
    shards = [Shard(i, 4) for i in range(4)]
    sizes = [len(shard.select(IDS)) for shard in shards]
    assert all(0.2 * len(IDS) < size < 0.3 * len(IDS) for size in sizes), sizes
    # a learner added to the cohort (a late submission) moves nobody else
    grown = IDS + ["late-arrival"]
    for shard in shards:
        assert [s for s in shard.select(grown) if s != "late-arrival"] == shard.select(IDS)


def test_choice_is_the_same_in_another_process() -> None:
    """Not Python's per-process salted hash(): another interpreter picks the same learners."""
    code = "from grader.shards import Shard; print(' '.join(Shard(1, 3).select([f'learner-{i:04d}' for i in range(200)])))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "12345", "PYTHONPATH": ":".join(sys.path)}).stdout.split()
    assert other == Shard(1, 3).select([f"learner-{i:04d}" for i in range(200)])


def test_parse_shard() -> None:
    assert parse_shard("0/4") == Shard(0, 4) and parse_shard(" 3 / 4 ") == Shard(3, 4)
    for bad in ("4/4", "1/0", "-1/2", "1", "a/b", "1/2/3"):
        with pytest.raises(ValueError, match="--shard"):
            parse_shard(bad)


def test_bad_shard_is_a_usage_error(tmp_path, capsys) -> None:
    from grader.cli import main

    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    (tmp_path / "submitted" / "ana" / "fixture").mkdir(parents=True)
    assert main(["autograde", "fixture", "--course", str(tmp_path), "--shard", "2/2"]) == 2
    assert "i must be between 0 and N-1" in capsys.readouterr().err


def test_an_empty_shard_grades_nothing_and_succeeds(tmp_path, capsys) -> None:
    from grader.cli import main

    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    (tmp_path / "submitted" / "ana" / "fixture").mkdir(parents=True)
    empty = next(i for i in range(2) if not Shard(i, 2).takes("ana"))
    assert main(["autograde", "fixture", "--course", str(tmp_path), "--shard", f"{empty}/2"]) == 0
    assert f"no learners in shard {empty}/2" in capsys.readouterr().out
