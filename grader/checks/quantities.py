"""``quantities``: numbers with units (%, currency, durations, counts of people or incidents).

Versions ("Postgres 12", "v2.3"), quarters ("Q2") and ids ("#4412") are not
quantities; see :mod:`grader.analysis.quantities` for why and how.
"""
from __future__ import annotations

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, quote, register
from grader.checks.sources import SCOPES, in_scopes, scope_spans


@register
class Quantities(Check):
    """Holds with at least ``min`` distinct quantities in ``scope``."""

    name = "quantities"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.minimum = params.number("min", 1, minimum=1)
        self.scope = params.choice("scope", SCOPES, "all")
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        spans = in_scopes(analysis.signal("quantity"), scope_spans(analysis, self.scope))
        distinct = {" ".join(analysis.norm[s:e].lower().split()) for s, e in spans}
        if len(distinct) >= self.minimum:
            return Outcome(True, f"found {quote(analysis, spans)}", tuple(spans))
        found = f" (found only {quote(analysis, spans)})" if spans else ""
        needed = "a number with a unit" if self.minimum == 1 else f"{self.minimum:g} numbers with units"
        return Outcome(False, f"needs {needed}, like hours, %, \u20ac or people{found}", tuple(spans), len(distinct) / self.minimum)
