"""Sentence-level units of an answer, from maintained libraries: the unit the moves are judged on.

Why libraries instead of the old regexes: sentences are now what a criterion
is met by and what the learner sees highlighted, so the boundaries must hold
on real writing (abbreviations, version numbers, lists, code fences,
```suggestion blocks, quoted replies). ``markdown-it-py`` (CommonMark) gives
the blocks with their source lines; ``pysbd`` splits a paragraph into
sentences with character spans. Both run on the same-length normalised text,
so every span is an offset into what the learner typed.

Git trailers ("Signed-off-by: ...", "Co-authored-by: ...") are metadata, not
content: they become units of kind ``trailer`` that no move can be met by.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from grader.analysis.plain_sentences import plain_sentence_spans
from grader.analysis.text import Analysis, Span

# Beyond this size the regex splitter of grader.analysis.text is used instead of
# pysbd: a 100k-word paste must still grade in about a second.
PYSBD_MAX_CHARS = 60_000
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]*_`]*\s")
TRAILER = re.compile(
    r"[ \t]*(?:Signed-off-by|Co-authored-by|Co-Authored-By|Reviewed-by|Acked-by|Tested-by|Reported-by|Suggested-by|"
    r"Helped-by|Reviewed-on|Change-Id|Cc|Fixes|Closes|Resolves|Refs|See-also|PR-URL|Bug|Issue|Jira|Ticket|Part-of|"
    r"Cherry-picked-from|Backport-of|Release-note|Approved-by|Depends-on|Related-to|Task-number)\s*:[ \t]*\S",
    re.IGNORECASE,
)
# A line at least this long that stops without closing punctuation was wrapped by its
# writer (commit bodies at 72, ADRs and e-mails at 60-80), not ended: its line break is
# read as a space. Shorter lines ("hi", "anyone around?") are chat messages and stay apart.
HARD_WRAP_MIN_CHARS = 40
_WRAPPED_LINE = re.compile(r"^[^\n]{%d,}[^.!?:;\u2026\s\n]\n(?=[ \t]*\S)" % (HARD_WRAP_MIN_CHARS - 1), re.MULTILINE)
_LEADING_MARKER = re.compile(r"[ \t]*(?:>[ \t]?)*(?:[-*+\u2022][ \t]+|\d{1,3}[.)][ \t]+|\[[ xX]\][ \t]+)?(?:\[[ xX]\][ \t]+)?")


class Unit(NamedTuple):
    """One sentence-like unit: a sentence, a heading, a list item's sentence, a code or suggestion block."""

    start: int
    end: int
    kind: str  # sentence | heading | code | suggestion | trailer
    in_list: bool
    in_quote: bool
    section: str  # the text of the nearest heading above ("" when none)
    block: int  # index of the Markdown block it belongs to (neighbours in one block share it)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def units(analysis: Analysis) -> list[Unit]:
    """Every unit of the answer in text order (cached on the analysis)."""
    cached = getattr(analysis, "_units", None)
    if cached is None:
        cached = _units(analysis)
        analysis._units = cached
    return cached


def _units(analysis: Analysis) -> list[Unit]:
    norm = analysis.norm
    line_starts = [s for s, _ in analysis.lines]
    line_ends = [e for _, e in analysis.lines]
    use_pysbd = len(norm) <= PYSBD_MAX_CHARS
    out: list[Unit] = []
    section = ""
    list_depth = quote_depth = 0
    block = 0
    tokens = _parser().parse(norm)
    for i, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        if token.map is None or kind.endswith("_close"):
            continue
        first, last = token.map[0], token.map[1] - 1
        if last < first or first >= len(line_starts):
            continue
        start, end = line_starts[first], line_ends[min(last, len(line_ends) - 1)]
        if kind == "heading_open":
            if token.markup in ("=", "-"):  # setext: the title is the first line, not its underline
                end = line_ends[first]
            span = _strip_heading(norm, start, end)
            if span:
                section = " ".join(norm[span[0]:span[1]].split())
                block += 1
                out.append(Unit(span[0], span[1], "heading", list_depth > 0, quote_depth > 0, section, block))
        elif kind in ("fence", "code_block"):
            block += 1
            is_suggestion = kind == "fence" and token.info.strip().lower().startswith("suggestion")
            out.append(Unit(start, end, "suggestion" if is_suggestion else "code", list_depth > 0, quote_depth > 0, section, block))
        elif kind == "paragraph_open":
            block += 1
            for s, e, unit_kind in _paragraph(analysis, first, last, use_pysbd):
                out.append(Unit(s, e, unit_kind, list_depth > 0, quote_depth > 0, section, block))
        elif kind == "html_block":
            block += 1
    return out


def _strip_heading(norm: str, start: int, end: int) -> Span | None:
    line = norm[start:end]
    body = line.lstrip(" \t#")
    s = start + len(line) - len(body)
    e = end
    while e > s and norm[e - 1] in " \t#":
        e -= 1
    return (s, e) if e > s else None


def _paragraph(analysis: Analysis, first: int, last: int, use_pysbd: bool) -> list[tuple[int, int, str]]:
    """Sentences of one paragraph (lines ``first``..``last``); trailer lines become their own units."""
    norm = analysis.norm
    lines = analysis.lines[first:last + 1]
    out: list[tuple[int, int, str]] = []
    run_start: int | None = None
    run_end = 0
    for start, end in lines:
        if TRAILER.match(norm, start, end):
            if run_start is not None:
                out.extend(_sentences(analysis, run_start, run_end, use_pysbd))
                run_start = None
            out.append((*_trim(norm, start, end), "trailer"))
            continue
        if run_start is None:
            marker = _LEADING_MARKER.match(norm, start, end)
            run_start = marker.end() if marker else start
        run_end = end
    if run_start is not None:
        out.extend(_sentences(analysis, run_start, run_end, use_pysbd))
    return [u for u in out if u[1] > u[0]]


def _sentences(analysis: Analysis, start: int, end: int, use_pysbd: bool) -> list[tuple[int, int, str]]:
    norm = analysis.norm
    if not _SENTENCE_END.search(norm, start, end):
        return [(*_trim(norm, start, end), "sentence")]
    if use_pysbd:
        spans = _pysbd_spans(_unwrap(norm[start:end]))
        if spans is not None:
            return [(*_trim(norm, start + s, start + e), "sentence") for s, e in spans]
    return [(s, e, "sentence") for s, e in analysis.sentences if start <= s < end]


def _unwrap(text: str) -> str:
    """The paragraph with its writer's hard wraps read as spaces (same length, so spans still hold).

    Why: pysbd ends a sentence at every line break, so a commit body or an ADR wrapped
    at 72 columns fell apart into half-sentences ("If you fix it," / "please re-run").
    """
    return _WRAPPED_LINE.sub(lambda m: m.group()[:-1] + " ", text)


@lru_cache(maxsize=512)
def _pysbd_spans(text: str) -> tuple[Span, ...] | None:
    """pysbd's character spans, or None when they do not tile the text (then the regex splitter is used).

    Cached per paragraph: the live editor re-grades the whole answer on every pause
    while the learner edits one paragraph, and pysbd is the costliest step of a check.
    """
    if not text:
        return ()
    plain = plain_sentence_spans(text)
    if plain is not None:  # pysbd's spans without pysbd: see grader/analysis/plain_sentences.py
        return plain
    try:
        sentences = _segmenter().processor(text).process()
    except Exception:  # noqa: BLE001 - a library bug on odd input must not cost the learner a grade
        return None
    spans = _char_spans(text, sentences)
    position = 0
    for s, e in spans:
        if s < position or e > len(text) or text[position:s].strip():
            return None
        position = e
    if text[position:].strip():
        return None
    return tuple(spans)


def _char_spans(text: str, sentences: list[str]) -> list[Span]:
    """Where each of pysbd's sentences lies in ``text``: what ``Segmenter.segment(char_span=True)``
    returns, found with ``str.find`` instead of a regex compiled per sentence.

    Why: pysbd builds and compiles ``re.escape(sentence) + r"\\s*"`` for every sentence and
    scans the paragraph from its start with it; on answers people write (no sentence seen
    before, so Python's regex cache never hits) that was a third of pysbd's time.
    The rule is the same: each sentence's first non-overlapping occurrence, with the
    white space after it, that ends after the previous sentence's span.
    """
    spans: list[Span] = []
    prior_end = 0
    for sentence in sentences:
        if not sentence:
            continue
        position = 0
        while True:
            start = text.find(sentence, position)
            if start < 0:
                break
            end = start + len(sentence)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior_end:
                spans.append((start, end))
                prior_end = end
                break
            position = end
    return spans


def _trim(norm: str, start: int, end: int) -> Span:
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return (start, end)
