"""Sentences, tokens, lines and paragraphs of one answer, with character offsets.

Why offsets into the ORIGINAL text: the learner sees their own words
highlighted, so every span must index the string they typed. Windows and old
Mac line endings are normalised by a same-length substitution ("\\r\\n" becomes
" \\n", a lone "\\r" becomes "\\n"), so offsets in the normalised copy are
offsets in the original.
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import NamedTuple

Span = tuple[int, int]

# One word: letters/digits/underscore, with inner apostrophes (don't, team's).
# Each repetition of the group must start with an apostrophe, so there is no
# ambiguity for the regex engine to backtrack over.
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_LINE = re.compile(r"[^\n]*")
# End of a sentence: terminal punctuation, optional closing quotes/brackets,
# then whitespace. Abbreviations are filtered in code, not in the pattern.
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]*_`]*(?=\s)")
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs cf approx incl esp fig no nr dr mr mrs ms prof jr sr st mt inc ltd co corp al".split()
)
_BLANK = re.compile(r"[ \t\u00a0]*")
_HEADING_LINE = re.compile(r"[ \t]*(?:#{1,6}[ \t]|\*\*[^*\n]{1,80}\*\*:?[ \t]*$)")
_BLOCK_START = re.compile(r"[ \t]*(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,3}[.)][ \t]|>|```|~~~|\|)")


class Token(NamedTuple):
    """A word with its position (a tuple: answers can have 100k of them)."""

    start: int
    end: int
    text: str


def normalise_line_endings(text: str) -> str:
    """Same-length copy of ``text`` with only ``\\n`` line breaks (see module docstring)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


class Analysis:
    """Everything the checks need to know about one answer, computed lazily once.

    ``text`` is the original answer, ``norm`` the same-length copy with
    normalised line endings that all patterns run over.
    """

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError(f"answer text must be str, not {type(text).__name__}")
        self.text = text
        self.norm = normalise_line_endings(text)
        self._signals: dict[str, list[Span]] = {}

    @cached_property
    def lower(self) -> str:
        """Lower-cased ``norm`` for lexicon matching, guaranteed to keep every offset.

        A few characters change length when lower-cased (e.g. "\u0130" becomes two
        characters); those are replaced by "i" so the offsets still line up.
        """
        lowered = self.norm.lower()
        if len(lowered) == len(self.norm):
            return lowered
        return "".join(c.lower() if len(c.lower()) == 1 else "i" for c in self.norm)

    # -- basic units -------------------------------------------------------
    @cached_property
    def tokens(self) -> list[Token]:
        new = tuple.__new__  # 3x faster than Token(...) for the 100k-word case
        return [new(Token, (m.start(), m.end(), m.group())) for m in _WORD.finditer(self.norm)]

    @cached_property
    def word_count(self) -> int:
        return len(self.tokens)

    @cached_property
    def lines(self) -> list[Span]:
        """Every line (without its newline), including empty ones."""
        spans: list[Span] = []
        start = 0
        norm = self.norm
        while True:
            end = norm.find("\n", start)
            if end < 0:
                spans.append((start, len(norm)))
                return spans
            spans.append((start, end))
            start = end + 1

    @cached_property
    def nonblank_lines(self) -> list[Span]:
        return [s for s in self.lines if not _BLANK.fullmatch(self.norm, s[0], s[1])]

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Runs of non-blank lines separated by blank lines."""
        paragraphs: list[Span] = []
        current: Span | None = None
        for start, end in self.lines:
            if _BLANK.fullmatch(self.norm, start, end):
                if current:
                    paragraphs.append(current)
                    current = None
            else:
                current = (current[0], end) if current else (start, end)
        if current:
            paragraphs.append(current)
        return paragraphs

    @cached_property
    def blocks(self) -> list[Span]:
        """Paragraphs further split at Markdown block starts (list items, headings).

        A list item or heading is its own unit even without a blank line around it,
        while a prose paragraph wrapped over several lines (a commit body) stays one.
        """
        blocks: list[Span] = []
        current: Span | None = None
        previous_was_heading = False
        for start, end in self.lines:
            if _BLANK.fullmatch(self.norm, start, end):
                if current:
                    blocks.append(current)
                current, previous_was_heading = None, False
                continue
            if current and (previous_was_heading or _BLOCK_START.match(self.norm, start, end)):
                blocks.append(current)
                current = None
            current = (current[0], end) if current else (start, end)
            previous_was_heading = bool(_HEADING_LINE.match(self.norm, start, end))
        if current:
            blocks.append(current)
        return blocks

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans (stripped of surrounding whitespace), in text order."""
        sentences: list[Span] = []
        for b_start, b_end in self.blocks:
            start = b_start
            for match in _SENTENCE_END.finditer(self.norm, b_start, b_end):
                if self._is_abbreviation(match.start()) or self.code.contains(match.start()):
                    continue  # "e.g." or the "..." inside `IN (...)` end nothing
                sentences.append(self._strip(start, match.end()))
                start = match.end()
            if self.norm[start:b_end].strip():
                sentences.append(self._strip(start, b_end))
        return [s for s in sentences if s[1] > s[0]]

    def _is_abbreviation(self, dot: int) -> bool:
        if self.norm[dot] != ".":
            return False
        word_start = dot
        while word_start > 0 and (self.norm[word_start - 1].isalpha() or self.norm[word_start - 1] == "."):
            word_start -= 1
            if dot - word_start > 6:
                return False
        word = self.norm[word_start:dot].lower()
        return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha() and word.isupper())

    def _strip(self, start: int, end: int) -> Span:
        while start < end and self.norm[start].isspace():
            start += 1
        while end > start and self.norm[end - 1].isspace():
            end -= 1
        return (start, end)

    @cached_property
    def markdown(self):  # -> grader.analysis.markdown.Markdown (imported lazily)
        from grader.analysis.markdown import parse

        return parse(self)

    @cached_property
    def python(self):  # -> grader.analysis.python_code.PythonCode, for ``format: python`` rubrics
        from grader.analysis.python_code import parse

        return parse(self)

    @cached_property
    def code(self):  # -> SpanSet of inline code and fenced blocks
        from grader.analysis.spans import SpanSet

        return SpanSet(self.markdown.inline_code + self.markdown.code_blocks)

    @cached_property
    def structure(self):  # -> SpanSet of headings and labels: words that are not content
        from grader.analysis.spans import SpanSet

        return SpanSet(self.markdown.non_content)

    # -- helpers -----------------------------------------------------------
    def slice(self, span: Span) -> str:
        return self.norm[span[0]:span[1]]

    def tokens_in(self, span: Span) -> list[Token]:
        """Tokens fully inside ``span`` (binary search: tokens are sorted)."""
        from bisect import bisect_left

        starts = self._token_starts
        i = bisect_left(starts, span[0])
        out = []
        tokens = self.tokens
        while i < len(tokens) and tokens[i].end <= span[1]:
            out.append(tokens[i])
            i += 1
        return out

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def sentence_of(self, offset: int) -> Span | None:
        """The sentence containing character ``offset``, if any."""
        from bisect import bisect_right

        sentences = self.sentences
        i = bisect_right(self._sentence_starts, offset) - 1
        if 0 <= i < len(sentences) and sentences[i][0] <= offset < sentences[i][1]:
            return sentences[i]
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s[0] for s in self.sentences]

    def signal(self, name: str) -> list[Span]:
        """Spans of a named signal (see :mod:`grader.analysis.signals`), cached per answer."""
        if name not in self._signals:
            from grader.analysis.signals import compute

            self._signals[name] = compute(name, self)
        return self._signals[name]
