"""``softskills progress``: grades saved notebooks read-only, aggregates, survives bad files."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import pytest

from grader.answers import PLACEHOLDER
from grader.commands import progress as progress_command
from grader.progress import collect_progress, render_text

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import fake_engine  # noqa: E402 - tests/fixtures/fake_engine.py


@pytest.fixture
def fake(monkeypatch):
    fake_engine.install(monkeypatch)


def notebook(*sources: str, source_as_list: bool = False, points: dict[int, float] | None = None) -> str:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# Exercise"}]
    for index, source in enumerate(sources):
        body = source.splitlines(keepends=True) if source_as_list else source
        metadata = {"nbgrader": {"grade": True, "points": points[index]}} if points and index in points else {}
        cells.append({"cell_type": "code", "metadata": metadata, "source": body, "outputs": [],
                      "execution_count": None})
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def workspace(tmp_path):
    ex = tmp_path / "exercises"
    (ex / "01-pr-review").mkdir(parents=True)
    (ex / "02-stakeholder").mkdir()
    (ex / "01-pr-review/pr-review.ipynb").write_text(notebook(
        "%load_ext grader",
        "%%answer demo/comment\nCould we keep it because workers share it?\n",
        "%%answer demo/comment\nPut it back.\n",
        source_as_list=True,
    ))
    (ex / "03-mentorship").mkdir()
    (ex / "03-mentorship/feedback.ipynb").write_text(notebook(
        "%%answer demo/comment\nWhy not?\n", points={0: 10},  # 2 of 5 rubric points -> 4 of 10
    ))
    (ex / "02-stakeholder/pitch.ipynb").write_text(notebook(
        f"%%answer demo/comment\n{PLACEHOLDER}\n",
        "%%answer nope/unknown\nsome text",
    ))
    (ex / "02-stakeholder/broken.ipynb").write_text('{"cells": [ {"cell_type": "code",')
    (ex / "02-stakeholder/.ipynb_checkpoints").mkdir()
    (ex / "02-stakeholder/.ipynb_checkpoints/pitch-checkpoint.ipynb").write_text("garbage")
    return tmp_path


def test_grades_each_answer_cell_by_skill(fake, workspace):
    report = collect_progress(workspace)
    statuses = [(a.notebook, a.cell, a.status) for a in report.answers]
    assert statuses == [
        ("exercises/01-pr-review/pr-review.ipynb", 2, "graded"),
        ("exercises/01-pr-review/pr-review.ipynb", 3, "graded"),
        ("exercises/02-stakeholder/pitch.ipynb", 1, "empty"),
        ("exercises/02-stakeholder/pitch.ipynb", 2, "unknown-rubric"),
        ("exercises/03-mentorship/feedback.ipynb", 1, "graded"),
    ]
    skills = report.skills()
    no_choices = {"choices": 0, "choices_answered": 0, "not_checked_points": 0.0}
    assert skills["01-pr-review"] == {"score": 5.0, "max_score": 10.0, "written": 2, "answers": 2, **no_choices}
    assert skills["02-stakeholder"] == {"score": 0.0, "max_score": 5.0, "written": 0, "answers": 1, **no_choices}
    assert skills["03-mentorship"] == {"score": 4.0, "max_score": 10.0, "written": 1, "answers": 1, **no_choices}


def test_most_missed_criteria_first(fake, workspace):
    rows = collect_progress(workspace).criteria()
    assert [(r["criterion"], r["missed"], r["graded"]) for r in rows] == [("reason", 2, 3), ("question", 1, 3)]


def test_malformed_notebook_is_reported_and_skipped(fake, workspace):
    report = collect_progress(workspace)
    assert len(report.problems) == 1
    notebook_path, problem = report.problems[0]
    assert notebook_path == "exercises/02-stakeholder/broken.ipynb"
    assert "not a valid notebook file" in problem
    text = render_text(report)
    assert "broken.ipynb: not a valid notebook file" in text and "(skipped)" in text
    assert "no rubric called 'nope/unknown'" in text


def test_notebooks_are_never_written(fake, workspace):
    files = sorted((workspace / "exercises").rglob("*"))
    before = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in files if p.is_file()}
    collect_progress(workspace)
    after = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in files if p.is_file()}
    assert before == after
    assert sorted((workspace / "exercises").rglob("*")) == files


def test_text_report_is_readable(fake, workspace):
    text = render_text(collect_progress(workspace))
    assert "01-pr-review" in text and "5/10 points (50%), 2 of 2 answers written" in text
    assert text.index("missed 2 of 3  demo/comment / reason") < text.index("missed 1 of 3  demo/comment / question")
    assert "instructor has the final word" in text
    assert "exercises/01-pr-review/pr-review.ipynb cell 3: 5/5 points, every criterion met" in text
    assert "exercises/01-pr-review/pr-review.ipynb cell 4: 0/5 points, missed question, reason" in text
    assert "exercises/02-stakeholder/pitch.ipynb cell 2: not written yet" in text
    assert "exercises/03-mentorship/feedback.ipynb cell 2: 4/10 points, missed reason" in text


def test_cli_json_and_text(fake, workspace, capsys):
    assert progress_command.run(argparse.Namespace(workspace=workspace, format="json")) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["skills"]["01-pr-review"]["score"] == 5.0
    assert data["answers"][0]["result"]["criteria"][0]["id"] == "question"
    assert data["problems"][0]["notebook"].endswith("broken.ipynb")
    assert progress_command.run(argparse.Namespace(workspace=workspace, format="text")) == 0
    assert "Progress in" in capsys.readouterr().out


def test_cli_without_workspace_is_a_usage_error(tmp_path):
    from grader.cli import UsageError

    with pytest.raises(UsageError, match="softskills lab"):
        progress_command.run(argparse.Namespace(workspace=tmp_path, format="text"))


def test_chart_draws(fake, workspace):
    import matplotlib

    matplotlib.use("Agg")
    from grader.progress import plot_progress

    figure = plot_progress(collect_progress(workspace))
    left, right = figure.axes
    assert [t.get_text() for t in left.get_yticklabels()] == ["01-pr-review", "02-stakeholder", "03-mentorship"]
    assert len(right.patches) == 2


def test_released_exercises_grade_as_empty_with_the_real_engine():
    """The shipped, untouched exercises: every answer cell is empty and scores nothing."""
    from grader.commands.lab import find_course_root

    report = collect_progress(find_course_root())
    assert report.problems == []
    assert report.answers and {a.status for a in report.answers} == {"empty"}
    assert all(entry["score"] == 0 for entry in report.skills().values())


def _assignment_points(path: Path) -> float:
    cells = json.loads(path.read_text())["cells"]
    return sum(c["metadata"].get("nbgrader", {}).get("points", 0) for c in cells
               if c["metadata"].get("nbgrader", {}).get("grade"))


def test_progress_counts_the_same_points_as_each_assignment():
    """Untouched exercises: totals equal the assignments' points, choice parts listed as not answered."""
    from grader.commands.lab import find_course_root

    root = find_course_root()
    report = collect_progress(root)
    skills = report.skills()
    for path in sorted((root / "exercises").glob("*/*.ipynb")):
        assert skills[path.parent.name]["max_score"] == _assignment_points(path)
    assert skills["01-pr-review"]["max_score"] == 27
    assert report.choices and {c.status for c in report.choices} <= {"empty", "not-checked"}
    text = render_text(report)
    assert "exercises/01-pr-review/pr-review.ipynb: Part 1 \u00b7" in text  # parts named by their title
    assert " cell " not in text


def test_model_answers_earn_every_choice_point_and_code_tests_are_left_to_grading(tmp_path):
    """The solutions as a learner's workspace: each choice part is checked against the key and earns full points."""
    import shutil

    from grader.commands.lab import find_course_root

    root = find_course_root()
    shutil.copytree(root / "solutions", tmp_path / "exercises")
    report = collect_progress(tmp_path, solutions=root / "solutions")
    checked = [c for c in report.choices if c.status == "checked"]
    assert len(checked) >= 9 and all(c.earned == c.points for c in checked), [c for c in checked if c.earned != c.points]
    (code_tests,) = [c for c in report.choices if c.status == "not-checked"]
    assert code_tests.skill == "04-async-clarity" and code_tests.points == 4


def test_wrong_and_malformed_choices(tmp_path):
    from grader.commands.lab import find_course_root

    root = find_course_root()
    source = root / "exercises/01-pr-review/pr-review.ipynb"
    notebook_json = json.loads(source.read_text())
    cells = notebook_json["cells"]
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    cells[ids.index("part3-answer")]["source"] = 'labels = {"c1": "blocking", "c2": "blocking", "c3": "blocking", "c4": "blocking"}'
    cells[ids.index("part4-answer")]["source"] = 'ranking = ["a", "b"]'
    target = tmp_path / "exercises/01-pr-review/pr-review.ipynb"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(notebook_json))
    part3, part4 = collect_progress(tmp_path, solutions=root / "solutions").choices
    assert (part3.status, part3.earned, part3.points) == ("checked", 2.0, 4.0)  # c1 and c4 right
    assert part4.status == "checked" and part4.earned == 0 and "format check failed" in part4.message
    assert "must contain each of" in part4.message  # the learner's own format message, not the answer key


def test_code_in_a_choice_cell_is_not_executed(tmp_path):
    from grader.choice_parts import score_part

    marker = tmp_path / "ran"
    score = score_part(f"import pathlib; pathlib.Path({str(marker)!r}).touch()\nchoice = 'a'", "", "choice", 2)
    assert score.status == "not-checked" and not marker.exists()


def test_chart_without_missed_criteria_has_no_empty_panel(fake, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from grader.progress import plot_progress

    (tmp_path / "exercises/01").mkdir(parents=True)
    (tmp_path / "exercises/01/a.ipynb").write_text(notebook("%%answer demo/comment\nWhy not keep it because workers share it?\n"))
    figure = plot_progress(collect_progress(tmp_path))
    assert len(figure.axes) == 1 and figure.axes[0].get_title() == "Score per skill"
    (tmp_path / "empty/exercises").mkdir(parents=True)
    assert plot_progress(collect_progress(tmp_path / "empty")) is None
