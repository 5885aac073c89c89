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
    r"^[ \t]*(?:(?P<hashes>#{1,6})[ \t]+[^\n]*|\*\*[^*\n]{1,80}\*\*:?[ \t]*|__[^_\n]{1,80}__:?[ \t]*"
    r"|[A-Z][\w /()&'-]{0,50}:[ \t]*)$",
    re.MULTILINE,
)
_FENCE = re.compile(r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_LABEL_LEVEL = 7  # "**Impact:**" or "Impact:" on its own line: below any Markdown heading
_BULLET_ONLY = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]*$", re.MULTILINE)


def check(context: GuardContext) -> Finding | None:
    if context.rubric.format != "prose":
        return None  # code has brackets and `Name:` lines of its own
    prepared = context.prepared
    text = context.text
    matches = [m for m in _HEADING.finditer(_without_fences(text)) if _is_heading(m)]
    headings = [m.span() for m in matches]
    levels = [len(m.group("hashes")) if m.group("hashes") else _LABEL_LEVEL for m in matches]
    empty = _empty_headings(text, headings, levels)
    content = _without(text, headings)
    content_words = len(context.words_in(_BULLET_ONLY.sub(" ", content)))
    visible = prepared.visible_placeholders()
    if not visible and not empty and (content_words >= MIN_CONTENT_WORDS or not prepared.placeholders):
        return None
    quoted = ", ".join(f"'{_short(context.normalized.text[s:e])}'" for s, e in visible[:3])
    what = []
    if visible or not empty:
        what.append(f"template placeholders ({quoted})" if quoted else "template comments")
    if empty:
        what.append(f"{len(empty)} heading(s) with nothing under them")
    spans = tuple(visible) + tuple(empty)
    if content_words < MIN_CONTENT_WORDS:
        return Finding(NAME, f"This answer is an unfilled template: {' and '.join(what)}, and almost nothing else. "
                             "Placeholders earn nothing; write the answer itself.", spans=spans, cap=0.0)
    vetoes = tuple(c.id for c in context.criteria
                   if c.met and c.spans and all(any(s <= a and b <= e for s, e in empty) for a, b in c.spans))
    return Finding(NAME, f"Unfilled {' and '.join(what)} earn nothing; fill them in or delete them.",
                   spans=spans, vetoes=vetoes)


def _is_heading(match: re.Match[str]) -> bool:
    """A line that titles a section: capitalised, short, not a sentence in bold (nor a `# comment` in code)."""
    title = match.group().strip().lstrip("#").strip(" *_:")
    return bool(title) and (title[0].isupper() or title[0].isdigit()) and len(title.split()) <= 8 \
        and not title.endswith(".") and "[" not in title


def _without_fences(text: str) -> str:
    return _FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _empty_headings(text: str, headings: list[tuple[int, int]], levels: list[int]) -> list[tuple[int, int]]:
    """Headings with no text before the next heading of the same or a higher level (a parent is not empty)."""
    empty = []
    for i, (start, end) in enumerate(headings):
        label_value = text[start:end].split(":", 1)
        if len(label_value) == 2 and label_value[1].strip(" *_\t"):
            continue  # "## Status: Accepted" has its value on the line
        section_end = next((headings[j][0] for j in range(i + 1, len(headings)) if levels[j] <= levels[i]), len(text))
        between = [(s, e) for s, e in headings[i + 1:] if e <= section_end]
        body = _without(text[:section_end], between)[end:]
        if not re.search(r"\w", _BULLET_ONLY.sub("", body)):
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
