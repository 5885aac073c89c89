"""``placeholder``: template text nobody filled in earns nothing.

"[describe impact here]", "<your name>", "TODO", "Lorem ipsum", an issue
template's HTML comments and headings with nothing under them. The placeholders
were blanked before analysis (:mod:`grader.guards.prepare`), so no criterion
can be met by them; this guard says so, vetoes any criterion whose only
evidence is an empty heading, and gives 0 to an answer that is nothing but
template (fewer than ``MIN_CONTENT_WORDS`` words outside placeholders and headings).
"""
from __future__ import annotations

import re

from grader.guards.base import Finding, GuardContext

NAME = "placeholder"
MIN_CONTENT_WORDS = 6
_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+[^\n]*|\*\*[^*\n]{1,80}\*\*:?[ \t]*|__[^_\n]{1,80}__:?[ \t]*|[A-Z][\w /()&'-]{0,50}:[ \t]*)$",
    re.MULTILINE,
)
_BULLET_ONLY = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]*$", re.MULTILINE)


def check(context: GuardContext) -> Finding | None:
    prepared = context.prepared
    text = prepared.text
    headings = [m.span() for m in _HEADING.finditer(text)]
    empty = _empty_headings(text, headings)
    content = _without(text, headings)
    content_words = len(context.words_in(_BULLET_ONLY.sub(" ", content)))
    if not prepared.placeholders and not empty:
        return None
    quoted = ", ".join(f"'{_short(context.normalized.text[s:e])}'" for s, e in prepared.placeholders[:3])
    what = []
    if prepared.placeholders:
        what.append(f"template placeholders ({quoted})")
    if empty:
        what.append(f"{len(empty)} heading(s) with nothing under them")
    spans = tuple(prepared.placeholders) + tuple(empty)
    if content_words < MIN_CONTENT_WORDS:
        return Finding(NAME, f"This answer is an unfilled template: {' and '.join(what)}, and almost nothing else. "
                             "Placeholders earn nothing; write the answer itself.", spans=spans, cap=0.0)
    vetoes = tuple(c.id for c in context.criteria
                   if c.met and c.spans and all(any(s <= a and b <= e for s, e in empty) for a, b in c.spans))
    return Finding(NAME, f"Unfilled {' and '.join(what)} earn nothing; fill them in or delete them.",
                   spans=spans, vetoes=vetoes)


def _empty_headings(text: str, headings: list[tuple[int, int]]) -> list[tuple[int, int]]:
    empty = []
    for i, (start, end) in enumerate(headings):
        label_value = text[start:end].split(":", 1)
        if len(label_value) == 2 and label_value[1].strip(" *_\t"):
            continue  # "Impact: high" is a label with a value (judged by the checks)
        next_start = headings[i + 1][0] if i + 1 < len(headings) else len(text)
        if not re.search(r"\w", _BULLET_ONLY.sub("", text[end:next_start])):
            empty.append((start, end))
    return empty


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
