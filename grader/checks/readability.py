"""``readability``: Flesch-Kincaid grade (textstat), only where the formula means something.

Why the word minimum: readability formulas average over sentences; on a
three-sentence message one long word swings the grade by several years. Below
``min_words`` the check holds and says it did not measure. textstat is imported
here, lazily: importing it costs ~0.9 s and most answers never need it.
"""
from __future__ import annotations

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, register

MAX_CHARS = 200_000  # textstat is not linear-time friendly on megabytes; the first 200k chars are plenty


@register
class Readability(Check):
    name = "readability"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.max_grade = params.number("max_grade", 12, minimum=1)
        self.min_words = params.number("min_words", 100, minimum=30)
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        if analysis.word_count < self.min_words:
            return Outcome(True, f"too short to measure readability (under {self.min_words:g} words)")
        import textstat

        grade = textstat.flesch_kincaid_grade(analysis.norm[:MAX_CHARS])
        if grade <= self.max_grade:
            return Outcome(True, f"reading grade {grade:.1f} (target \u2264 {self.max_grade:g})")
        return Outcome(False, f"reading grade {grade:.1f} is above {self.max_grade:g}: shorter sentences and plainer words help")
