"""Autograde: nbgrader's SaveAutoGrades, plus rubric scores for ``%%answer`` cells.

For every answer cell of the master copy (gradebook ``SourceCell`` + ``GradeCell``):

* the text comes from the SUBMITTED file on disk (``submitted/<student>/<assignment>/``),
  read here, after the notebook ran; nothing the learner's kernel did during
  autograde can reach it, and grading runs in this process, not in the kernel;
* the rubric id, the brief (``--brief`` on the master's magic line) and the
  points come from the master copy, never from the submission's magic line or metadata;
* ``auto_score = points * result.fraction``, the per-criterion feedback becomes
  the automatic comment, and the feedback panel replaces the cell's outputs (so
  ``generate_feedback`` shows it);
* manual scores and comments are never touched (nbgrader reads the manual value
  first), so an instructor's override survives any re-run.

Integrity flags (``tamper.py``) go to the log, the comments, nbgrader's
"flagged" mark on the submitted notebook, and the ``multiplier_*`` tables the
report reads. Every other cell is handled by SaveAutoGrades unchanged.
"""
from __future__ import annotations

import os

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor, SaveAutoGrades

import grader
from grader.answers import answer_body, parse_answer_cell
from grader.nbgrader import store
from grader.nbgrader.course import course_directory
from grader.nbgrader.feedback import comment_text, feedback_output, live_panel_text
from grader.nbgrader.master import MasterCell, load_master
from grader.nbgrader.tamper import Flag, cell_source, detect_tampering, graded_copy, hidden_output_flag


class SaveRubricGrades(SaveAutoGrades):
    """Save nbgrader's automatic grades, grading answer cells with the rubric engine."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        self.notebook_id, self.assignment_id = info["notebook"], info["assignment"]
        self.student_id, self.db_url = info["student"], info["db_url"]
        self._submitted = _read_submission(self._submitted_path())
        self.gradebook = Gradebook(self.db_url)
        with self.gradebook:
            self._master = load_master(self.gradebook, self.notebook_id, self.assignment_id)
            self._flags = detect_tampering(self._submitted, self._master)
            self._results: list[dict] = []
            self._notebook_flags_shown = False
            nb, resources = NbGraderPreprocessor.preprocess(self, nb, resources)
            self._finish()
        return nb, resources

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, cell_index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        master_cell = self._master.cell(grade_id) if grade_id else None
        if master_cell is None or not master_cell.is_answer:
            return super().preprocess_cell(cell, resources, cell_index)
        self._grade_answer(cell, master_cell)
        return cell, resources

    def _grade_answer(self, cell: NotebookNode, master_cell: MasterCell) -> None:
        grade_id, points = master_cell.grade_id, master_cell.points
        copy = graded_copy(self._submitted, grade_id)
        text = _answer_text(copy)
        flags = self._flags_for(grade_id)
        result, error = None, None
        try:
            result = grader.check(text, master_cell.rubric, master_cell.brief)
        except Exception as exc:  # one broken rubric must not stop the cohort: the cell goes to manual grading
            error = f"{type(exc).__name__}: {exc}"
            self.log.error("Rubric grading failed for %s/%s cell '%s': %s",
                           self.student_id, self.notebook_id, grade_id, error)
        blank = not text
        auto_score = None if error else (0.0 if blank else round(points * result.fraction, 4))
        if copy is not None:
            hidden = hidden_output_flag(copy, cell_source(copy) + "\n" + live_panel_text(result), grade_id)
            if hidden is not None:
                self._flags.append(hidden)
                flags.append(hidden)

        grade = self.gradebook.find_grade(grade_id, self.notebook_id, self.assignment_id, self.student_id)
        grade.auto_score = auto_score
        for_instructor = result is not None and any(f.for_instructor for f in result.flags)  # e.g. not in English
        grade.needs_manual_grade = auto_score is None or grade.manual_score is not None or bool(flags) or for_instructor
        comment = self.gradebook.find_comment(grade_id, self.notebook_id, self.assignment_id, self.student_id)
        comment.auto_comment = comment_text(result, points, auto_score, flags, blank=blank, error=error)
        self.gradebook.db.commit()

        cell.outputs = [feedback_output(result, points, flags, blank=blank, error=error,
                                        comment=comment.auto_comment)]
        status = "failed" if error else "blank" if blank else "graded"
        self._results.append({"grade_id": grade_id, "rubric": master_cell.rubric, "points": points,
                              "status": status, "auto_score": auto_score,
                              "result": result.to_dict() if status == "graded" else None})

    def _flags_for(self, grade_id: str) -> list[Flag]:
        """This cell's flags, plus (once, on the first answer cell) the notebook-wide ones."""
        answer_ids = {c.grade_id for c in self._master.answer_cells}
        flags = [f for f in self._flags if f.grade_id == grade_id]
        if not self._notebook_flags_shown:
            flags += [f for f in self._flags if f.grade_id not in answer_ids]
            self._notebook_flags_shown = True
        return flags

    def _finish(self) -> None:
        """Log the flags, mark the notebook flagged, and store results and flags durably."""
        for flag in self._flags:
            self.log.warning("[integrity] student '%s', %s.ipynb: %s", self.student_id, self.notebook_id, flag.message)
        submission = self.gradebook.find_submission_notebook(self.notebook_id, self.assignment_id, self.student_id)
        if self._flags:
            submission.flagged = True  # nbgrader's own flag: formgrader shows it on the submission
        course = self.gradebook.find_assignment(self.assignment_id).course_id
        store.replace_notebook_records(
            self.gradebook.db, course=course, assignment=self.assignment_id, notebook=self.notebook_id,
            student=self.student_id, results=self._results, flags=[f.to_dict() for f in self._flags],
        )
        self.gradebook.db.commit()

    def _submitted_path(self) -> str:
        coursedir = course_directory(self)
        folder = coursedir.format_path(coursedir.submitted_directory, self.student_id, self.assignment_id)
        return os.path.join(folder, f"{self.notebook_id}.ipynb")


def _answer_text(cell: dict | None) -> str:
    """The prose of a submitted answer cell; a cell whose magic line was removed is still graded."""
    if cell is None:
        return ""
    source = cell_source(cell)
    parsed = parse_answer_cell(source)
    return parsed.text if parsed is not None else answer_body(source)


def _read_submission(path: str) -> dict:
    """The submitted notebook as nbformat reads it (older formats upgraded to v4), unvalidated.

    nbgrader has read this very file successfully in its sanitize step, so the
    read cannot fail here; no validation, because a tampered file is exactly
    the one whose metadata may not validate.
    """
    import nbformat

    with open(path, encoding="utf-8") as handle:
        return nbformat.read(handle, as_version=4, capture_validation_error={})

