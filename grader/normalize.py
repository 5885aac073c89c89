"""Undo the tricks that hide words from the checks, keeping a map back to the learner's text.

Why: "id\u200biot" or "іdiot" with a Cyrillic "і" reads as "idiot" to a person but
not to a lexicon, so a rude word could pass the tone check. Before analysis the
engine removes invisible characters (zero-width space/joiner/non-joiner, word
joiner, soft hyphen, bidi controls, variation selectors, BOM) and folds
look-alike letters inside Latin words to Latin (Cyrillic/Greek homoglyphs from
the Unicode confusables table, via the maintained ``confusable-homoglyphs``
package; fullwidth and mathematical letters via NFKC). A word written wholly in
another script is left alone: Russian is Russian, not disguised English.

Every character of the normalised text remembers where it came from, so a span
the checks find maps back to the characters the learner typed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

Span = tuple[int, int]

# Format characters that render as nothing. U+200D (zero-width joiner) also glues
# emoji sequences; removing it there changes nothing a check reads.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
_INVISIBLE_RUN = re.compile(INVISIBLE.pattern + "+")
# Letters of the scripts whose look-alikes are folded, and a word (run of letters) holding one of them:
# the unit in which homoglyphs are judged.
_SUSPECT_RANGE = "\u0370-\u058f\u13a0-\u13ff\u2c80-\u2cff"
_SUSPECT = re.compile(f"[{_SUSPECT_RANGE}]")
_MIXED_WORD = re.compile(f"[^\\W\\d_]*[{_SUSPECT_RANGE}][^\\W\\d_]*")
# Fullwidth forms and mathematical alphanumerics: NFKC maps them to ASCII letters/digits.
_COMPAT = re.compile("[\uff01-\uff5e\U0001d400-\U0001d7ff]")
_SUSPECT_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")


@dataclass(frozen=True)
class Normalized:
    """The text the checks read, and where each of its characters came from.

    ``origin[i]`` is the offset in ``original`` of normalised character ``i``;
    ``origin[len(text)]`` is ``len(original)``. ``hidden`` lists the spans of
    removed runs of invisible characters; ``disguised`` the spans of words whose
    letters were folded from look-alikes.
    """

    original: str
    text: str
    origin: tuple[int, ...]
    hidden: tuple[Span, ...] = ()
    disguised: tuple[Span, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text is not self.original

    def to_original(self, span: Span) -> Span:
        """Map a span of ``text`` to the span of ``original`` it was read from."""
        if not self.changed:
            return span
        start, end = span
        start = min(max(start, 0), len(self.text))
        end = min(max(end, start), len(self.text))
        if end == start:
            return (self.origin[start], self.origin[start])
        return (self.origin[start], self.origin[end - 1] + 1)

    def hidden_inside_words(self) -> tuple[Span, ...]:
        """Invisible characters with a letter or digit on both sides: the ones that split words."""
        source = self.original
        return tuple(
            (s, e) for s, e in self.hidden
            if 0 < s and e < len(source) and source[s - 1].isalnum() and source[e].isalnum()
        )


def normalize(text: str) -> Normalized:
    """Remove invisible characters and fold homoglyphs in Latin words (see module docstring).

    Linear and mostly in C (regex scans, ``str.translate``), so a 5 MB paste of
    zero-width spaces or disguised words costs well under a second.
    """
    hidden = tuple(m.span() for m in _INVISIBLE_RUN.finditer(text))
    if text.isascii() or (not hidden and not _may_need_folding(text)):
        return Normalized(text, text, ())
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for start, end in hidden + ((len(text), len(text)),):
        pieces.append(text[position:start])
        origin.extend(range(position, start))
        position = end
    joined = "".join(pieces)
    if _COMPAT.search(joined):
        joined, origin = _fold_compatibility(joined, origin)
    disguised: list[Span] = []
    if _SUSPECT.search(joined):
        table = _latin_lookalikes()
        out: list[str] = []
        position = 0
        for match in _MIXED_WORD.finditer(joined):
            word = match.group()
            if not any(c.isascii() for c in word):
                continue  # wholly another script: nothing disguised
            folded = word.translate(table)
            if folded == word:
                continue
            out += [joined[position:match.start()], folded]
            position = match.end()
            disguised.append((origin[match.start()], origin[match.end() - 1] + 1))
        if disguised:
            joined = "".join(out) + joined[position:]
    if joined == text:
        return Normalized(text, text, ())
    return Normalized(text, joined, tuple(origin) + (len(text),), hidden, tuple(disguised))


def _fold_compatibility(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Fullwidth and mathematical letters to ASCII (NFKC); a character may become several."""
    pieces: list[str] = []
    mapped: list[int] = []
    position = 0
    for match in _COMPAT.finditer(text):
        folded = unicodedata.normalize("NFKC", match.group())
        pieces += [text[position:match.start()], folded]
        mapped += origin[position:match.start()] + [origin[match.start()]] * len(folded)
        position = match.end()
    pieces.append(text[position:])
    mapped += origin[position:]
    return "".join(pieces), mapped


def _may_need_folding(text: str) -> bool:
    return bool(_COMPAT.search(text) or _SUSPECT.search(text))


@lru_cache(maxsize=1)
def _latin_lookalikes() -> dict[int, str]:
    """Single letters of suspect scripts that the Unicode confusables table says look like one Latin letter.

    Loaded on first need (the table is ~0.9 MB of JSON, ~30 ms), never for plain ASCII answers.
    """
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[int, str] = {}
    for char, homoglyphs in confusables_data.items():
        if len(char) != 1 or not char.isalpha():
            continue
        try:
            name = unicodedata.name(char)
        except ValueError:
            continue
        if not name.startswith(_SUSPECT_SCRIPTS):
            continue
        latin = [h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalpha()]
        if latin:
            same_case = [c for c in latin if c.isupper() == char.isupper()]
            table[ord(char)] = (same_case or latin)[0]
    return table
