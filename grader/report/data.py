"""Read one assignment's cohort out of the gradebook into plain records.

Scores come from nbgrader's grades (so manual overrides count); what each
learner met or missed per criterion comes from the results stored at autograde
time (``grader.nbgrader.store``), i.e. exactly what the learner was told.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ItemScore:
    """One learner's score on one graded cell."""

    student: str
    notebook: str
    grade_id: str
    score: float
    max_score: float
    auto_score: float | None
    manual_score: float | None


@dataclass(frozen=True)
class Item:
    """A graded cell of the assignment: a written answer (with its rubric) or a test cell."""

    notebook: str
    grade_id: str
    max_score: float
    rubric: str | None

    @property
    def kind(self) -> str:
        return "written answer" if self.rubric else "test cell"


@dataclass(frozen=True)
class Student:
    id: str
    score: float
    max_score: float
    seconds_late: float
    flagged: bool


@dataclass
class Cohort:
    assignment: str
    duedate: object
    items: list[Item] = field(default_factory=list)
    scores: list[ItemScore] = field(default_factory=list)
    students: list[Student] = field(default_factory=list)
    results: list = field(default_factory=list)  # grader.nbgrader.store.StoredResult
    flags: list[dict] = field(default_factory=list)
    gradebook_changes: list[dict] = field(default_factory=list)  # scores changed outside grader and formgrader
    duplicates: list[dict] = field(default_factory=list)  # near-duplicate answer pairs between learners
    failed: list[tuple[str, str]] = field(default_factory=list)  # (learner, reason and fix): submitted, not graded


def load_cohort(db_url: str, assignment: str, course: Path | None = None) -> Cohort:
    """Everything the report needs about ``assignment``; raises LookupError if it is not in the gradebook.

    ``course`` (the folder with submitted/ and autograded/) lets the report list
    submissions that could not be graded, with the reason.
    """
    from nbgrader.api import Gradebook, MissingEntry

    from grader.nbgrader import seal, store
    from grader.nbgrader.cohort_copies import duplicate_pairs
    from grader.nbgrader.master import load_master

    with Gradebook(db_url) as gradebook:
        try:
            record = gradebook.find_assignment(assignment)
        except MissingEntry:
            known = ", ".join(a.name for a in gradebook.assignments) or "none"
            raise LookupError(f"assignment {assignment!r} is not in the gradebook {db_url} (known: {known})") from None
        cohort = Cohort(assignment=assignment, duedate=record.duedate)
        for notebook in sorted(record.notebooks, key=lambda n: n.name):
            master = load_master(gradebook, notebook.name, assignment)
            cohort.items += sorted(
                (Item(notebook.name, c.grade_id, c.points, c.rubric) for c in master.cells if c.grade),
                key=lambda item: item.grade_id,
            )
        for submission in sorted(record.submissions, key=lambda s: s.student.id):
            flagged = any(n.flagged for n in submission.notebooks)
            cohort.students.append(Student(submission.student.id, submission.score, submission.max_score,
                                           submission.total_seconds_late or 0.0, flagged))
            for notebook in submission.notebooks:
                cohort.scores += [
                    ItemScore(submission.student.id, notebook.name, g.name, g.score, g.max_score, g.auto_score,
                              g.manual_score)
                    for g in notebook.grades
                ]
        connection = gradebook.db.connection()
        cohort.results = store.read_results(connection, assignment)
        cohort.flags = store.read_flags(connection, assignment)
        cohort.gradebook_changes = seal.verify(gradebook, assignment)
        cohort.duplicates = duplicate_pairs(cohort.results)
        notebooks = [n.name for n in record.notebooks]
    if course is not None:
        cohort.failed = failed_submissions(course, assignment, notebooks)
    return cohort


def failed_submissions(course: Path, assignment: str, notebooks: list[str]) -> list[tuple[str, str]]:
    """Learners with a submission but no autograded notebook: the reason, and how to fix it."""
    from grader.nbgrader.submission import diagnose_submission

    failed = []
    for folder in sorted((course / "submitted").glob(f"*/{assignment}")):
        student = folder.parent.name
        graded = all((course / "autograded" / student / assignment / f"{n}.ipynb").is_file() for n in notebooks)
        if graded:
            continue
        problems = diagnose_submission(folder, notebooks) or ["not autograded yet"]
        fix = (f"fix: ask {student} to re-submit, then run `softskills autograde {assignment} --student {student} "
               "--force`")
        failed.append((student, "; ".join(problems) + "; " + fix))
    return failed
