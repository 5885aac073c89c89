"""``softskills report``: per-item distributions and per-criterion miss rates from a gradebook.

The gradebook is built here through nbgrader's own API (no notebooks run), with
results stored the way the autograde step stores them, so every expected figure
is known exactly.
"""
from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from sqlalchemy import inspect

from grader.answers import PLACEHOLDER
from grader.cli import main
from grader.nbgrader import store

A, NB = "01-demo", "demo"
# nbgrader's add_submission triggers these inside its own API; they are not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")


def _criterion(cid: str, met: bool) -> dict:
    return {"id": cid, "description": f"Does {cid}", "points": 1, "earned": 1 if met else 0, "met": met,
            "feedback": f"{cid} ok" if met else f"Hint: add {cid}", "spans": []}


def _result(met: dict[str, bool]) -> dict:
    return {"rubric": "pr-review/comment", "score": sum(met.values()), "max_score": len(met),
            "criteria": [_criterion(c, m) for c, m in met.items()], "suggestions": []}


# student -> (answer status, criteria met, auto score of the answer, auto score of the test cell)
COHORT = {
    "ana": ("graded", {"specific": True, "explains-why": True, "suggests-path": True}, 10.0, 2.0),
    "bo": ("graded", {"specific": False, "explains-why": True, "suggests-path": False}, 10 / 3, 0.0),
    "cy": ("graded", {"specific": False, "explains-why": False, "suggests-path": True}, 10 / 3, 2.0),
    "dee": ("blank", None, 0.0, 0.0),
}


@pytest.fixture()
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(url, "multiplier") as gb:
        gb.add_assignment(A, duedate=datetime(2026, 3, 1, 17))
        gb.add_notebook(NB, A)
        gb.add_source_cell("answer", NB, A, cell_type="code", locked=False,
                           source=f"%%answer pr-review/comment\n{PLACEHOLDER}", checksum="x")
        gb.add_grade_cell("answer", NB, A, max_score=10, cell_type="code")
        gb.add_solution_cell("answer", NB, A)
        gb.add_source_cell("test", NB, A, cell_type="code", locked=True, source="assert True", checksum="y")
        gb.add_grade_cell("test", NB, A, max_score=2, cell_type="code")
        for student, (status, met, answer_score, test_score) in COHORT.items():
            gb.add_student(student)
            late = datetime(2026, 3, 2, 9) if student == "cy" else datetime(2026, 3, 1, 12)
            gb.add_submission(A, student, timestamp=late)
            gb.find_grade("answer", NB, A, student).auto_score = answer_score
            gb.find_grade("test", NB, A, student).auto_score = test_score
            store.replace_notebook_records(gb.db, course="multiplier", assignment=A, notebook=NB, student=student,
                                           results=[{"grade_id": "answer", "rubric": "pr-review/comment",
                                                     "points": 10.0, "status": status, "auto_score": answer_score,
                                                     "result": _result(met) if met else None}],
                                           flags=[])
        store.replace_notebook_records(gb.db, course="multiplier", assignment=A, notebook=NB, student="bo",
                                       results=[{"grade_id": "answer", "rubric": "pr-review/comment", "points": 10.0,
                                                 "status": "graded", "auto_score": 10 / 3,
                                                 "result": _result(COHORT["bo"][1])}],
                                       flags=[{"kind": "kernel-tampering", "grade_id": None,
                                               "message": "Cell 3 assigns to an attribute of the grader package"}])
        gb.find_submission_notebook(NB, A, "bo").flagged = True
        gb.find_grade("answer", NB, A, "cy").manual_score = 6.0  # an instructor's override
        gb.db.commit()
    return url


def _rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_report_figures(db: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["report", A, "--db", db, "--out", str(out)]) == 0
    criteria = {r["criterion"]: r for r in _rows(out / "criteria.csv")}
    # three written answers were graded (the blank one is not a miss of every criterion)
    assert {c: (r["answers_graded"], r["missed"], r["miss_rate"]) for c, r in criteria.items()} == {
        "specific": ("3", "2", "0.667"), "suggests-path": ("3", "1", "0.333"), "explains-why": ("3", "1", "0.333")}
    assert [r["criterion"] for r in _rows(out / "criteria.csv")][0] == "specific"  # most missed first
    assert criteria["specific"]["hint"] == "Hint: add specific"

    items = {r["item"]: r for r in _rows(out / "items.csv")}
    assert items["answer"]["kind"] == "written answer" and items["answer"]["rubric"] == "pr-review/comment"
    # scores include the manual override (cy: 6, not 3.33)
    assert items["answer"]["mean"] == f"{(10 + 10 / 3 + 6 + 0) / 4:.2f}"
    assert items["answer"]["zeros"] == "1" and items["answer"]["full_marks"] == "1"
    assert items["answer"]["manual_overrides"] == "1"
    assert items["test"]["kind"] == "test cell" and items["test"]["mean"] == "1.00"

    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 2
    assert "<td>bo</td><td>demo</td><td></td><td>kernel-tampering</td>" in html
    printed = capsys.readouterr().out
    assert "4 submissions" in printed and "1 late" in printed and "1 with integrity flags" in printed
    assert "missed by  67% (2/3): pr-review/comment · specific" in printed


def test_unknown_assignment_and_missing_gradebook_are_usage_errors(db: str, tmp_path: Path, capsys) -> None:
    assert main(["report", "99-nope", "--db", db, "--out", str(tmp_path / "x")]) == 2
    assert "'99-nope' is not in the gradebook" in capsys.readouterr().err
    assert main(["report", A, "--db", f"sqlite:///{tmp_path / 'absent.db'}"]) == 2
    assert "no gradebook at" in capsys.readouterr().err


def test_gradebook_never_autograded_by_multiplier_reports_without_criteria(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'plain.db'}"
    with Gradebook(url) as gb:
        gb.add_assignment("ps1")
        gb.add_notebook("problems", "ps1")
        gb.add_grade_cell("q1", "problems", "ps1", max_score=3, cell_type="code")
        gb.add_source_cell("q1", "problems", "ps1", cell_type="code", locked=True, source="assert x", checksum="z")
        gb.add_student("ann")
        gb.add_submission("ps1", "ann")
        gb.find_grade("q1", "problems", "ps1", "ann").auto_score = 3.0
        gb.db.commit()
    assert main(["report", "ps1", "--db", url, "--out", str(tmp_path / "out")]) == 0
    assert _rows(tmp_path / "out" / "criteria.csv") == []
    assert _rows(tmp_path / "out" / "items.csv")[0]["mean"] == "3.00"
    with Gradebook(url) as gb:  # the report only read: no Multiplier tables were created
        assert not any(name.startswith("multiplier_") for name in inspect(gb.engine).get_table_names())
