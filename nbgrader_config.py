"""nbgrader configuration for the Multiplier course (run nbgrader from the repository root).

Folders: model answers live in ``solutions/<assignment>/``, the generated learner
copies in ``exercises/<assignment>/`` (committed, so self-study learners can open
them directly). The gradebook is ``gradebook.db`` at the repository root
(nbgrader's default for this root; gitignored). The exchange folder used by
``release_assignment`` / ``fetch_assignment`` / ``submit`` / ``collect`` is
``$MULTIPLIER_EXCHANGE`` when set, else nbgrader's default ``/usr/local/share/nbgrader/exchange``
(see docs/instructor-guide.md). ``$MULTIPLIER_DB_URL``, when set, moves the
gradebook to a database server shared by several grading machines, e.g.
``postgresql+psycopg://grader@db-host/multiplier`` (the ``psycopg`` driver is a dependency).

The Multiplier steps (``grader.nbgrader``) slot into nbgrader's own pipelines;
every other step is nbgrader's default, in nbgrader's order.
"""
import os

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ComputeChecksums,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    IncludeHeaderFooter,
    InstantiateTests,
    LimitOutput,
    LockCells,
    OverwriteCells,
    OverwriteKernelspec,
    SaveCells,
)

from grader.nbgrader import (
    ClearAnswerRegions,
    RestoreMasterCells,
    SandboxedExecute,
    SaveRubricGrades,
    SnapshotSubmission,
)
from grader.nbgrader.feedback_scores import AnnotateFeedbackScores

from grader.nbgrader.seal import watch_nbgrader_api

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

# Every score change made through nbgrader's API in a process that loads this file
# (formgrader, autograde) is recorded with a signature; `softskills report` lists scores
# changed any other way (see grader/nbgrader/seal.py).
watch_nbgrader_api()

c.CourseDirectory.course_id = "multiplier"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

if os.environ.get("MULTIPLIER_EXCHANGE"):
    c.Exchange.root = os.environ["MULTIPLIER_EXCHANGE"]
if os.environ.get("MULTIPLIER_DB_URL"):
    c.CourseDirectory.db_url = os.environ["MULTIPLIER_DB_URL"]

# generate_assignment: nbgrader's list with ClearSolutions replaced by ClearAnswerRegions
# (a ClearSolutions subclass that empties %%answer cells to grader.answers.PLACEHOLDER).
# An unanswered choice or ranking cell must not stop "Run All" half way: nbgrader's default stub is
# "raise NotImplementedError()". With a comment only, the format-check cell under it prints "not answered
# yet" instead, and grading still scores the part 0 (its hidden tests use a name the learner never set).
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}

c.GenerateAssignment.preprocessors = [
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    ClearAnswerRegions,
    ClearOutput,
    CheckCellMetadata,
    ComputeChecksums,
    SaveCells,
    ClearHiddenTests,
    ClearMarkScheme,
    ComputeChecksums,
    CheckCellMetadata,
]

# autograde, step 1 (sanitize): nbgrader's list with SnapshotSubmission first (the
# submitted file's bytes, hash and JSON kept in memory before any learner code runs;
# every grading step reads this snapshot, never the file) and RestoreMasterCells
# right after ClearOutput: every graded cell is the master's (flags, points, no
# duplicates, deleted ones put back) before nbgrader's own steps look at the notebook.
c.Autograde.sanitize_preprocessors = [
    SnapshotSubmission,
    ClearOutput,
    RestoreMasterCells,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]
# OverwriteCells.add_missing_cells stays off: RestoreMasterCells puts deleted cells
# back (nbgrader's version crashes on some notebooks, see restore_cells.py).

# autograde, step 2: nbgrader's list with Execute replaced by SandboxedExecute (choice and
# ranking tests graded from the snapshot outside the kernel; the notebook runs, in a
# bubblewrap sandbox, only when a behaviour test needs it) and SaveAutoGrades by
# SaveRubricGrades (a subclass: same behaviour for every other cell).
c.Autograde.autograde_preprocessors = [
    SandboxedExecute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveRubricGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# generate_feedback: nbgrader's list plus AnnotateFeedbackScores after GetGrades (each answer's
# panel starts with the score that counts, in the item's points; an instructor's override
# shown as such, the automatic score marked as automatic).
c.GenerateFeedback.preprocessors = [GetGrades, AnnotateFeedbackScores, CSSHTMLHeaderPreprocessor]

# export: nbgrader's CSV, after warning about any score changed outside grading and formgrader.
c.ExportApp.plugin_class = "grader.nbgrader.export.CheckedCsvExportPlugin"

# zip_collect: files downloaded from a learning platform into downloaded/<assignment>/archive/,
# named "<learner id>__<notebook>.ipynb" (two underscores), e.g. "alice__pr-review.ipynb".
# nbgrader matches this against the file's full path.
c.FileNameCollectorPlugin.named_regexp = r".*/(?P<student_id>[^/]+?)__(?P<file_id>[^/]+\.ipynb)$"
# Submission time: from the name if the regexp has a (?P<timestamp>...) group, else the archive
# entry's time (read as UTC), else the file's modification time (grader/nbgrader/zip_times.py).
c.ZipCollectApp.extractor_plugin = "grader.nbgrader.zip_times.TimedExtractorPlugin"
c.ZipCollectApp.collector_plugin = "grader.nbgrader.zip_times.TimedCollectorPlugin"
