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
        label = self.source.short_label
        if count < self.minimum:
            return Outcome(False, f"needs {label}{where}{_times(self.minimum, self.distinct)}{_found(analysis, spans)}",
                           tuple(spans), count / self.minimum)
        if self.maximum is not None and count > self.maximum:
            limit = f" {count} times (at most {self.maximum:g})" if self.maximum else ""
            return Outcome(False, f"found {label}{where}{limit}: {quote(analysis, spans)}", tuple(spans))
        if not spans:
            return Outcome(True, f"no sign of {label}{where}")
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
            return Outcome(False, f"found {self.source.short_label}: {quote(analysis, spans)}", tuple(spans))
        return Outcome(True, f"no sign of {self.source.short_label}")


def _times(minimum: float, distinct: bool) -> str:
    """", twice, in different words": how often a source must occur, in words."""
    if minimum <= 1:
        return ""
    count = "twice" if minimum == 2 else f"{minimum:g} times"
    return f" {count}, in different words" if distinct else f" {count}"


def _found(analysis: Analysis, spans: list) -> str:
    return f" (found only {quote(analysis, spans)})" if spans else ""
