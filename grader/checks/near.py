"""``near``: two kinds of evidence in the same sentence (or within N words).

Why: a lone "because" proves nothing and neither does a lone "customers"; "the
banner shows for every customer *because* ``users.length`` is undefined" does.
Co-occurrence of signals is the cheapest honest proxy for a reason that is
attached to something concrete.
"""
from __future__ import annotations

from bisect import bisect_left

from grader.analysis import Analysis, Span
from grader.checks.base import Check, CheckSpecError, Outcome, Params, quote, register
from grader.checks.sources import Source


_UNITS = ("sentence", "paragraph", "block")


@register
class Near(Check):
    """Holds when ``a`` and ``b`` occur together ``min`` times (``within: sentence`` or a word count).

    ``unless``: a sentence (paragraph, block) that also contains this source does not count.
    """

    name = "near"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.a = Source(params.get("a", (str, list, dict)), params.field("a"))
        self.b = Source(params.get("b", (str, list, dict)), params.field("b"))
        within = params.get("within", (str, int), "sentence")
        if isinstance(within, str) and within not in _UNITS:
            raise CheckSpecError(params.field("within"), f"must be a number of words or one of {', '.join(_UNITS)}")
        if isinstance(within, int) and (isinstance(within, bool) or within < 1):
            raise CheckSpecError(params.field("within"), "must be a positive number of words")
        self.within = within
        self.minimum = params.number("min", 1, minimum=1)
        self.unless = Source(params.get("unless", (str, list, dict)), params.field("unless")) if "unless" in params.raw else None
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        a_spans, b_spans = self.a.spans(analysis), self.b.spans(analysis)
        pairs = self._pairs(analysis, a_spans, b_spans)
        where = "in the same sentence" if self.within == "sentence" else (
            f"within {self.within} words" if isinstance(self.within, int) else f"in the same {self.within}")
        if len(pairs) >= self.minimum:
            spans = sorted({s for pair in pairs for s in pair})
            return Outcome(True, f"found {quote(analysis, spans)}", tuple(spans))
        return self._miss(analysis, a_spans, b_spans, pairs, where)

    def _miss(self, analysis: Analysis, a_spans: list[Span], b_spans: list[Span], pairs: list, where: str) -> Outcome:
        """Name the half that is missing next to the half that was found: the learner's next step."""
        a_label, b_label = self.a.short_label, self.b.short_label
        near = f"within {self.within} words of" if isinstance(self.within, int) else where + " as"
        if pairs:
            times = "twice" if self.minimum == 2 else f"{self.minimum:g} times"
            found = quote(analysis, sorted({s for pair in pairs for s in pair}))
            return Outcome(False, f"needs {a_label} and {b_label} {where}, {times} (found {found})", (), 0.8)
        if a_spans and b_spans and self.unless and self._pairs(analysis, a_spans, b_spans, honour_unless=False):
            return Outcome(False, f"needs {a_label} and {b_label} {where}; a sentence with {quote(analysis, self.unless.spans(analysis)[:1])} does not count", (), 0.6)
        a_words, b_words = quote(analysis, a_spans[:1]), quote(analysis, [b for b in b_spans if b not in a_spans[:1]][:1])
        if a_words and b_words:
            apart = f"more than {self.within} words apart" if isinstance(self.within, int) else f"in different {self.within}s"
            return Outcome(False, f"needs {self.a.noun} and {self.b.noun} {where}: {a_words} and {b_words} are {apart}", (), 0.6)
        a_words, b_words = quote(analysis, a_spans[:2], joiner="or"), quote(analysis, b_spans[:2], joiner="or")
        if a_words:
            return Outcome(False, f"needs {b_label} {near} {a_words}", (), 0.5)
        if b_words:
            return Outcome(False, f"needs {a_label} {near} {b_words}", (), 0.5)
        return Outcome(False, f"needs {a_label} and {b_label} {where}", ())

    def _pairs(self, analysis: Analysis, a_spans: list[Span], b_spans: list[Span], honour_unless: bool = True) -> list[tuple[Span, Span]]:
        if not a_spans or not b_spans:
            return []
        pairs = []
        if isinstance(self.within, int):
            token_starts = [t.start for t in analysis.tokens]
            b_index = [(bisect_left(token_starts, s[0]), s) for s in b_spans]
            b_positions = [i for i, _ in b_index]
            for a in a_spans:
                ai = bisect_left(token_starts, a[0])
                lo = bisect_left(b_positions, ai - self.within)
                if lo < len(b_index) and b_index[lo][0] <= ai + self.within and b_index[lo][1] != a:
                    pairs.append((a, b_index[lo][1]))
            return pairs
        units = {"sentence": analysis.sentences, "paragraph": analysis.paragraphs, "block": analysis.blocks}[self.within]
        starts = [u[0] for u in units]
        excluded = set()
        if self.unless and honour_unless:  # e.g. "the build is broken, can someone help?" is not a specific question
            for u in self.unless.spans(analysis):
                excluded.add(bisect_left(starts, u[0] + 1) - 1)
        by_unit: dict[int, list[Span]] = {}
        for b in b_spans:
            i = bisect_left(starts, b[0] + 1) - 1
            if i >= 0 and b[0] < units[i][1]:
                kept = by_unit.setdefault(i, [])
                if len(kept) < 2:  # two are enough: one of them differs from any given a
                    kept.append(b)
        for a in a_spans:
            i = bisect_left(starts, a[0] + 1) - 1
            partner = next((b for b in by_unit.get(i, ()) if b != a), None)
            if partner and i not in excluded:
                pairs.append((a, partner))
        return pairs
