"""Read one assignment's cohort out of the gradebook into plain records.

Scores come from nbgrader's grades (so manual overrides count); what each
learner met or missed per criterion comes from the results stored at autograde
time (``grader.nbgrader.store``), i.e. exactly what the learner was told.
"""
from __future__ import annotations

from dataclasses import dataclass, field


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


def load_cohort(db_url: str, assignment: str) -> Cohort:
    """Everything the report needs about ``assignment``; raises LookupError if it is not in the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    from grader.nbgrader import store
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
    return cohort
