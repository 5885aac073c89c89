"""The library of check types. Importing this package registers every type.

Each module holds one idea; ``base.REGISTRY`` maps the YAML name to its class.
"""
from grader.checks import (  # noqa: F401 - imported for their @register side effect
    code_references,
    compose,
    contains,
    framing,
    length,
    near,
    plain_language,
    python_code,
    quantities,
    readability,
    section,
    sequence,
    structure,
    substance,
    substitution,
    summary_line,
    tone,
)
from grader.checks.base import REGISTRY, Check, CheckSpecError, Outcome, build

__all__ = ["REGISTRY", "Check", "CheckSpecError", "Outcome", "build"]
