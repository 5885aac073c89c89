"""Markdown structure of an answer: headings, labels, list items, code and links.

Why labels matter: learners structure answers with "**Impact:** ..." or
"Context:" lines. The label words must not count as evidence for a criterion
("Impact: high" is a label with nothing under it), so the structure records
label spans separately from the content that follows them.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from grader.analysis.spans import SpanSet
from grader.analysis.text import Analysis, Span

_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(\S[^\n]*)")
# "**Context:** text", "**Context**: text", "Context: text", "__Ask__ -", "Why:" ...
_LABEL = re.compile(
    r"[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?([A-Za-z][A-Za-z0-9 /&'()-]{0,38}?)(?:\*\*|__)?[ \t]*[:\u2014](?:\*\*|__)?(?=[ \t]|$)"
)
# "Context. Our web app..." - a capitalised 1-3 word title ended by a full stop, then more text.
_DOT_LABEL = re.compile(r"[ \t]*(?:[-*+][ \t]+)?((?:Context|Background|Problem|Options?|Drivers|Decision(?: drivers)?|Trade-offs|Tradeoffs|Consequences|Status|Evidence|Environment|Steps|Expected|Actual|Ask|Why|Alternatives))\.(?=[ \t]+\S|[ \t]*$)")
# Section words that title a part on their own line ("Context", "Decision drivers")
# or inline after a full stop ("... 99.9%. Options: Cloud SQL, AlloyDB.").
_SECTION_WORDS = (
    r"(?:Context|Background|Problem|Status|Options?|Considered options|Alternatives(?: considered)?|Decision drivers|"
    r"Drivers|Decision|Outcome|Trade-offs|Tradeoffs|Consequences|Risks|Next steps|Follow-ups?|Evidence|Environment|"
    r"Steps(?: to reproduce)?|Expected(?: behaviou?r)?|Actual(?: behaviou?r)?|Observed|Ask|Why|Goal|Limitations)"
)
_BARE_TITLE = re.compile(rf"[ \t]*({_SECTION_WORDS})[ \t]*$", re.IGNORECASE)  # "Options:" is a label
_INLINE_LABEL = re.compile(rf"(?<=[.;!?] )({_SECTION_WORDS}):(?= )")
_BOLD_LINE = re.compile(r"[ \t]*(?:\*\*|__)([^*_\n]{1,80})(?:\*\*|__)[ \t]*:?[ \t]*$")
_BULLET = re.compile(r"[ \t]*[-*+\u2022][ \t]+\S")
_NUMBERED = re.compile(r"[ \t]*(?:\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)])[ \t]+\S")
_FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")
_INLINE_CODE = re.compile(r"`([^`\n]{1,300})`")
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\(([^)\s]{1,2000})\)")
_URL = re.compile(r"\bhttps?://[^\s<>()\[\]`\"']{1,2000}")


@dataclass
class Markdown:
    """Spans of each Markdown element; lists are in text order."""

    headings: list[Span] = field(default_factory=list)  # the heading text, without the #s
    labels: list[Span] = field(default_factory=list)  # "Context:" style line labels (incl. punctuation)
    bullets: list[Span] = field(default_factory=list)  # whole list-item lines
    numbered: list[Span] = field(default_factory=list)  # numbered list-item lines
    code_blocks: list[Span] = field(default_factory=list)  # fenced blocks, fences included
    inline_code: list[Span] = field(default_factory=list)  # `code` spans, backticks included
    links: list[Span] = field(default_factory=list)  # [text](url) and bare URLs
    sections: list[tuple[Span, Span]] = field(default_factory=list)  # (title, body) per heading or label
    headings_set: set[Span] = field(default_factory=set)
    heading_levels: dict[Span, int] = field(default_factory=dict)  # "#" count; bold and plain title lines are level 7
    bare_label_open: bool = False  # parsing state: the last title (heading or label) had nothing after it on its line

    @property
    def non_content(self) -> list[Span]:
        """Spans whose words are structure, not content (headings and labels)."""
        return sorted(self.headings + self.labels)


def parse(analysis: Analysis) -> Markdown:
    """Scan the lines once; fenced blocks hide their contents from the other rules."""
    md = Markdown()
    norm = analysis.norm
    fence_start: int | None = None
    fence_marker = ""
    for start, end in analysis.lines:
        fence = _FENCE.match(norm, start, end)
        if fence_start is not None:
            if fence and fence.group(1) == fence_marker:
                md.code_blocks.append((fence_start, end))
                fence_start = None
            continue
        if fence:
            fence_start, fence_marker = start, fence.group(1)
            continue
        _parse_line(md, norm, start, end)
    if fence_start is not None:  # unclosed fence: the rest of the answer is code
        md.code_blocks.append((fence_start, len(norm)))
    md.links.extend(_links_outside(norm, md.code_blocks))
    md.links.sort()
    md.headings_set = set(md.headings)
    md.sections = _sections(md, norm)
    return md


def _sections(md: Markdown, norm: str) -> list[tuple[Span, Span]]:
    """Each heading or label with the text under it.

    A heading's body runs to the next heading of the same or a higher level
    (labels and "### Option A" sub-headings inside it are part of it); a label's
    body runs to the next label or heading. Why: "**Decision:** Unleash,
    self-hosted" and "## Decision" plus a paragraph both state a decision;
    "Decision: TBD" does not, so checks look at what is under a title.
    """
    length = len(norm)
    headings = sorted(md.headings)
    bound_starts = sorted(b[0] for b in md.headings + md.labels)

    def body_end(title: Span, following: int | None) -> int:
        """A body ends where the next title's line starts ("## " and "**" are not body),
        or right at the next title when it sits on the same line ("... Options: A, B.")."""
        if following is None:
            return length
        line_start = norm.rfind("\n", 0, following) + 1
        return following if line_start <= title[1] else line_start

    sections = []
    # Walk headings backwards, remembering the nearest later heading per level (1-7),
    # so each heading finds the next one of the same or a higher level in O(1).
    nearest: list[int | None] = [None] * 8
    for title in reversed(headings):
        level = md.heading_levels.get(title, 7)
        candidates = [start for start in nearest[1:level + 1] if start is not None]
        sections.append((title, (title[1], body_end(title, min(candidates) if candidates else None))))
        nearest[level] = title[0]
    for title in md.labels:
        i = bisect_right(bound_starts, title[0])
        sections.append((title, (title[1], body_end(title, bound_starts[i] if i < len(bound_starts) else None))))
    return sorted(sections)


def _parse_line(md: Markdown, norm: str, start: int, end: int) -> None:
    heading = _HEADING.match(norm, start, end)
    if heading:
        md.headings.append((heading.start(2), end))
        md.heading_levels[(heading.start(2), end)] = len(heading.group(1))
        md.bare_label_open = True
    else:
        bold = _BOLD_LINE.match(norm, start, end) or _BARE_TITLE.match(norm, start, end)
        if bold:
            md.headings.append((bold.start(1), bold.end(1)))
            md.bare_label_open = True
        else:
            # "- Name: text" bullets under a bare "Options:" line are its items, not new parts.
            label = _LABEL.match(norm, start, end) or _DOT_LABEL.match(norm, start, end)
            bullet_under_bare_label = md.bare_label_open and _BULLET.match(norm, start, end)
            if label and len(label.group(1).split()) <= 4 and not bullet_under_bare_label:
                md.labels.append((label.start(1), label.end()))
                md.bare_label_open = not norm[label.end():end].strip()
            md.labels.extend(m.span() for m in _INLINE_LABEL.finditer(norm, start, end))
    if _NUMBERED.match(norm, start, end):
        md.numbered.append((start, end))
    elif _BULLET.match(norm, start, end):
        md.bullets.append((start, end))
    md.inline_code.extend(m.span() for m in _INLINE_CODE.finditer(norm, start, end))


def _links_outside(norm: str, blocks: list[Span]) -> list[Span]:
    links = [m.span() for m in _LINK.finditer(norm)]
    inside_markdown_links = {m.start(2) for m in _LINK.finditer(norm)}
    links += [m.span() for m in _URL.finditer(norm) if m.start() not in inside_markdown_links]
    code = SpanSet(blocks)
    return [s for s in links if not code.contains(s[0])]
