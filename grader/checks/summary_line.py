"""``summary_line``: a commit's first line that tells a reader on its own what changed.

Short enough for ``git log --oneline`` (``max_chars``, 72 by convention), more
than a generic verb ("fix bug", "update", "WIP", a lone ticket id), and with
at least ``min_words`` words so it can name what it changes.
"""
from __future__ import annotations

import re

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, quote, register

_TICKET_ONLY = re.compile(r"[\s\[\]()#:A-Z0-9-]*", re.ASCII)


@register
class SummaryLine(Check):
    name = "summary_line"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.max_chars = params.number("max_chars", 72, minimum=20)
        self.min_words = params.number("min_words", 3, minimum=1)
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        lines = analysis.nonblank_lines
        if not lines:
            return Outcome(False, "there is no first line")
        first = lines[0]
        text = analysis.slice(first).strip()
        words = [t for t in analysis.tokens_in(first) if not re.fullmatch(r"[A-Z]{2,10}|\d+", t.text)]
        generic = [s for s in analysis.signal("generic_summary") if first[0] <= s[0] < first[1]]
        if len(text) > self.max_chars:
            return Outcome(False, f"the first line is {len(text)} characters; keep it to {self.max_chars:g}", (first,))
        if _TICKET_ONLY.fullmatch(text) or len(words) < self.min_words:
            return Outcome(False, "the first line is too short to say what changes", (first,))
        if generic and len(words) - sum(len(analysis.norm[s:e].split()) for s, e in generic) < 2:
            return Outcome(False, f"the first line is generic: {quote(analysis, generic)}", (first,))
        return Outcome(True, f"first line of {len(text)} characters: \u201c{text}\u201d", (first,))
