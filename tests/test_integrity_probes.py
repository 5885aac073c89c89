"""Integrity probes: attacks on grading, each graded through the real ``softskills autograde`` path.

One course (tests/fixtures/nbgrader_course/solutions/probe: a written answer, a
choice, a ranking and a function with a behaviour test) and one learner per
attack. Every probe asserts the score the submission deserves (what its honest
content earns) or an integrity flag, the whole cohort is graded serially and
with ``--jobs 2`` into two gradebooks that must agree, and ``submitted/`` must be
byte-identical afterwards. The sandbox (bubblewrap) is required: CI installs it
(.ci/run); without it the behaviour probes are skipped, said plainly.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402

import grader  # noqa: E402

pytestmark = [pytest.mark.nbgrader, pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]
A = "probe"
POINTS = {"review-comment": 10, "choice-test": 2, "ranking-test": 3, "code-test": 4}
HONEST_ADD = "def add(a, b):\n    return a + b\n"
# Two original review comments (not the model answer), long enough to be compared for copies.
OWN_TEXT = ("Blocking: the decorator retries on every exception, so a card the bank declined is charged again on "
            "each retry. Please limit the retry to timeouts and connection resets, keep the first idempotency key, "
            "and add a test where the fake gateway declines the card and we assert it was called exactly once.")
OTHER_TEXT = ("I think retrying everything is risky here: CardDeclined is not transient, and a second attempt can "
              "charge the customer twice once the issuer comes back. Could we catch only TimeoutError here, reuse "
              "the original key, and cover the declined path with a unit test before this merges?")
EDITED_TEXT = ("Nit, but an important one: `retry_payment()` also retries `CardDeclined`, which means a customer "
               "whose card was refused may be billed twice when the issuer recovers. Suggest narrowing the retry to "
               "network timeouts and reusing the idempotency key; happy to pair on the test.")


def with_code(a: C.Assignment, nb: dict, grade_id: str, source: str) -> dict:
    C.cell_by_id(nb, grade_id)["source"] = source
    return nb


def weak_with_code(a: C.Assignment, source: str) -> dict:
    return with_code(a, C.weak(a), "code-answer", source)


def probes(root: Path, a: C.Assignment) -> dict[str, dict | str]:
    """learner id -> submission; ``root`` is the course, so attacks can aim at its real paths."""
    course = str(root)
    return {
        "honest": with_code(a, C.excellent(a), "review-comment", a.answer_cell_source("review-comment", OTHER_TEXT)),
        "model-copy": C.excellent(a),
        "twin-a": with_code(a, C.weak(a), "review-comment", a.answer_cell_source("review-comment", OWN_TEXT)),
        "twin-b": with_code(a, C.weak(a), "review-comment",
                            a.answer_cell_source("review-comment", OWN_TEXT.replace("Please", "Could we"))),
        "weak": C.weak(a),
        "rewrite-self": weak_with_code(a, (
            "import json, pathlib\n"
            f"path = pathlib.Path({course!r}) / 'submitted' / 'rewrite-self' / 'probe' / 'probe.ipynb'\n"
            "try:\n"
            "    nb = json.loads(path.read_text())\n"
            "    for cell in nb['cells']:\n"
            "        if ''.join(cell['source']).startswith('%%answer pr-review'):\n"
            f"            cell['source'] = {a.answer_cell_source('review-comment', a.model_text['review-comment'])!r}\n"
            "    path.write_text(json.dumps(nb))\n"
            "    print('rewrote the submitted file')\n"
            "except OSError as error:\n"
            "    print('blocked:', error)\n")),
        "gradebook-write": weak_with_code(a, (
            "import sqlite3\n"
            "try:\n"
            f"    db = sqlite3.connect({course + '/gradebook.db'!r})\n"
            "    db.execute('UPDATE grade SET manual_score = max_score')\n"
            "    db.commit()\n"
            "    print('wrote manual scores')\n"
            "except sqlite3.Error as error:\n"
            "    print('blocked:', error)\n")),
        "str-subclass": with_code(a, C.weak(a), "choice-answer",
                                  "class Any(str):\n    def __eq__(self, other):\n        return True\n"
                                  "    __hash__ = str.__hash__\nchoice = Any('x')"),
        "list-subclass": with_code(a, C.weak(a), "ranking-answer",
                                   "class Sorted(list):\n    def index(self, item):\n        return 'cab'.index(item)\n"
                                   "ranking = Sorted(['a', 'b', 'c'])"),
        "shadow-float": weak_with_code(a, "float = lambda *args: 4.0\ndef add(a, b):\n    return 0\n"),
        "patch-builtins": weak_with_code(a, "import builtins\nbuiltins.float = lambda *args: 4.0\n"
                                            "def add(a, b):\n    return 0\n"),
        "always-equal": weak_with_code(a, "class Anything:\n    def __eq__(self, other):\n        return True\n"
                                          "def add(a, b):\n    return Anything()\n"),
        "silence-test": weak_with_code(a, "import os, sys\nsys.stdout = open(os.devnull, 'w')\n"
                                          "def add(a, b):\n    return 0\n"),
        "read-other": weak_with_code(a, (
            "try:\n"
            f"    print(open({course + '/submitted/honest/probe/probe.ipynb'!r}).read()[:200])\n"
            "except OSError as error:\n"
            "    print('blocked:', error)\n" + HONEST_ADD)),
        "network": weak_with_code(a, (
            "import socket\n"
            "try:\n"
            "    socket.create_connection(('1.1.1.1', 53), timeout=3)\n"
            "    print('network reachable')\n"
            "except OSError as error:\n"
            "    print('blocked:', error)\n" + HONEST_ADD)),
        "write-feedback": weak_with_code(a, (
            "import pathlib\n"
            f"for target in ['feedback/honest/probe/probe.html', 'autograded/honest/probe/planted.txt', 'planted.txt']:\n"
            "    try:\n"
            f"        path = pathlib.Path({course!r}) / target\n"
            "        path.parent.mkdir(parents=True, exist_ok=True)\n"
            "        path.write_text('planted')\n"
            "        print('wrote', target)\n"
            "    except OSError as error:\n"
            "        print('blocked:', error)\n" + HONEST_ADD)),
        "infinite-loop": weak_with_code(a, "while True:\n    pass\n"),
        "huge-output": weak_with_code(a, "print('x' * 20_000_000)\n" + HONEST_ADD),
        "fork-bomb": weak_with_code(a, (
            "import os, time\n"
            "children = 0\n"
            "try:\n"
            "    while children < 5000:\n"
            "        if os.fork() == 0:\n"
            "            time.sleep(20)\n"
            "            os._exit(0)\n"
            "        children += 1\n"
            "except OSError as error:\n"
            "    print('fork stopped after', children, 'children:', error)\n" + HONEST_ADD)),
        "edit-without-rerun": edited_without_rerun(a),
        "broken-json": '{"cells": [{"cell_type": "code", "source": "%%answer pr-review/comment\\nhalf a',
    }


def edited_without_rerun(a: C.Assignment) -> dict:
    """The model answer in the cell, under the feedback panel saved for an earlier, weaker draft."""
    from grader.notebook.panel import render_result_html

    nb = with_code(a, C.excellent(a), "review-comment", a.answer_cell_source("review-comment", EDITED_TEXT))
    draft = grader.check(a.weak_text("review-comment"), "pr-review/comment")
    C.cell_by_id(nb, "review-comment")["outputs"] = [{
        "output_type": "display_data", "metadata": {},
        "data": {"text/html": render_result_html(draft), "text/plain": "feedback"}}]
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if shutil.which("bwrap") is None:
        pytest.skip("bubblewrap is not installed (apt-get install bubblewrap); the probes need the sandbox")
    serial = C.make_course(tmp_path_factory.mktemp("probes") / "serial", A, C.FIXTURE / "solutions" / A,
                           config_extra="\nc.Execute.timeout = 8\n")
    parallel = serial.parent / "parallel"
    a = C.Assignment.from_course(serial, A)
    submissions = {}
    for root in (serial,):
        for student, nb in probes(root, a).items():
            submissions[student] = nb
            C.write(root, student, a, nb)
    shutil.copytree(serial, parallel)
    # the parallel copy's attacks aim at its own paths
    for student, nb in probes(parallel, a).items():
        C.write(parallel, student, a, nb)
    before = {root: C.tree_digest(root / "submitted") for root in (serial, parallel)}
    runs = {
        serial: C.run(serial, "softskills", "autograde", A, "--jobs", "1", check=False, timeout=1200),
        parallel: C.run(parallel, "softskills", "autograde", A, "--jobs", "2", check=False, timeout=1200),
    }
    return {"root": serial, "parallel": parallel, "a": a, "submissions": submissions, "before": before,
            "runs": runs, "scores": C.gradebook_scores(serial, A)}


def score(graded, student: str, item: str) -> float:
    auto, manual, _ = graded["scores"][(student, A, item)]
    return manual if manual is not None else (auto or 0.0)


def weak_review(graded) -> float:
    text = graded["a"].weak_text("review-comment")
    return round(10 * grader.check(text, "pr-review/comment").fraction, 4)


def flags_of(graded, student: str) -> list[dict]:
    from nbgrader.api import Gradebook

    from grader.nbgrader import store

    with Gradebook(f"sqlite:///{graded['root'] / 'gradebook.db'}") as gb:
        return [f for f in store.read_flags(gb.db.connection(), A) if f["student"] == student]


def output_of(graded, student: str, grade_id: str) -> str:
    nb = C.load(graded["root"] / "autograded" / student / A / f"{A}.ipynb")
    cell = C.cell_by_id(nb, grade_id)
    return json.dumps(cell.get("outputs", []))


def test_submitted_files_are_byte_identical_after_grading(graded) -> None:
    for root, digest in graded["before"].items():
        assert C.tree_digest(root / "submitted") == digest, root


def test_serial_and_parallel_grades_are_identical(graded) -> None:
    assert C.gradebook_scores(graded["parallel"], A) == graded["scores"]


def test_honest_and_weak_baselines(graded) -> None:
    honest_review = 10 * grader.check(OTHER_TEXT, "pr-review/comment").fraction
    assert score(graded, "honest", "review-comment") == pytest.approx(honest_review, abs=1e-3)
    assert [score(graded, "honest", item) for item in ("choice-test", "ranking-test", "code-test")] == [2, 3, 4]
    assert score(graded, "weak", "review-comment") == pytest.approx(weak_review(graded))
    assert [score(graded, "weak", item) for item in ("choice-test", "ranking-test", "code-test")] == [0, 0, 0]
    assert flags_of(graded, "honest") == [] and flags_of(graded, "weak") == []


def test_self_rewriting_submission_gains_nothing(graded) -> None:
    assert score(graded, "rewrite-self", "review-comment") == pytest.approx(weak_review(graded))
    assert "blocked:" in output_of(graded, "rewrite-self", "code-answer")


def test_writing_the_gradebook_from_learner_code_is_impossible(graded) -> None:
    assert all(manual is None for (s, _, _), (_, manual, _) in graded["scores"].items() if s == "gradebook-write")
    assert "blocked:" in output_of(graded, "gradebook-write", "code-answer")


def test_objects_equal_to_anything_score_zero_and_are_flagged(graded) -> None:
    assert score(graded, "str-subclass", "choice-test") == 0
    assert score(graded, "list-subclass", "ranking-test") == 0
    for student, cell in (("str-subclass", "choice-answer"), ("list-subclass", "ranking-answer")):
        assert [f["kind"] for f in flags_of(graded, student)] == ["non-literal-answer"], student
        assert flags_of(graded, student)[0]["grade_id"] == cell


def test_behaviour_test_counts_only_when_it_really_ran(graded) -> None:
    for student in ("shadow-float", "patch-builtins", "always-equal", "silence-test", "infinite-loop"):
        assert score(graded, student, "code-test") == 0, student
    assert "behaviour-test-bypassed" in [f["kind"] for f in flags_of(graded, "patch-builtins")]
    assert "behaviour-test-bypassed" in [f["kind"] for f in flags_of(graded, "silence-test")]


def test_sandbox_hides_other_learners_the_network_and_course_folders(graded) -> None:
    root = graded["root"]
    assert "blocked:" in output_of(graded, "read-other", "code-answer")
    assert "network reachable" not in output_of(graded, "network", "code-answer")
    assert "blocked:" in output_of(graded, "network", "code-answer")
    # the attempt may "succeed" inside the sandbox's private /tmp; nothing reaches the course
    assert not (root / "planted.txt").exists() and not (root / "feedback").exists()
    assert not (root / "planted.txt").exists() and not (root / "autograded" / "honest" / A / "planted.txt").exists()
    for student in ("read-other", "network", "write-feedback"):  # honest code still earns its points
        assert score(graded, student, "code-test") == POINTS["code-test"], student


def test_runaway_code_is_bounded(graded) -> None:
    assert score(graded, "huge-output", "code-test") == POINTS["code-test"]
    assert (graded["root"] / "autograded" / "huge-output" / A / f"{A}.ipynb").stat().st_size < 5_000_000
    fork = output_of(graded, "fork-bomb", "code-answer")
    assert "fork stopped after" in fork
    children = int(fork.split("fork stopped after ")[1].split()[0])
    assert children < 100
    assert score(graded, "fork-bomb", "code-test") == POINTS["code-test"]


def test_edit_without_rerun_is_not_flagged(graded) -> None:
    assert flags_of(graded, "edit-without-rerun") == []


def test_copies_are_flagged_not_scored(graded) -> None:
    assert sum(score(graded, "model-copy", item) for item in POINTS) == sum(POINTS.values())
    assert [f["kind"] for f in flags_of(graded, "model-copy")] == ["copied-model-answer"]
    for me, other in (("twin-a", "twin-b"), ("twin-b", "twin-a")):
        (flag,) = [f for f in flags_of(graded, me) if f["kind"] == "near-duplicate"]
        assert f"near-duplicate of {other}'s answer" in flag["message"]
        expected = 10 * grader.check(OWN_TEXT if me == "twin-a" else OWN_TEXT.replace("Please", "Could we"),
                                     "pr-review/comment").fraction
        assert score(graded, me, "review-comment") == pytest.approx(expected, abs=1e-3)
    assert not [f for f in flags_of(graded, "honest") if f["kind"] == "near-duplicate"]


def test_broken_file_is_reported_as_failed(graded) -> None:
    out = graded["runs"][graded["root"]].stdout
    assert "broken-json: probe.ipynb is not valid JSON" in out
    assert f"{len(graded['submissions']) - 1} graded, 0 skipped, 1 failed" in out
    assert "Submitted files unchanged" in out
    report = C.run(graded["root"], "softskills", "report", A, "--out", "report").stdout
    assert "failed to grade: broken-json: probe.ipynb is not valid JSON" in report and "re-submit" in report


def test_override_survives_force_and_shows_in_feedback(graded) -> None:
    """An override entered through nbgrader's API (as formgrader does), then autograde --force."""
    from nbgrader.api import Gradebook

    from grader.nbgrader import seal

    root = graded["root"]
    seal.watch_nbgrader_api()  # what loading nbgrader_config.py does in formgrader
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        gb.find_grade("review-comment", A, A, "weak").manual_score = 6.0
        gb.db.commit()
    C.run(root, "softskills", "autograde", A, "--student", "weak", "--force", "--jobs", "1")
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        grade = gb.find_grade("review-comment", A, A, "weak")
        assert grade.manual_score == 6.0 and grade.needs_manual_grade is False
        assert grade.auto_score == pytest.approx(weak_review(graded))
    C.run(root, "nbgrader", "generate_feedback", A, "--student", "weak", "--force")
    html = (root / "feedback" / "weak" / A / f"{A}.html").read_text(encoding="utf-8")
    assert f"Your score: 6 / 10 points, set by your instructor (automatic score: {weak_review(graded):g} / 10" in html


def test_scores_written_outside_the_grader_are_reported(graded) -> None:
    import sqlite3

    root = graded["root"]
    with sqlite3.connect(root / "gradebook.db") as db:  # someone with a shell on the grading server
        db.execute("UPDATE grade SET manual_score = 10 WHERE id IN (SELECT grade.id FROM grade JOIN "
                   "submitted_notebook ON grade.notebook_id = submitted_notebook.id JOIN submitted_assignment ON "
                   "submitted_notebook.assignment_id = submitted_assignment.id WHERE submitted_assignment.student_id "
                   "= 'str-subclass')")
    out = C.run(root, "softskills", "report", A, "--out", "report").stdout
    changed = [line for line in out.splitlines() if "gradebook changed:" in line]
    assert changed and all("str-subclass" in line for line in changed)
    assert "weak" not in " ".join(changed)  # the formgrader override is a recorded one
    export = C.run(root, "nbgrader", "export", "--to=grades.csv")
    warnings = [line for line in export.stderr.splitlines() if "[integrity] gradebook changed" in line]
    assert warnings and all("str-subclass" in line for line in warnings)


def test_zip_collect_records_the_archive_time(graded) -> None:
    import zipfile

    root = graded["root"]
    archive = root / "downloaded" / A / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "lms-export.zip", "w") as bundle:
        entry = zipfile.ZipInfo("late-zip__probe.ipynb", date_time=(2026, 12, 1, 9, 30, 0))
        bundle.writestr(entry, json.dumps(C.weak(graded["a"])))
    C.run(root, "nbgrader", "zip_collect", A)
    stamp = (root / "submitted" / "late-zip" / A / "timestamp.txt").read_text(encoding="utf-8")
    assert stamp.startswith("2026-12-01 09:30:00")
    C.run(root, "softskills", "autograde", A, "--student", "late-zip", "--jobs", "1")
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        assert gb.find_submission(A, "late-zip").total_seconds_late > 200 * 24 * 3600


def test_without_the_sandbox_the_snapshot_still_decides(tmp_path, monkeypatch) -> None:
    """No bubblewrap: the learner's code can rewrite its file, but the grade comes from the snapshot."""
    root = C.make_course(tmp_path / "course", A, C.FIXTURE / "solutions" / A, config_extra="\nc.Execute.timeout = 8\n")
    a = C.Assignment.from_course(root, A)
    C.write(root, "rewrite-self", a, probes(root, a)["rewrite-self"])
    monkeypatch.setenv("MULTIPLIER_SANDBOX", "off")
    out = C.run(root, "softskills", "autograde", A, "--jobs", "1").stdout
    assert "bubblewrap (bwrap) is not installed" in out
    assert "submitted files changed during grading (sha256 differs): rewrite-self" in out
    assert "Submitted files unchanged" not in out
    text = a.weak_text("review-comment")
    auto = C.gradebook_scores(root, A)[("rewrite-self", A, "review-comment")][0]
    assert auto == pytest.approx(10 * grader.check(text, "pr-review/comment").fraction, abs=1e-3)
