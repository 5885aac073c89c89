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
_DOTS = re.compile(r"(['\"\u2018\u201c])\.{3,}['\"\u2019\u201d]|\u2026{2,}|\.{5,}")  # "Go to '...'"
_HTML_TAG = re.compile(r"/?[a-zA-Z][\w-]*(?:\s+[\w:-]+(?:=(?:\"[^\"]*\"|'[^']*'|\S+))?)*\s*/?")
_ELLIPSIS = re.compile(r"\.\.\.|\u2026")
# A prompt to fill in is words ("describe the impact here", "your name"), not code or a reference.
_PROSE = re.compile(r"[^\W_][\w\s,'\u2019\\/\-\u2013\u2014.\u2026?!\"]*")
_DOTTED = re.compile(r"\w\.\w")
_LEFTOVER_WORDS = 3
_HTML_TAGS = frozenset(
    "a abbr b blockquote br code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr i img input ins kbd li ol p pre "
    "s samp small span strike strong sub summary sup table tbody td th thead tr u ul picture source video".split()
)


@dataclass(frozen=True)
class Prepared:
    """What the engine analyses (``text``) and what was done to get there."""

    normalized: Normalized
    text: str
    placeholders: tuple[Span, ...] = ()

    def visible_placeholders(self) -> tuple[Span, ...]:
        """Placeholders worth telling the learner about: not the HTML comments a template leaves
        invisible in the rendered text ("<!-- optional -->") unless they read as an instruction, and
        not a template's own labels ("Steps to reproduce the behavior:"), which filled answers keep too."""
        text = self.normalized.text
        labels = word_lists()["template_labels"]
        return tuple((s, e) for s, e in self.placeholders
                     if (not text.startswith("<!--", s) or _is_instruction_comment(text[s:e]))
                     and not any(m.span() == (0, e - s) for m in find(labels, text[s:e])))


def prepare(text: str, blank_placeholders: bool = True) -> Prepared:
    """Normalise ``text`` and (for prose) blank its template placeholders."""
    normalized = normalize(text)
    if not blank_placeholders:
        return Prepared(normalized, normalized.text)
    spans = placeholder_spans(normalized.text)
    if not spans:
        return Prepared(normalized, normalized.text)
    spans = _whole_template_lines(normalized.text, spans)
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
        if _HTML_TAG.fullmatch(inner) and inner.strip("/ ").split()[0].lower() in _HTML_TAGS:
            continue
        if _is_prompt(inner, words) and not in_code(match.span()):
            found.append(match.span())
    found += [m.span() for m in _CURLY.finditer(text) if not in_code(m.span())]
    found += [m.span() for m in _DOTS.finditer(text) if not in_code(m.span())]
    found += [m.span() for m in find(word_lists()["template_labels"], text) if not in_code(m.span())]
    for match in find(word_lists()["placeholder_markers"], text):
        single_word = " " not in match.group()
        if in_code(match.span()):
            continue
        if not single_word:  # an instruction: blank it to the end of its sentence
            end = re.compile(r"[.!?](?=\s|$)|\n|$").search(text, match.end()).end()
            found.append((match.start(), end))
        elif match.group().isupper():
            found.append(match.span())  # "TODO"; a "todo list" is prose
    return tuple(_merge(found))


def _is_prompt(inner: str, words: tuple[str, ...]) -> bool:
    inner = inner.strip()
    if inner.lower().startswith(("e.g.", "e.g", "eg.", "i.e.")):
        return True  # "[e.g. iOS]": an example to replace
    if len(inner.split()) < 2 or not _PROSE.fullmatch(inner) or _DOTTED.search(inner):
        return False  # [x], [1], [#gh-issue-12], <T>, [java.lang.Error: ...]: not a prompt to fill in
    letters = [c for c in inner if c.isalpha()]
    if _ELLIPSIS.search(inner) or (inner.isupper() and len(letters) >= 3 and " " in inner):
        return True
    return bool(find(words, inner))


def _whole_template_lines(text: str, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Widen a placeholder to its whole line when little else is on it ("1. Go to '...'", "- OS: [e.g. iOS]"):
    such a line is template, and its leftovers ("Go to", "OS:") would still read as steps or an environment."""
    widened = list(spans)
    for start, end in spans:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[line_start:start] + " " + text[end:line_end]
        if len(re.findall(r"[^\W\d_]+", rest)) <= _LEFTOVER_WORDS:
            widened.append((line_start, line_end))
    return tuple(_merge(widened))


def _is_instruction_comment(comment: str) -> bool:
    inner = comment.removeprefix("<!--").removesuffix("-->")
    return len(inner.split()) >= 3 and not re.search(r"[\[\]()<>]|https?:", inner)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
