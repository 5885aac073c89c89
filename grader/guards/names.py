"""Names stated in prose: the people, systems and products an answer mentions, for the invented-names guard.

Why a separate, deliberately narrow reader: the question is "does the answer
name a system or person the brief never mentions?" ("Kafka", "Cash App", "the
Black Friday outage"), and a false alarm on an ordinary word would teach the
learner to distrust every note. So a name is only:

* a capitalised word in the middle of a sentence (after a lowercase word or a
  comma on the same line: never at the start of a sentence, a line, a list
  item, numbered ones included ("2.2 Watching:"), a heading, or after a colon,
  where English capitalises anyway);
* or an acronym or camel-case word (``SQLAlchemy``, ``PgBouncer``, ``iPhone``)
  anywhere outside a heading.

Never a name: anything in code (backticks, fences), URLs, @handles and
#channels, words holding a digit (``PG12``, ``Q3``, ``T-3``: labels, not
names), single letters ("I", "option B") and "I'm", "I'd", a line in capitals
(shouting, not naming), SQL keywords in capitals ("DROP COLUMN", "INVALID").
Consecutive name words form one name ("Cash App"), reported once.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from grader.guards.phrases import fold_accents

Span = tuple[int, int]

_WORD = re.compile(r"[^\W\d_][\w'\u2019.]*(?<![.'\u2019])")
_SKIP = re.compile(
    r"^[ \t]*(```|~~~)[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)|`[^`\n]+`|https?://\S+|www\.\S+"
    r"|[\w.+\-]{1,64}@[\w\-]+(?:\.[\w\-]+)+|[@#][\w.\-/]+",
    re.MULTILINE | re.DOTALL,
)
# A capitalised word is a name only after a lowercase word, a digit, a comma or a closing bracket, on its line.
_MID_SENTENCE = re.compile(r"(?:[a-z0-9\u00df-\u00ff,)\]%]|\b[A-Z]{2,})[ \t]+$")
_LOOK_BACK = 12  # characters before a word that decide whether it stands mid-sentence
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]|^[ \t]*\*\*[^*\n]*\*\*:?[ \t]*$", re.MULTILINE)
_LABEL_AFTER = re.compile(r"-\d")
# A numbered list item or section opens its line ("2.2 Watching:", "3) Otherwise"): the word after starts it.
_ITEM_NUMBER = re.compile(r"[ \t]*\(?\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]+$")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)


def fold(word: str) -> str:
    """The form names are compared in: accents and case folded, a possessive dropped ("Google's" -> "google")."""
    return _POSSESSIVE.sub("", fold_accents(word)).lower()


def is_name_word(word: str) -> bool:
    """Capitalised, an acronym or camel-case, with no digit."""
    return any(c.isupper() for c in word) and not any(c.isdigit() for c in word)


def _is_acronym_or_camel(word: str) -> bool:
    core = _POSSESSIVE.sub("", word)
    return sum(c.isupper() for c in core) >= 2 or (core[:1].islower() and any(c.isupper() for c in core))


def names(text: str) -> Iterator[tuple[Span, tuple[str, ...]]]:
    """Each name in ``text``: its span and its words (a multi-word name such as "Cash App" is one name)."""
    # code, URLs and handles become spaces (same length): "@hana Agreed," starts its sentence at "Agreed"
    masked = _SKIP.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    lines = _Lines(masked)
    group: list[re.Match[str]] = []
    for match in _WORD.finditer(masked):
        counts = _counts(match, masked, lines)
        if counts and group and _adjacent(group[-1], match, masked):
            group.append(match)
            continue
        if group and not _keywords(group):
            yield _name(group)
        group = [match] if counts else []
    if group and not _keywords(group):
        yield _name(group)


def _keywords(group: list[re.Match[str]]) -> bool:
    """SQL or shouting, not a name: several words in capitals ("DROP COLUMN"), or one of five letters or more
    ("INVALID"); acronyms are short."""
    upper = [m.group().isupper() for m in group]
    return all(upper) and (len(group) > 1 or len(group[0].group()) >= 5)


class _Lines:
    """Where each line starts, and whether it is a heading or shouting: computed once per line, so a
    100,000-word paste on a single line costs no more per word than a short answer."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self._skip: dict[int, bool] = {}

    def start(self, position: int) -> int:
        index = bisect_right(self.breaks, position - 1)
        return self.breaks[index - 1] + 1 if index else 0

    def skipped(self, line_start: int) -> bool:
        """A heading ("## Suggested Fix", "**Context**") or a line in capitals: no names on it."""
        if line_start not in self._skip:
            index = bisect_right(self.breaks, line_start)
            line_end = self.breaks[index] if index < len(self.breaks) else len(self.text)
            self._skip[line_start] = bool(_HEADING.match(self.text, line_start)) or _shouting(
                self.text[line_start:line_end])
        return self._skip[line_start]


def words(text: str) -> list[str]:
    """Every word of ``text`` as this module reads words (letters first; inner dots and apostrophes kept)."""
    return _WORD.findall(text)


def name_words(text: str) -> set[str]:
    """Every capitalised, acronym or camel-case word anywhere in ``text`` (code included), possessives dropped:
    the names a piece of material gives, to list in a brief file's ``names``."""
    return {_POSSESSIVE.sub("", w) for w in _WORD.findall(text) if is_name_word(w) and len(w) >= 2}


def _name(group: list[re.Match[str]]) -> tuple[Span, tuple[str, ...]]:
    """(span without a trailing possessive, words): "Black Friday's" is the name "Black Friday"."""
    last = group[-1].group()
    end = group[-1].end() - (2 if _POSSESSIVE.search(last) else 0)
    return (group[0].start(), end), tuple(m.group() for m in group)


def _counts(match: re.Match[str], text: str, lines: _Lines) -> bool:
    word = match.group()
    start = match.start()
    if not is_name_word(word) or len(word) < 2 or fold(word).startswith(("i'", "i\u2019")):
        return False
    if _LABEL_AFTER.match(text, match.end()):  # "MOB-2207", "RB-112": a ticket or runbook id, not a name
        return False
    line_start = lines.start(start)
    if lines.skipped(line_start):
        return False
    window = max(line_start, start - _LOOK_BACK)
    if _is_acronym_or_camel(word):
        return True
    return bool(_MID_SENTENCE.search(text, window, start)) and not _ITEM_NUMBER.fullmatch(text, line_start, start)


def _adjacent(previous: re.Match[str], match: re.Match[str], text: str) -> bool:
    return text[previous.end():match.start()] in (" ", "\u00a0")


def _shouting(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7
