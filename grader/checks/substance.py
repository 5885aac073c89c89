"""``substance``: fails keyword-stuffed answers (buzzwords, nothing concrete under them).

Why: "Respectfully, consider a refactor for readability, maintainability and
performance in line with best practices" hits every keyword a naive checker
wants. What it lacks is anything a reader could act on: an identifier, a
number, a name, a file. The check fails when buzzwords are dense and concrete
anchors are scarce.
"""
from __future__ import annotations

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, quote, register


@register
class Substance(Check):
    name = "substance"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.min_anchors = params.number("min_anchors", 1, minimum=0)
        self.max_buzz_per_100_words = params.number("max_buzz_per_100_words", 4, minimum=0)
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        buzz = analysis.signal("buzzwords")
        anchors = analysis.signal("concrete_anchor")
        words = max(analysis.word_count, 1)
        density = 100 * len(buzz) / words
        if len(anchors) < self.min_anchors:
            return Outcome(False, "nothing concrete to act on: no name, number, file or identifier", tuple(buzz))
        if density > self.max_buzz_per_100_words and len(anchors) < 2 * len(buzz):
            return Outcome(False, f"buzzwords outweigh concrete detail: {quote(analysis, buzz)}", tuple(buzz))
        if not anchors:  # min_anchors 0: only the buzzword density was checked
            return Outcome(True, "")
        return Outcome(True, f"concrete detail: {quote(analysis, anchors)}", tuple(anchors))
