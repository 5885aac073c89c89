"""Autograde: nbgrader's SaveAutoGrades, plus rubric scores for ``%%answer`` cells.

For every answer cell of the master copy (gradebook ``SourceCell`` + ``GradeCell``):

* the text comes from the snapshot of the submitted file taken by the first
  sanitize step (``snapshot.py``), before any learner code ran; nothing the
  learner's kernel did during autograde can reach it, and grading runs in this
  process, not in the kernel;
* the rubric id, the brief (``--brief`` on the master's magic line) and the
  points come from the master copy, never from the submission's magic line or metadata;
* ``auto_score = points * result.fraction``, the per-criterion feedback becomes
  the automatic comment, and the feedback panel replaces the cell's outputs (so
  ``generate_feedback`` shows it);
* manual scores and comments are never touched (nbgrader reads the manual value
  first), so an instructor's override survives any re-run, and a cell with an
  override stays graded (nbgrader's own step would send it back to "needs
  manual grade" on every ``--force``);
* at the end the grader's record of every score is sealed (``seal.py``), so a
  score changed later outside the grader and formgrader is detected.

Integrity flags (``tamper.py``) go to the log, the comments, nbgrader's
"flagged" mark on the submitted notebook, and the ``multiplier_*`` tables the
report reads. Every other cell is handled by SaveAutoGrades unchanged.
"""
from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor, SaveAutoGrades

import grader
from grader.answers import answer_body, parse_answer_cell
from grader.nbgrader import copies, seal, store
from grader.nbgrader.feedback import comment_text, feedback_output, live_panel_text, rubric_vocabulary
from grader.nbgrader.master import MasterCell, load_master
from grader.nbgrader.snapshot import snapshot_for
from grader.nbgrader.tamper import Flag, cell_source, detect_tampering, graded_copy, hidden_output_flag


class SaveRubricGrades(SaveAutoGrades):
    """Save nbgrader's automatic grades, grading answer cells with the rubric engine."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        self.notebook_id, self.assignment_id = info["notebook"], info["assignment"]
        self.student_id, self.db_url = info["student"], info["db_url"]
        snapshot = snapshot_for(self, resources)
        self._submitted = snapshot.notebook
        self.gradebook = Gradebook(self.db_url)
        with self.gradebook:
            self._master = load_master(self.gradebook, self.notebook_id, self.assignment_id)
            self._flags = detect_tampering(self._submitted, self._master) + snapshot.flags
            self._models = _model_answers(self)
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
            cell, resources = super().preprocess_cell(cell, resources, cell_index)
            if master_cell is not None and master_cell.grade:
                self._keep_override_graded(grade_id)
            return cell, resources
        self._grade_answer(cell, master_cell)
        return cell, resources

    def _keep_override_graded(self, grade_id: str) -> None:
        """An instructor's score is the grade: a re-run must not send the cell back to manual grading."""
        grade = self.gradebook.find_grade(grade_id, self.notebook_id, self.assignment_id, self.student_id)
        if grade.manual_score is not None and grade.needs_manual_grade:
            grade.needs_manual_grade = False
            self.gradebook.db.commit()

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
        copied = copies.copies_model(text, self._models.get(grade_id, "")) if text else None
        if copied is not None:
            flag = Flag("copied-model-answer", f"Answer cell '{grade_id}' repeats the model answer in solutions/ "
                                               f"({copied:.0%} of its 3-word sequences are shared); it was scored as "
                                               "written. Did the learner have solutions/?", grade_id)
            self._flags.append(flag)
            flags.append(flag)
        auto_score = None if error else (0.0 if blank else round(points * result.fraction, 4))
        if copy is not None:
            known = cell_source(copy) + "\n" + live_panel_text(result) + "\n" + rubric_vocabulary(master_cell.rubric)
            hidden = hidden_output_flag(copy, known, grade_id)
            if hidden is not None:
                self._flags.append(hidden)
                flags.append(hidden)

        grade = self.gradebook.find_grade(grade_id, self.notebook_id, self.assignment_id, self.student_id)
        grade.auto_score = auto_score
        # an instructor's override settles the cell; otherwise a failure, a flag or a guard
        # that asks for the instructor (e.g. not in English) asks for a look
        for_instructor = result is not None and any(f.for_instructor for f in result.flags)
        grade.needs_manual_grade = grade.manual_score is None and (auto_score is None or bool(flags) or for_instructor)
        comment = self.gradebook.find_comment(grade_id, self.notebook_id, self.assignment_id, self.student_id)
        comment.auto_comment = comment_text(result, points, auto_score, flags, blank=blank, error=error)
        self.gradebook.db.commit()

        cell.outputs = [feedback_output(result, points, flags, blank=blank, error=error,
                                        comment=comment.auto_comment)]
        status = "failed" if error else "blank" if blank else "graded"
        self._results.append({"grade_id": grade_id, "rubric": master_cell.rubric, "points": points,
                              "status": status, "auto_score": auto_score,
                              "result": {**result.to_dict(), "answer_text": text} if status == "graded" else None})

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
        seal.record(self.gradebook.db.connection(), submission.grades, "autograde")
        store.replace_notebook_records(
            self.gradebook.db, course=course, assignment=self.assignment_id, notebook=self.notebook_id,
            student=self.student_id, results=self._results, flags=[f.to_dict() for f in self._flags],
        )
        self.gradebook.db.commit()


def _model_answers(preprocessor) -> dict[str, str]:  # noqa: ANN001 - an nbgrader preprocessor
    """grade_id -> model answer text of each answer cell, from the instructor's source notebook."""
    import os

    from grader.nbgrader.course import course_directory
    from grader.nbgrader.execute import source_cells

    coursedir = course_directory(preprocessor)
    folder = coursedir.format_path(coursedir.source_directory, ".", preprocessor.assignment_id)
    sources = source_cells(os.path.join(folder, f"{preprocessor.notebook_id}.ipynb"))
    models = {}
    for grade_id, source in sources.items():
        parsed = parse_answer_cell(source)
        if parsed is not None:
            models[grade_id] = "\n".join(line for line in parsed.text.splitlines() if "### " not in line).strip()
    return models


def _answer_text(cell: dict | None) -> str:
    """The prose of a submitted answer cell; a cell whose magic line was removed is still graded."""
    if cell is None:
        return ""
    source = cell_source(cell)
    parsed = parse_answer_cell(source)
    return parsed.text if parsed is not None else answer_body(source)
