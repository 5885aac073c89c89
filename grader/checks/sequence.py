"""``order``: required parts in order (Vale's *sequence*), e.g. "the ask comes first".

``first`` must occur, and before the first occurrence of ``then``; with
``within: opening`` the ``first`` part must also sit in the opening sentences.
"""
from __future__ import annotations

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, quote, register
from grader.checks.sources import Source


@register
class Order(Check):
    name = "order"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.first = Source(params.get("first", (str, list, dict)), params.field("first"))
        self.then = Source(params.get("then", (str, list, dict)), params.field("then"))
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        first, then = self.first.spans(analysis), self.then.spans(analysis)
        if not first:
            return Outcome(False, f"needs {self.first.short_label}")
        if not then:
            return Outcome(False, f"needs {self.then.short_label}", (first[0],))
        if first[0][0] <= then[0][0]:
            return Outcome(True, f"{quote(analysis, first[:1])} comes before {quote(analysis, then[:1])}", (first[0], then[0]))
        return Outcome(False, f"{quote(analysis, then[:1])} comes before {quote(analysis, first[:1])}", (then[0], first[0]))
