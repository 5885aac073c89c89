"""Multiplier's grading engine: rubric-driven, explainable checks of written answers.

The public API is deliberately small and stable (notebooks, the nbgrader step
and outside evaluation harnesses call it)::

    import grader
    result = grader.check(text, "pr-review/comment")
    result.to_dict()

Heavy modules are imported on first use so that ``import grader`` stays cheap.
"""
from __future__ import annotations

from grader.result import CriterionResult, Result, Suggestion

__all__ = [
    "check",
    "Result",
    "CriterionResult",
    "Suggestion",
    "load_ipython_extension",
    "list_rubrics",
    "load_rubric",
    "RubricError",
    "UnknownRubricError",
]
# Names served lazily from grader.rubric (PEP 562), so `import grader` stays cheap.
_LAZY_RUBRIC_NAMES = ("list_rubrics", "load_rubric", "RubricError", "UnknownRubricError")
__version__ = "0.1.0"


def check(text: str, rubric: str, brief: str | None = None) -> Result:
    """Grade ``text`` against the rubric with id ``rubric`` (e.g. ``"pr-review/comment"``).

    ``brief`` names the exercise's brief (e.g. ``"01-pr-review/part1-comment"``, see
    ``grader/briefs/``): with it, answers about something else, and figures the
    brief does not give, are flagged.
    """
    from grader.engine import check as _check

    return _check(text, rubric, brief)


def __getattr__(name: str):
    if name in _LAZY_RUBRIC_NAMES:
        import grader.rubric

        return getattr(grader.rubric, name)
    raise AttributeError(f"module 'grader' has no attribute {name!r}")


def load_ipython_extension(ipython) -> None:  # noqa: ANN001 - IPython's own type
    """``%load_ext grader`` registers the ``%%answer`` cell magic."""
    from grader.notebook.magic import load_ipython_extension as _load

    _load(ipython)
