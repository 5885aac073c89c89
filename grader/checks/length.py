"""``length``: word count bounds, e.g. a summary line of at least 3 words."""
from __future__ import annotations

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, register
from grader.checks.sources import SCOPES, scope_spans


@register
class Length(Check):
    name = "length"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.min_words = params.number("min_words", 0, minimum=0)
        self.max_words = params.number("max_words", None, minimum=1)
        self.max_chars = params.number("max_chars", None, minimum=1)
        self.scope = params.choice("scope", SCOPES, "all")
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        regions = scope_spans(analysis, self.scope)
        words = sum(len(analysis.tokens_in(r)) for r in regions)
        chars = sum(e - s for s, e in regions)
        where = "" if self.scope == "all" else f"the {self.scope.replace('_', ' ')} "
        if words < self.min_words:
            return Outcome(False, f"{where}has {words} words; needs at least {self.min_words:g}", tuple(regions))
        if self.max_words is not None and words > self.max_words:
            return Outcome(False, f"{where}has {words} words; keep it to {self.max_words:g}", tuple(regions))
        if self.max_chars is not None and chars > self.max_chars:
            return Outcome(False, f"{where}is {chars} characters; keep it to {self.max_chars:g}", tuple(regions))
        return Outcome(True, f"{where}has {words} words", tuple(regions))
