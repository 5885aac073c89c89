"""``question_framing``: a proposal offered as a question or collaboratively.

"Could we build the request with ``NewRequestWithContext``?", "What if the
export ran after the index build?", "I wonder whether `retry_count` should
reset here". With ``concrete: true`` the framed sentence must also name
something concrete (``anchors``, by default any concrete anchor or named part
of the code), because "Have you considered an alternative?" leads nowhere;
``unless`` drops framed sentences that contain e.g. "an alternative".
"""
from __future__ import annotations

from bisect import bisect_left

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, quote, register
from grader.checks.sources import Source


def _starts_within(sorted_starts: list[int], span: tuple[int, int]) -> bool:
    i = bisect_left(sorted_starts, span[0])
    return i < len(sorted_starts) and sorted_starts[i] < span[1]


@register
class QuestionFraming(Check):
    name = "question_framing"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.concrete = params.get("concrete", bool, True)
        self.questions = params.get("questions", bool, True)
        self.minimum = params.number("min", 1, minimum=1)
        anchors = params.get("anchors", (str, list, dict), ["concrete_anchor", "code_object"])
        self.anchors = Source(anchors, params.field("anchors"))
        self.unless = Source(params.get("unless", (str, list, dict)), params.field("unless")) if "unless" in params.raw else None
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        framed = analysis.signal("collaborative_framing")
        sentences = {analysis.sentence_of(s[0]) for s in framed}
        if self.questions:
            sentences |= set(analysis.signal("question"))
        sentences.discard(None)
        hits = []
        anchors = [a[0] for a in self.anchors.spans(analysis)]
        vetoes = [u[0] for u in self.unless.spans(analysis)] if self.unless else []
        for sentence in sorted(sentences):
            if _starts_within(vetoes, sentence):
                continue
            if not self.concrete or _starts_within(anchors, sentence):
                hits.append(sentence)
        if len(hits) >= self.minimum:
            return Outcome(True, f"framed as a proposal: {quote(analysis, hits, 2)}", tuple(hits))
        if sentences:
            return Outcome(False, f"a question or proposal without anything concrete in it: {quote(analysis, sorted(sentences), 2)}", tuple(sorted(sentences)))
        return Outcome(False, "no question or proposal like \u201ccould we\u2026\u201d or \u201cwhat if\u2026\u201d")
