"""``tone``: respectful unless blame, condescension, sarcasm, insults or shouting show up.

Curated lexicons (grader/lexicons/tone.yaml) catch the moves people recognise
("did you even", "obviously", "great job breaking"); VADER adds strongly
negative sentences aimed at the reader ("you"); ALL-CAPS common words and
"!!!" count as shouting; swearing (``profanity``) fails whoever it is aimed at. Each hit is a span, so the learner sees the words.
"""
from __future__ import annotations

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, quote, register
from grader.checks.sources import Source

# Politeness strategies (Danescu-Niculescu-Mizil et al. 2013, as published with
# ConvoKit): shown as the evidence when the tone holds; they never earn or cost a point.
POLITENESS = ["gratitude", "deference", "hedges", "first_person_plural", "collaborative_framing"]
DEFAULT_SIGNALS = ["blame", "condescension", "sarcasm", "insult", "profanity", "dismissive", "threat", "condescending_directive", "belittling_just", "shouting"]


@register
class Tone(Check):
    name = "tone"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.source = Source(params.get("signals", list, DEFAULT_SIGNALS), params.field("signals"))
        self.use_vader = params.get("sentiment", bool, True)
        self.politeness = Source(POLITENESS, params.field("politeness"))
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        spans = self.source.spans(analysis)
        if self.use_vader:
            spans = sorted(set(spans) | set(analysis.signal("hostile_to_reader")))
        if spans:
            return Outcome(False, f"reads as disrespectful: {quote(analysis, spans)}", tuple(spans))
        polite = self.politeness.spans(analysis)
        if polite:
            return Outcome(True, f"no blame, condescension, sarcasm or shouting; courteous: {quote(analysis, polite)}", tuple(polite))
        return Outcome(True, "no blame, condescension, sarcasm or shouting")
