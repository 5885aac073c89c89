"""Phrase lists as regexes, for the guards' own word lists and the briefs' terms.

The same conventions as ``grader/lexicons``: case-insensitive, a space matches
any whitespace, ``*`` at the end of a word matches any ending. Word boundaries
are added only where the phrase starts or ends with a word character, so
``#827``, ``key={index}`` and ``2 a.m`` match as written.
"""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> tuple[str, re.Pattern[str]]:
    """(literal first word, lowercased; the phrase's regex). The literal lets :func:`find` skip
    phrases that cannot occur with one substring test, so a brief's 60 phrases cost almost nothing."""
    star = phrase.endswith("*")
    body = phrase[:-1] if star else phrase
    pattern = r"\s+".join(re.escape(word) for word in body.split())
    if body[:1].isalnum() or body[:1] == "_":
        pattern = r"(?<![\w])" + pattern
    if star:
        pattern += r"[\w'-]*"
    elif body[-1:].isalnum() or body[-1:] == "_":
        pattern += r"(?![\w])"
    return body.split()[0].lower(), re.compile(pattern, re.IGNORECASE)


def find(phrases: tuple[str, ...], text: str, fold: bool = False) -> list[re.Match[str]]:
    """Matches of any phrase, in text order, overlaps dropped (the longer phrase wins);
    with ``fold``, accents are ignored on both sides ("Chloe" finds "Chloé")."""
    if fold:
        phrases, text = tuple(fold_accents(p) for p in phrases), fold_accents(text)
    lowered = text.lower()
    found: list[re.Match[str]] = []
    for phrase in {p.strip() for p in phrases if p.strip()}:
        literal, regex = _phrase_pattern(phrase)
        if literal in lowered:
            found += regex.finditer(text)
    found.sort(key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def fold_accents(text: str) -> str:
    """``text`` with each accented letter replaced by its base letter (same length, so offsets hold)."""
    if text.isascii():
        return text
    return text.translate({ord(c): _base(c) for c in set(text) if not c.isascii()})


@lru_cache(maxsize=4096)
def _base(char: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", char)
    return decomposed[0] if decomposed and decomposed[0].isalpha() and char.isalpha() else char


@lru_cache(maxsize=1)
def word_lists() -> dict:
    """The guards' word lists (``grader/guards/words.yaml``), by name (``function_words``: by language)."""
    from importlib import resources

    from grader.yaml_data import load_yaml

    data = load_yaml((resources.files("grader") / "guards" / "words.yaml").read_text(encoding="utf-8"))
    def clean(value):  # noqa: ANN001, ANN202 - a list of words, or a mapping of such lists
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        return tuple(str(word) for word in value)

    return {name: clean(words) for name, words in data.items()}
