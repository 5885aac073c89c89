"""``contains`` / ``absent``: a source occurs (between min and max times) in a scope.

Vale's *existence* and *occurrence* rules in one: ``min`` and ``max`` bound the
count, ``scope`` limits where to look (e.g. ``first_line`` for a commit summary).
"""
from __future__ import annotations

from grader.analysis import Analysis
from grader.checks.base import Check, CheckSpecError, Outcome, Params, quote, register
from grader.checks.sources import SCOPES, Source, in_scopes, scope_spans


@register
class Contains(Check):
    """Holds when ``find`` occurs at least ``min`` and at most ``max`` times.

    ``min`` defaults to 1, or to 0 when only ``max`` is given (an occurrence cap)."""

    name = "contains"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.source = Source(params.get("find", (str, list, dict)), params.field("find"))
        self.minimum = params.number("min", 0 if "max" in params.raw else 1, minimum=0)
        self.maximum = params.number("max", None, minimum=0)
        self.distinct = params.get("distinct", bool, False)
        self.scope = params.choice("scope", SCOPES, "all")
        params.done()
        if self.maximum is not None and self.maximum < self.minimum:
            raise CheckSpecError(params.field("max"), "must not be smaller than min")

    def evaluate(self, analysis: Analysis) -> Outcome:
        spans = in_scopes(self.source.spans(analysis), scope_spans(analysis, self.scope))
        count = len({analysis.norm[s:e].lower() for s, e in spans}) if self.distinct else len(spans)
        where = "" if self.scope == "all" else f" in the {self.scope.replace('_', ' ')}"
        if count < self.minimum:
            found = f" (found {quote(analysis, spans)})" if spans else ""
            return Outcome(False, f"needs {self.source.label}{where}: {count} of {self.minimum:g}{found}", tuple(spans))
        if self.maximum is not None and count > self.maximum:
            return Outcome(False, f"{count} times {self.source.label}{where}, more than {self.maximum:g}: {quote(analysis, spans)}", tuple(spans))
        if not spans:
            return Outcome(True, f"no {self.source.label}{where}")
        return Outcome(True, f"found {quote(analysis, spans)}", tuple(spans))


@register
class Absent(Check):
    """Holds when ``find`` does not occur (in ``scope``); the spans of a miss point at the culprits."""

    name = "absent"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.source = Source(params.get("find", (str, list, dict)), params.field("find"))
        self.scope = params.choice("scope", SCOPES, "all")
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        spans = in_scopes(self.source.spans(analysis), scope_spans(analysis, self.scope))
        if spans:
            return Outcome(False, f"found {quote(analysis, spans)}", tuple(spans))
        return Outcome(True, f"no {self.source.label}")
