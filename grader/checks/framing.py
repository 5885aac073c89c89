"""``question_framing``: a proposal offered as a question or collaboratively.

"Could we build the request with ``NewRequestWithContext``?", "What if the
export ran after the index build?", "I wonder whether `retry_count` should
reset here". With ``concrete: true`` the framed sentence must also name
something concrete, because "Have you considered an alternative?" leads nowhere.
"""
from __future__ import annotations

from bisect import bisect_left

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, quote, register


@register
class QuestionFraming(Check):
    name = "question_framing"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.concrete = params.get("concrete", bool, True)
        self.questions = params.get("questions", bool, True)
        self.minimum = params.number("min", 1, minimum=1)
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        framed = analysis.signal("collaborative_framing")
        sentences = {analysis.sentence_of(s[0]) for s in framed}
        if self.questions:
            sentences |= set(analysis.signal("question"))
        sentences.discard(None)
        hits = []
        anchors = sorted(a[0] for a in analysis.signal("concrete_anchor") + analysis.signal("code_object"))
        for sentence in sorted(sentences):
            i = bisect_left(anchors, sentence[0])
            if not self.concrete or (i < len(anchors) and anchors[i] < sentence[1]):
                hits.append(sentence)
        if len(hits) >= self.minimum:
            return Outcome(True, f"framed as a proposal: {quote(analysis, hits, 2)}", tuple(hits))
        if sentences:
            return Outcome(False, f"a question or proposal without anything concrete in it: {quote(analysis, sorted(sentences), 2)}", tuple(sorted(sentences)))
        return Outcome(False, "no question or collaborative proposal (\u201ccould we\u2026\u201d, \u201cwhat if\u2026\u201d)")
