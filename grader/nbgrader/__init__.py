"""nbgrader glue: the steps that make nbgrader grade ``%%answer`` cells with the rubric engine.

Each preprocessor does one job, like nbgrader's own, and is registered in the
repository's ``nbgrader_config.py``:

- ``ClearAnswerRegions`` (generate_assignment): model answer -> placeholder.

Heavy imports (nbgrader, the engine) happen in the submodules, so importing
this package from ``nbgrader_config.py`` costs only what nbgrader loads anyway.
"""
from grader.nbgrader.clear_answers import AnswerCellError, ClearAnswerRegions

__all__ = ["AnswerCellError", "ClearAnswerRegions"]
