"""nbgrader configuration for the Multiplier course (run nbgrader from the repository root).

Folders: model answers live in ``solutions/<assignment>/``, the generated learner
copies in ``exercises/<assignment>/`` (committed, so self-study learners can open
them directly). The gradebook is ``gradebook.db`` at the repository root
(nbgrader's default for this root; gitignored). The exchange folder used by
``release_assignment`` / ``fetch_assignment`` / ``submit`` / ``collect`` is
``$MULTIPLIER_EXCHANGE`` when set, else nbgrader's default ``/srv/nbgrader/exchange``
(see docs/instructor-guide.md). ``$MULTIPLIER_DB_URL``, when set, moves the
gradebook to a database server shared by several grading machines, e.g.
``postgresql+psycopg://grader@db-host/multiplier`` (the ``psycopg`` driver is a dependency).

The Multiplier steps (``grader.nbgrader``) slot into nbgrader's own pipelines;
every other step is nbgrader's default, in nbgrader's order.
"""
import os

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ComputeChecksums,
    DeduplicateIds,
    Execute,
    IgnorePattern,
    IncludeHeaderFooter,
    InstantiateTests,
    LimitOutput,
    LockCells,
    OverwriteCells,
    OverwriteKernelspec,
    SaveCells,
)

from grader.nbgrader import ClearAnswerRegions, RestoreMasterCells, SaveRubricGrades

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = "multiplier"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

if os.environ.get("MULTIPLIER_EXCHANGE"):
    c.Exchange.root = os.environ["MULTIPLIER_EXCHANGE"]
if os.environ.get("MULTIPLIER_DB_URL"):
    c.CourseDirectory.db_url = os.environ["MULTIPLIER_DB_URL"]

# generate_assignment: nbgrader's list with ClearSolutions replaced by ClearAnswerRegions
# (a ClearSolutions subclass that empties %%answer cells to grader.answers.PLACEHOLDER).
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

# autograde, step 1 (sanitize): nbgrader's list with RestoreMasterCells right after
# ClearOutput: every graded cell is the master's (flags, points, no duplicates,
# deleted ones put back) before nbgrader's own steps look at the notebook.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    RestoreMasterCells,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]
# OverwriteCells.add_missing_cells stays off: RestoreMasterCells puts deleted cells
# back (nbgrader's version crashes on some notebooks, see restore_cells.py).

# autograde, step 2: nbgrader's list with SaveAutoGrades replaced by SaveRubricGrades
# (a subclass: same behaviour for every other cell).
c.Autograde.autograde_preprocessors = [
    Execute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveRubricGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# zip_collect: files downloaded from a learning platform into downloaded/<assignment>/archive/,
# named "<learner id>__<notebook>.ipynb" (two underscores), e.g. "alice__pr-review.ipynb".
# nbgrader matches this against the file's full path.
c.FileNameCollectorPlugin.named_regexp = r".*/(?P<student_id>[^/]+?)__(?P<file_id>[^/]+\.ipynb)$"
