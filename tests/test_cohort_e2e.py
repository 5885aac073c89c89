"""A simulated cohort of 33 learners through the real nbgrader commands, then ``softskills report``.

generate_assignment -> (collect: files written to submitted/) -> autograde -> generate_feedback
-> export -> softskills report, on the real assignment ``solutions/01-pr-review``. The cohort mixes
excellent, weak, blank, late, tampered (every kind the glue defends against) and malformed
submissions. Expected answer scores are computed here, independently, as
``points * grader.check(text, master rubric, master brief).fraction`` of the text the submission holds.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402

import grader  # noqa: E402

pytestmark = pytest.mark.nbgrader
ASSIGNMENT = "01-pr-review"

# student id -> (submission builder, timestamp); the id says what the learner did
PLAN = {
    **{f"excellent-{i}": (C.excellent, C.ON_TIME) for i in range(1, 7)},
    **{f"weak-{i}": (C.weak, C.ON_TIME) for i in range(1, 7)},
    **{f"blank-{i}": (C.blank, C.ON_TIME) for i in range(1, 5)},
    **{f"late-{i}": (C.excellent, C.LATE) for i in range(1, 3)},
    "late-weak": (C.weak, C.LATE),
    "tamper-kernel": (C.tamper_kernel, C.ON_TIME),
    "tamper-edit-test": (C.tamper_edit_test, C.ON_TIME),
    "tamper-delete-test": (C.tamper_delete_test, C.ON_TIME),
    "tamper-rubric": (C.tamper_rubric, C.ON_TIME),
    "tamper-points": (C.tamper_points, C.ON_TIME),
    "tamper-flags": (C.tamper_flags, C.ON_TIME),
    "tamper-grade-id": (C.tamper_grade_id, C.ON_TIME),
    "tamper-duplicate": (C.tamper_duplicate, C.ON_TIME),
    "tamper-outputs": (C.tamper_outputs, C.ON_TIME),
    "tamper-extra-answer": (C.extra_answer, C.ON_TIME),
    "malformed-missing-cells": (C.missing_cells, C.ON_TIME),
    "malformed-wrong-kernel": (C.wrong_kernel, C.ON_TIME),
}
BROKEN = {  # files nbgrader cannot read at all
    "malformed-invalid-json": '{"cells": [{"cell_type": "code", "source": "%%answer pr-review/comment\\nhalf a',
    "malformed-not-a-notebook": '{"comment": "exported from Google Docs", "text": "my review"}',
}
EXPECTED_FLAGS = {
    "tamper-kernel": "kernel-tampering",
    "tamper-edit-test": "edited-locked-cell",
    "tamper-delete-test": "missing-cell",
    "tamper-rubric": "rubric-changed",
    "tamper-points": "changed-metadata",
    "tamper-flags": "changed-metadata",
    "tamper-grade-id": "unknown-cell",
    "tamper-duplicate": "duplicate-cell",
    "tamper-outputs": "text-in-outputs",
    "tamper-extra-answer": "extra-answer-cell",
    "malformed-missing-cells": "missing-cell",
    "malformed-wrong-kernel": "kernel-changed",
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    source = C.REPO / "solutions" / ASSIGNMENT
    if not source.is_dir():
        pytest.skip(f"{source} is not written yet")
    root = C.make_course(tmp_path_factory.mktemp("cohort") / "course", ASSIGNMENT, source)
    a = C.Assignment.from_course(root, ASSIGNMENT)
    submissions = {}
    for student, (build, timestamp) in PLAN.items():
        submissions[student] = build(a)
        C.write(root, student, a, submissions[student], timestamp)
    for student, text in BROKEN.items():
        C.write(root, student, a, text)
    before = C.tree_digest(root / "submitted")
    runs = {
        "autograde": C.run(root, "nbgrader", "autograde", ASSIGNMENT, check=False),
        "feedback": C.run(root, "nbgrader", "generate_feedback", ASSIGNMENT, check=False),
        "export": C.run(root, "nbgrader", "export", "--to=grades.csv"),
        "report": C.run(root, "softskills", "report", ASSIGNMENT, "--out", "report"),
    }
    return {"root": root, "a": a, "submissions": submissions, "before": before, "runs": runs,
            "scores": C.gradebook_scores(root, ASSIGNMENT)}


def merit(a: C.Assignment, nb: dict) -> dict[str, float]:
    """grade_id -> what the answer text in this submission earns on the master rubric."""
    return {grade_id: 0.0 if not text
            else a.points[grade_id] * grader.check(text, a.answers[grade_id], a.briefs.get(grade_id)).fraction
            for grade_id, text in C.graded_texts(a, nb).items()}


def total(scores: dict, student: str) -> float:
    return sum((manual if manual is not None else auto or 0.0)
               for (s, _, _), (auto, manual, _) in scores.items() if s == student)


def test_the_cohort_has_at_least_30_learners(course) -> None:
    assert len(PLAN) + len(BROKEN) >= 30


def test_answer_cells_score_exactly_their_texts_merit(course) -> None:
    a, scores = course["a"], course["scores"]
    for student, nb in course["submissions"].items():
        expected = merit(a, nb)
        if student == "tamper-grade-id":  # the renamed cell is not the assignment's: its answer is missing
            expected[C.first_answer(a)] = 0.0
        for grade_id, value in expected.items():
            auto = scores[(student, a.notebook, grade_id)][0]
            assert auto == pytest.approx(value, abs=1e-3), (student, grade_id)


def test_excellent_beats_weak_beats_blank(course) -> None:
    scores = course["scores"]
    excellent = {total(scores, f"excellent-{i}") for i in range(1, 7)}
    weak = {total(scores, f"weak-{i}") for i in range(1, 7)}
    blank = {total(scores, f"blank-{i}") for i in range(1, 5)}
    assert min(excellent) > max(weak) > 0
    assert blank == {0.0}
    maximum = sum(course["a"].points.values())
    assert excellent == {maximum}, "the model answers and solutions must earn full marks"


def test_tampering_earns_no_more_than_the_written_text(course) -> None:
    a, scores = course["a"], course["scores"]
    weak_total = total(scores, "weak-1")
    for student in ("tamper-kernel", "tamper-edit-test", "tamper-delete-test", "tamper-rubric", "tamper-points",
                    "tamper-flags", "tamper-extra-answer"):
        assert total(scores, student) <= weak_total + 1e-6, student
    for student, nb in course["submissions"].items():
        if student.startswith("tamper-"):
            assert total(scores, student) <= sum(merit(a, nb).values()) + sum(
                a.points[t] for t in a.test_cells) + 1e-6
    # deleted or edited tests were put back from the master copy and ran (unanswered: 0)
    for student in ("tamper-edit-test", "tamper-delete-test", "tamper-flags"):
        for test in a.test_cells:
            assert scores[(student, a.notebook, test)][0] == 0.0, (student, test)
    # points claimed in the submission are ignored
    assert all(maximum == a.points[g] for (s, _, g), (_, _, maximum) in scores.items() if s == "tamper-points")
    assert scores[("tamper-outputs", a.notebook, C.first_answer(a))][0] == 0.0
    assert scores[("tamper-grade-id", a.notebook, C.first_answer(a))][0] == 0.0


def test_every_tampering_is_flagged_in_log_comment_and_report(course) -> None:
    from nbgrader.api import Gradebook

    log = course["runs"]["autograde"].stdout + course["runs"]["autograde"].stderr
    report = (course["root"] / "report" / "report.html").read_text(encoding="utf-8")
    a = course["a"]
    with Gradebook(f"sqlite:///{course['root'] / 'gradebook.db'}") as gb:
        for student, kind in EXPECTED_FLAGS.items():
            assert f"[integrity] student '{student}'" in log, student
            notebook = gb.find_submission_notebook(a.notebook, ASSIGNMENT, student)
            assert notebook.flagged, student
            comments = "\n".join(c.auto_comment or "" for c in notebook.comments)
            assert "Integrity flags" in comments, student
            assert f"<td>{student}</td><td>{a.notebook}</td>" in report and kind in report, student
        for student in [s for s in PLAN if s.split("-")[0] in ("weak", "blank")] + ["late-weak"]:
            notebook = gb.find_submission_notebook(a.notebook, ASSIGNMENT, student)
            assert not notebook.flagged, student
            assert f"[integrity] student '{student}'" not in log
        # the excellent learners hand in the model answers verbatim: flagged as copies, nothing else
        for student in [s for s in PLAN if s.startswith("excellent")] + ["late-1", "late-2"]:
            lines = [line for line in log.splitlines() if f"[integrity] student '{student}'" in line]
            assert lines and all("repeats the model answer in solutions/" in line for line in lines), student


def test_unreadable_files_get_clear_messages(course) -> None:
    from grader.nbgrader.submission import diagnose_submission

    run = course["runs"]["autograde"]
    log = run.stdout + run.stderr
    assert run.returncode != 0
    for student in BROKEN:
        assert f"There was an error processing assignment '{ASSIGNMENT}' for student '{student}'" in log
    assert "Notebook does not appear to be JSON" in log
    folder = course["root"] / "submitted"
    (json_problem,) = diagnose_submission(folder / "malformed-invalid-json" / ASSIGNMENT, [course["a"].notebook])
    assert "is not valid JSON (line 1" in json_problem and "re-submit" in json_problem
    (shape_problem,) = diagnose_submission(folder / "malformed-not-a-notebook" / ASSIGNMENT, [course["a"].notebook])
    assert "not a valid notebook" in shape_problem
    # everyone else was graded
    assert not (course["root"] / "autograded" / "malformed-invalid-json" / ASSIGNMENT).exists()
    for student in PLAN:
        assert (course["root"] / "autograded" / student / ASSIGNMENT / f"{course['a'].notebook}.ipynb").is_file()


def test_no_submitted_file_was_lost_or_altered(course) -> None:
    assert C.tree_digest(course["root"] / "submitted") == course["before"]


def test_late_submissions_are_recorded(course) -> None:
    with open(course["root"] / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    for student in PLAN:
        assert float(rows[student]["raw_score"]) == pytest.approx(total(course["scores"], student), abs=1e-3)
    assert rows["late-1"]["timestamp"].startswith("2026-03-02 09:15")
    assert rows["excellent-1"]["timestamp"].startswith("2026-03-01 12:30")
    assert "3 late" in course["runs"]["report"].stdout


def test_feedback_shows_score_criteria_hints_and_highlights(course) -> None:
    a = course["a"]
    html = (course["root"] / "feedback" / "weak-1" / ASSIGNMENT / f"{a.notebook}.html").read_text(encoding="utf-8")
    assert html.count('class="multiplier-feedback"') >= len(a.answers)
    for grade_id, rubric in a.answers.items():
        result = grader.check(a.weak_text(grade_id), rubric, a.briefs.get(grade_id))
        assert f"{result.score:g} / {result.max_score:g}" in html
        for criterion in result.criteria:
            assert criterion.description.replace("'", "&#x27;") in html or criterion.description in html
            if not criterion.met:  # the hint a learner can act on
                assert criterion.feedback.replace("'", "&#x27;") in html or criterion.feedback in html
    assert "Not yet" in html and "<mark" in html
    assert "Automatic score" in html  # the automatic comment, in nbgrader's comment box


def test_report_miss_rates_match_the_answers(course) -> None:
    a = course["a"]
    with open(course["root"] / "report" / "criteria.csv", newline="", encoding="utf-8") as handle:
        rows = {(r["rubric"], r["criterion"]): r for r in csv.DictReader(handle)}
    expected: dict[tuple[str, str], list[int]] = {}
    for student, nb in course["submissions"].items():
        for grade_id, text in C.graded_texts(a, nb).items():
            if not text or (student == "tamper-grade-id" and grade_id == C.first_answer(a)):
                continue
            for criterion in grader.check(text, a.answers[grade_id], a.briefs.get(grade_id)).criteria:
                counts = expected.setdefault((a.answers[grade_id], criterion.id), [0, 0])
                counts[0] += 1
                counts[1] += 0 if criterion.met else 1
    assert set(rows) == set(expected)
    for key, (answers, missed) in expected.items():
        assert int(rows[key]["answers_graded"]) == answers and int(rows[key]["missed"]) == missed, key
    html = (course["root"] / "report" / "report.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 2
    with open(course["root"] / "report" / "items.csv", newline="", encoding="utf-8") as handle:
        items = {r["item"]: r for r in csv.DictReader(handle)}
    assert set(items) == set(a.points)
    assert all(int(r["submissions"]) == len(PLAN) + len(BROKEN) for r in items.values())
