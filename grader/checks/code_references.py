"""``code_references``: points at concrete code (`identifier`, path, file:line, L42, call())."""
from __future__ import annotations

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, quote, register


@register
class CodeReferences(Check):
    name = "code_references"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.minimum = params.number("min", 1, minimum=1)
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        spans = analysis.signal("code_ref")
        if len(spans) >= self.minimum:
            return Outcome(True, f"points at {quote(analysis, spans)}", tuple(spans))
        return Outcome(False, "no reference to a concrete identifier, file, line or call", tuple(spans))
