"""``softskills autograde --jobs N`` writes exactly the grades plain ``nbgrader autograde`` writes."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402

ASSIGNMENT = "fixture"
COHORT = {
    "ana": C.excellent, "bo": C.excellent, "cai": C.weak, "dev": C.weak, "eli": C.blank,
    "fay": C.tamper_duplicate, "gus": C.tamper_kernel, "hal": C.tamper_delete_test,
}


def comments(root: Path) -> dict:
    """Automatic comments and flags; the cohort-wide near-duplicate notes (softskills only) left out."""
    from nbgrader.api import Gradebook

    found = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for submission in gb.find_assignment(ASSIGNMENT).submissions:
            for notebook in submission.notebooks:
                found.update({(submission.student.id, c.name): (c.auto_comment or "").split("\n\nIntegrity flag: ")[0]
                              for c in notebook.comments})
    return found


@pytest.mark.nbgrader
def test_parallel_autograde_equals_plain_nbgrader(tmp_path) -> None:
    serial = C.make_course(tmp_path / "serial", ASSIGNMENT, C.FIXTURE / "solutions" / ASSIGNMENT)
    a = C.Assignment.from_course(serial, ASSIGNMENT)
    for student, build in COHORT.items():
        C.write(serial, student, a, build(a))
    C.write(serial, "ivy", a, '{"cells": [')  # damaged file
    parallel = tmp_path / "parallel"
    shutil.copytree(serial, parallel)

    plain = C.run(serial, "nbgrader", "autograde", ASSIGNMENT, check=False)
    ours = C.run(parallel, "softskills", "autograde", ASSIGNMENT, "--jobs", "2", check=False)

    assert plain.returncode == 1 and ours.returncode == 1  # both report the damaged file
    assert C.gradebook_scores(parallel, ASSIGNMENT) == C.gradebook_scores(serial, ASSIGNMENT)
    assert comments(parallel) == comments(serial)
    assert len(C.gradebook_scores(parallel, ASSIGNMENT)) == (len(COHORT) + 1) * len(a.points)
    assert f"{ASSIGNMENT}: {len(COHORT)} graded, 0 skipped, 1 failed, of {len(COHORT) + 1} learners" in ours.stdout
    assert "Submitted files unchanged" in ours.stdout
    assert "near-duplicate of bo's answer" in ours.stdout  # ana and bo both handed in the model answers
    assert "ivy: fixture.ipynb is not valid JSON (line 1, column 12" in ours.stdout
    assert "learner" in ours.stderr and "9/9" in ours.stderr  # the tqdm progress bar

    # --student and --force: re-grade one learner, nothing else changes
    before = C.gradebook_scores(parallel, ASSIGNMENT)
    again = C.run(parallel, "softskills", "autograde", ASSIGNMENT, "--student", "cai", "--force", "--jobs", "1")
    assert "1 graded, 0 skipped, 0 failed, of 1 learners" in again.stdout
    assert C.gradebook_scores(parallel, ASSIGNMENT) == before


def test_locked_database_is_retried_then_reported(monkeypatch) -> None:
    from grader.commands import autograde

    calls = []

    class FakeAPI:
        def __init__(self, locked_runs: int) -> None:
            self.locked_runs = locked_runs

        def autograde(self, assignment, student, force, create):
            calls.append(force)
            if len(calls) <= self.locked_runs:
                return {"success": False, "error": "sqlite3.OperationalError: database is locked"}
            return {"success": True, "log": "[WARNING] [integrity] student 'ana', fixture.ipynb: Cell 3 ..."}

    monkeypatch.setattr(autograde.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(autograde, "_API", FakeAPI(locked_runs=2))
    student, error, flags = autograde._autograde((ASSIGNMENT, "ana", False, 3))
    assert (student, error) == ("ana", None) and calls == [False, True, True]
    assert flags == ["[integrity] student 'ana', fixture.ipynb: Cell 3 ..."]

    calls.clear()
    monkeypatch.setattr(autograde, "_API", FakeAPI(locked_runs=10))
    student, error, _ = autograde._autograde((ASSIGNMENT, "ana", False, 2))
    assert "database is locked" in error and len(calls) == 3


def test_unknown_student_is_a_usage_error(tmp_path, capsys) -> None:
    from grader.cli import main

    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    (tmp_path / "submitted" / "ana" / ASSIGNMENT).mkdir(parents=True)
    assert main(["autograde", ASSIGNMENT, "--course", str(tmp_path), "--student", "zed"]) == 2
    assert "no submission of fixture for: zed" in capsys.readouterr().err
