"""nbgrader glue: the steps that make nbgrader grade ``%%answer`` cells with the rubric engine.

Each preprocessor does one job, like nbgrader's own, and is registered in the
repository's ``nbgrader_config.py``:

- ``ClearAnswerRegions`` (generate_assignment): model answer -> placeholder.
- ``SnapshotSubmission`` (autograde, first sanitize step): the submitted file,
  kept in memory before any learner code runs; grading reads only this.
- ``RestoreMasterCells`` (autograde, sanitize step): the submission's graded
  cells become exactly the master copy's (flags, points, no duplicates, deleted
  ones put back), whatever the submission says.
- ``SandboxedExecute`` (autograde, in place of ``Execute``): choice tests graded
  from the snapshot; the notebook runs, sandboxed, only for behaviour tests.
- ``SaveRubricGrades`` (autograde): nbgrader's SaveAutoGrades, plus the rubric
  score, comment, feedback panel and integrity flags of each answer cell.

Submodules import nbgrader and the engine; this package only re-exports the
classes, and is imported by ``nbgrader_config.py`` where nbgrader is loaded anyway.
"""
from grader.nbgrader.clear_answers import AnswerCellError, ClearAnswerRegions
from grader.nbgrader.execute import SandboxedExecute
from grader.nbgrader.restore_cells import RestoreMasterCells
from grader.nbgrader.save_rubric_grades import SaveRubricGrades
from grader.nbgrader.snapshot import SnapshotSubmission

__all__ = ["AnswerCellError", "ClearAnswerRegions", "RestoreMasterCells", "SandboxedExecute", "SaveRubricGrades",
           "SnapshotSubmission"]
