"""``summary_line``: a commit's first line that tells a reader on its own what changed.

Short enough for ``git log --oneline`` (``max_chars``, 72 by convention), and
saying what changes: a change verb ("add", "pin", "retry", "revert") with a
concrete object. "fix bug", "resolve issue", "WIP", a lone ticket id or
"improve code quality" name no object; "Finally!!! after 3 days" names no change.
"""
from __future__ import annotations

import re

from grader.analysis import Analysis
from grader.analysis.code_refs import TICKET
from grader.checks.base import Check, Outcome, Params, quote, register

_TICKET_ONLY = re.compile(r"[\s\[\]()#:A-Z0-9-]*", re.ASCII)
# Conventional-commit prefix ("fix:", "feat(api)!:") - structure, not content.
_PREFIX = re.compile(r"\s*[a-z]+(?:\([^)\n]{0,40}\))?!?:\s*")
_WORD = re.compile(r"[\w'<>=.+/-]+")
_CHANGE_TYPE = re.compile(r"\s*(?:fix|feat|perf|revert|refactor|build|ci|docs|test|style|security|deps)\b")
_VERSION = re.compile(r"v?[\d.]+")  # "Release 4.12 changes" names no change


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
        if len(text) > self.max_chars:
            return Outcome(False, f"the first line is {len(text)} characters; keep it to {self.max_chars:g}", (first,))
        prefix = _PREFIX.match(analysis.norm, first[0], first[1])
        body_start = prefix.end() if prefix else first[0]
        words = _WORD.findall(analysis.norm, body_start, first[1])
        if _TICKET_ONLY.fullmatch(text) or len(words) < self.min_words:
            return Outcome(False, "the first line is too short to say what changes", (first,))
        in_line = lambda spans: [s for s in spans if body_start <= s[0] < first[1]]  # noqa: E731
        verbs = in_line(analysis.signal("change_verbs"))
        if prefix and _CHANGE_TYPE.match(analysis.lower, first[0]):
            verbs.append((first[0], prefix.end()))  # "fix(auth): ..." names the kind of change
        if not verbs:
            return Outcome(False, "the first line doesn't say what the commit changes, e.g. add, fix, remove or pin", (first,))
        generic = in_line(analysis.signal("generic_summary")) + in_line(analysis.signal("buzzwords"))
        covered = set(verbs + generic)
        content = [
            w for w in re.finditer(r"[\w'<>=.+/-]+", analysis.norm[body_start:first[1]])
            if not any(s[0] <= body_start + w.start() < s[1] for s in covered)
            and w.group().lower() not in _FILLER and not _VERSION.fullmatch(w.group())
        ]
        content = [w for w in content if not TICKET.fullmatch(w.group())]
        # "fix DAU bug", "Fix the iOS crash": a qualifier on a generic noun still names no change.
        if not content or (len(content) < 2 and generic):
            return Outcome(False, f"the first line is generic: {quote(analysis, generic or verbs)}", (first,))
        return Outcome(True, f"first line of {len(text)} characters: \u201c{text}\u201d", (first,))


_FILLER = frozenset("a an the to of for in on at and or with from by into this that it its our some all up".split())
