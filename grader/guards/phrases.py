"""Phrase lists as regexes, for the guards' own word lists and the briefs' terms.

The same conventions as ``grader/lexicons``: case-insensitive, a space matches
any whitespace, ``*`` at the end of a word matches any ending. Word boundaries
are added only where the phrase starts or ends with a word character, so
``#827``, ``key={index}`` and ``2 a.m`` match as written.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
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
        text = fold_accents(text)
    lowered = text.lower()
    found: list[re.Match[str]] = []
    for literal, regex in _patterns(tuple(phrases), fold):
        if literal in lowered:
            found += _matches(literal, regex, text, lowered)
    found.sort(key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def occurs(phrase: str, text: str, lowered: str) -> bool:
    """Whether ``phrase`` matches anywhere in ``text`` (``lowered`` is ``text.lower()``, computed once by the
    caller that asks about many phrases)."""
    phrase = phrase.strip()
    if not phrase:
        return False
    literal, regex = _phrase_pattern(phrase)
    return literal in lowered and next(_matches(literal, regex, text, lowered), None) is not None


def _matches(literal: str, regex: re.Pattern[str], text: str, lowered: str) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, tried only where the phrase's first word occurs in ``lowered``.

    Why: a phrase regex starts with a lookbehind and ignores case, so the regex engine
    tries it at every character of the answer; a brief's 15-30 phrases cost a
    millisecond that way. Every match starts where its first word does, so
    ``str.find`` on the lower-cased text gives the only places worth trying.
    """
    if len(lowered) != len(text):  # lower-casing moved offsets ("\u0130"): let the regex scan
        yield from regex.finditer(text)
        return
    position = lowered.find(literal)
    while position >= 0:
        match = regex.match(text, position)
        if match is None:
            position = lowered.find(literal, position + 1)
            continue
        yield match
        position = lowered.find(literal, max(match.end(), position + 1))


@lru_cache(maxsize=256)
def _patterns(phrases: tuple[str, ...], fold: bool) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The distinct phrases of a list, compiled once per list: the guards ask about the same word lists and
    the same brief on every answer."""
    if fold:
        phrases = tuple(fold_accents(p) for p in phrases)
    return tuple(_phrase_pattern(p) for p in dict.fromkeys(p.strip() for p in phrases if p.strip()))


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
