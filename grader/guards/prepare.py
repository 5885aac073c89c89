"""The text the checks read: normalised (see :mod:`grader.normalize`) and with placeholders blanked.

Why blank placeholders before analysis: "[describe the impact here]" contains
"impact", and "<your name>" looks like a sign-off; a template's instructions
must earn nothing. Blanking is a same-length replacement by spaces, so offsets
in the prepared text are offsets in the normalised text, and
``normalized.to_original`` maps them to the learner's text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from grader.guards.phrases import find, word_lists
from grader.normalize import Normalized, normalize

Span = tuple[int, int]

_CODE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)|`[^`\n]+`", re.MULTILINE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_BRACKET = re.compile(r"\[([^\[\]\n]{2,120})\](?![(\[:])")
_ANGLE = re.compile(r"<([^<>\n]{2,80})>")
_CURLY = re.compile(r"\{\{[^{}\n]{1,80}\}\}")
_HTML_TAG = re.compile(r"/?[a-zA-Z][\w-]*(?:\s+[\w:-]+(?:=(?:\"[^\"]*\"|'[^']*'|\S+))?)*\s*/?")
_ELLIPSIS = re.compile(r"\.\.\.|\u2026")


@dataclass(frozen=True)
class Prepared:
    """What the engine analyses (``text``) and what was done to get there."""

    normalized: Normalized
    text: str
    placeholders: tuple[Span, ...] = ()


def prepare(text: str, blank_placeholders: bool = True) -> Prepared:
    """Normalise ``text`` and (for prose) blank its template placeholders."""
    normalized = normalize(text)
    if not blank_placeholders:
        return Prepared(normalized, normalized.text)
    spans = placeholder_spans(normalized.text)
    if not spans:
        return Prepared(normalized, normalized.text)
    chars = list(normalized.text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\n\r":
                chars[i] = " "
    return Prepared(normalized, "".join(chars), spans)


def placeholder_spans(text: str) -> tuple[Span, ...]:
    """Template instructions in ``text``: HTML comments, bracketed or angled prompts, TODO-style markers.

    Inside code (backticks or fences) nothing is a placeholder: `List<Address>` is Java.
    """
    code = [m.span() for m in _CODE.finditer(text)]

    def in_code(span: Span) -> bool:
        return any(s <= span[0] < e for s, e in code)

    found: list[Span] = [m.span() for m in _COMMENT.finditer(text)]
    words = word_lists()["placeholder_words"]
    for match in _BRACKET.finditer(text):
        inner = match.group(1)
        if _is_prompt(inner, words) and not in_code(match.span()):
            found.append(match.span())
    for match in _ANGLE.finditer(text):
        inner = match.group(1)
        if inner.startswith(("!--", "http", "mailto")) or "@" in inner:
            continue
        if _HTML_TAG.fullmatch(inner) and not find(words, inner):
            continue
        if _is_prompt(inner, words) and not in_code(match.span()):
            found.append(match.span())
    found += [m.span() for m in _CURLY.finditer(text) if not in_code(m.span())]
    for match in find(word_lists()["placeholder_markers"], text):
        single_word = " " not in match.group()
        if (match.group().isupper() or not single_word) and not in_code(match.span()):
            found.append(match.span())  # "TODO", "lorem ipsum"; a "todo list" is prose
    return tuple(_merge(found))


def _is_prompt(inner: str, words: tuple[str, ...]) -> bool:
    letters = [c for c in inner if c.isalpha()]
    if len(letters) < 2:
        return False  # [x], [1], [ ]: checkboxes and footnotes
    if _ELLIPSIS.search(inner) or (inner.isupper() and len(letters) >= 3 and " " in inner.strip()):
        return True
    return bool(find(words, inner))


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
