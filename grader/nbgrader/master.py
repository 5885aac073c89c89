"""The instructor's master copy of a notebook, as nbgrader stored it in the gradebook.

Every grading decision (which cells exist, their points, which rubric an answer
cell uses) is read from here and never from a submission: ``generate_assignment``
saved these rows from ``solutions/``, so a learner cannot change them.
"""
from __future__ import annotations

from dataclasses import dataclass

from grader.answers import parse_answer_cell


@dataclass(frozen=True)
class MasterCell:
    """One nbgrader cell (grade, solution, task or locked) of the master notebook."""

    grade_id: str
    cell_type: str
    source: str
    checksum: str | None
    locked: bool
    grade: bool
    solution: bool
    task: bool
    points: float | None
    rubric: str | None  # set for answer cells only
    brief: str | None = None  # the --brief of the master's magic line (answer cells only)

    @property
    def is_answer(self) -> bool:
        return self.rubric is not None

    def nbgrader_metadata(self) -> dict:
        """The cell's nbgrader metadata as generate_assignment released it."""
        meta = {
            "grade": self.grade,
            "grade_id": self.grade_id,
            "locked": self.locked,
            "schema_version": 3,
            "solution": self.solution,
        }
        if self.task:
            meta["task"] = True
        if self.points is not None:
            meta["points"] = self.points
        return meta


@dataclass(frozen=True)
class MasterNotebook:
    """The master cells of one notebook (the gradebook keeps no cell order; none is needed)."""

    assignment: str
    notebook: str
    cells: tuple[MasterCell, ...]
    kernel_name: str | None

    def cell(self, grade_id: str) -> MasterCell | None:
        return next((c for c in self.cells if c.grade_id == grade_id), None)

    @property
    def answer_cells(self) -> tuple[MasterCell, ...]:
        return tuple(c for c in self.cells if c.is_answer)


def load_master(gradebook, notebook_id: str, assignment_id: str) -> MasterNotebook:  # noqa: ANN001 - nbgrader Gradebook
    """Read the master notebook from an open nbgrader ``Gradebook``."""
    import json

    notebook = gradebook.find_notebook(notebook_id, assignment_id)
    grade_cells = {c.name: c for c in notebook.grade_cells}
    solution_names = {c.name for c in notebook.solution_cells}
    task_cells = {c.name: c for c in notebook.task_cells}
    cells = []
    for source_cell in notebook.source_cells:
        name = source_cell.name
        graded = grade_cells.get(name) or task_cells.get(name)
        is_answer = name in grade_cells and name in solution_names and source_cell.cell_type == "code"
        parsed = parse_answer_cell(source_cell.source) if is_answer else None
        cells.append(MasterCell(
            grade_id=name,
            cell_type=source_cell.cell_type,
            source=source_cell.source,
            checksum=source_cell.checksum,
            locked=bool(source_cell.locked),
            grade=name in grade_cells,
            solution=name in solution_names,
            task=name in task_cells,
            points=float(graded.max_score) if graded is not None else None,
            rubric=parsed.rubric if parsed and parsed.rubric else None,
            brief=parsed.brief if parsed else None,
        ))
    kernelspec = json.loads(notebook.kernelspec) if notebook.kernelspec else {}
    return MasterNotebook(assignment_id, notebook_id, tuple(cells), kernelspec.get("name"))

