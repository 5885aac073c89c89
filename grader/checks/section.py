"""``section``: a titled part (heading or "Label:") with real content under it.

Why: authors of structured answers (ADRs, help requests) put each part under a
title. The title alone proves nothing ("**Evidence:** see error", "Decision:
TBD", "Trade-offs: minimal"), so the check reads the body under the title:

* ``min_words``: content words needed (filler, common words and buzzwords don't count);
* ``reject``: phrases that make a short body empty talk ("TBD", "minimal");
* ``find``: a source that must occur in the body (e.g. business terms for drivers);
* ``min_items``: separate items needed (list items, or parts split by ";" / "(a)");
* ``min_sections``: how many titled parts must pass (default 1), for answers that put
  each of several things under its own title ("Bea's case:" and "My case:");
* ``otherwise``: the check to run when the answer has NO section with this title,
  so prose answers are judged on their prose and titled answers on their sections.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from grader.analysis import Analysis, Span
from grader.analysis.spans import SpanSet
from grader.checks.base import Check, Outcome, Params, build, quote, register
from grader.checks.sources import Source

_WORD = re.compile(r"\w+")
_TITLE_NOISE = re.compile(r"^[\s#*_\d.)(-]+|\([^)]*\)|[^\w\s'/&,-]+")
_TITLE_JOINERS = re.compile(r"\s*(?:/|&|,|\band\b)\s*")
_ITEM_SPLIT = re.compile(r";|\n|\(\w\)|\(\d{1,2}\)|(?<!\w)\d{1,2}\)|(?<!\w)[a-d]\)|\bvs\.?(?!\w)|\bversus\b")
MAX_SECTIONS = 500  # a real answer has a dozen; this bounds the work on hostile input


def _starts_within(sorted_starts: list[int], span: Span) -> bool:
    i = bisect_left(sorted_starts, span[0])
    return i < len(sorted_starts) and sorted_starts[i] < span[1]


@register
class Section(Check):
    name = "section"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.title = Source(params.get("title", (str, list, dict)), params.field("title"))
        self.min_words = params.number("min_words", 3, minimum=1)
        self.min_items = params.number("min_items", 0, minimum=0)
        self.item_words = params.number("item_words", 1, minimum=1)
        self.min_sections = params.number("min_sections", 1, minimum=1)
        self.find = Source(params.get("find", (str, list, dict)), params.field("find")) if "find" in params.raw else None
        self.reject = Source(params.get("reject", (str, list, dict)), params.field("reject")) if "reject" in params.raw else None
        self.otherwise = build(params.get("otherwise", dict), params.field("otherwise")) if "otherwise" in params.raw else None
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        sections = [(t, b) for t, b in analysis.markdown.sections[:MAX_SECTIONS] if self._is_titled(analysis, t)]
        if not sections:
            if self.otherwise:
                return self.otherwise.evaluate(analysis)
            return Outcome(False, f"no \u201c{self.title.short_label}\u201d section")
        found = [f[0] for f in self.find.spans(analysis)] if self.find else []
        rejected = self.reject.spans(analysis) if self.reject else []
        rejected_starts = [r[0] for r in rejected]
        problems, passed = [], []
        for title, body in sections:
            words = _content_words(analysis, body)
            bad = rejected[bisect_left(rejected_starts, body[0]):bisect_left(rejected_starts, body[1])]
            if words < self.min_words:
                problems.append((title, f"{_title(analysis, title)} has almost nothing under it"))
            elif bad and words <= self.min_words + 3 * len(bad):
                problems.append((title, f"{_title(analysis, title)} says only {quote(analysis, bad)}"))
            elif self.find and not _starts_within(found, body):
                problems.append((title, f"{_title(analysis, title)} lacks {self.find.short_label}"))
            elif self.min_items and _items(analysis, body, self.item_words) < self.min_items:
                problems.append((title, f"{_title(analysis, title)} needs {self.min_items:g} described items"))
            else:
                passed.append((title, body))
                if len(passed) >= self.min_sections:
                    return _met(analysis, passed)
        if not problems:
            return Outcome(False, f"needs {self.min_sections:g} such sections, found {len(passed)}",
                           tuple(t for t, _ in passed), 0.5)
        return Outcome(False, problems[0][1], tuple(p[0] for p in problems), 0.5)

    def _is_titled(self, analysis: Analysis, title: Span) -> bool:
        """The whole title (or one part of "Options / trade-offs") is one of the title phrases.

        Whole-title matching keeps "Decision drivers" from counting as a "Decision" section.
        """
        text = " ".join(_TITLE_NOISE.sub(" ", analysis.lower[title[0]:title[1]]).split())
        parts = [p for p in _TITLE_JOINERS.split(text) if p] or [text]
        patterns = self.title.patterns_for_titles()
        return any(p.fullmatch(part) for part in parts for p in patterns)


def _met(analysis: Analysis, passed: list[tuple[Span, Span]]) -> Outcome:
    """The passing sections, named with their titles, and their text as evidence."""
    names = " and ".join(_title(analysis, title) for title, _ in passed)
    bodies = [body for _, body in passed]
    spans = tuple(span for pair in passed for span in pair)
    return Outcome(True, f"{names} section{'s' if len(passed) > 1 else ''}: {quote(analysis, bodies)}", spans)


_OPTION_REFERENCE = re.compile(r"\b(?:option|alternative|approach)\s+(?:[a-z]|\d{1,2})\b|\([a-z1-9]\)", re.IGNORECASE)


def _title(analysis: Analysis, title: Span) -> str:
    """A section title as the learner knows it: “Context”, not “**Context:**”."""
    return "\u201c" + analysis.text[title[0]:title[1]].strip(" \t*_#:.-") + "\u201d"


def _content_words(analysis: Analysis, span: Span) -> int:
    """Words that carry content: not filler, not a common word, not a buzzword.

    "Option B" or "(b)" counts: it names one of the options described elsewhere.
    """
    filler = _filler_words()
    buzz = SpanSet(analysis.signal("buzzwords"))
    count = 1 if _OPTION_REFERENCE.search(analysis.norm, span[0], span[1]) else 0
    for match in _WORD.finditer(analysis.norm, span[0], span[1]):
        word = match.group()
        if buzz.contains(match.start()):
            continue
        if word.isdigit() or (len(word) > 1 and word.lower() not in filler):
            count += 1
    return count


def _items(analysis: Analysis, body: Span, min_words: int) -> int:
    """Separately described items in a body: list items, else parts split by ';', '(a)', 'vs'..."""
    md = analysis.markdown
    lines = [s for s in md.bullets + md.numbered if body[0] <= s[0] < body[1]]
    parts = lines if len(lines) >= 2 else _split(analysis, body)
    return sum(1 for part in parts if _content_words(analysis, part) >= min_words)


def _split(analysis: Analysis, body: Span) -> list[Span]:
    parts, start = [], body[0]
    for match in _ITEM_SPLIT.finditer(analysis.norm, body[0], body[1]):
        parts.append((start, match.start()))
        start = match.end()
    parts.append((start, body[1]))
    return [p for p in parts if p[1] > p[0]]


def _filler_words() -> frozenset[str]:
    """Words that carry no content on their own ("we chose the option")."""
    global _FILLER
    if _FILLER is None:
        from grader.analysis.lexicon import all_lexicons

        extra = {"option", "options", "chose", "choose", "chosen", "decided", "decide", "decision", "going", "approach", "solution", "all", "pros", "cons"}
        _FILLER = frozenset(w.lower() for w in all_lexicons().get("common_words", ())) | extra
    return _FILLER


_FILLER: frozenset[str] | None = None
