"""Quantities: numbers that carry a unit (%, currency, durations, counts of things, rates).

Why a unit is required: "Postgres 12", "v2.3.1", "Q2" or "PR #4412" contain digits
but measure nothing. A stakeholder needs "6 weeks", "€18,000 a year", "40% of
orders", "3 incidents last quarter" - a number attached to what it counts.
"""
from __future__ import annotations

import re

from grader.analysis.lexicon import compiled
from grader.analysis.text import Analysis, Span

_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|hundred|a\s+hundred|a\s+thousand|a\s+dozen|a\s+couple\s+of|half\s+a|a\s+third\s+of|a\s+quarter\s+of|"
    r"half\s+of|half|double|twice|triple)"
)
# Digits with thousands separators / decimals, optional currency before, and a
# magnitude suffix (k, M, bn). Versions (1.2.3) and "v2" are filtered in code.
_NUMERIC = re.compile(
    r"(?P<cur>[$\u20ac\u00a3\u00a5]\s?)?(?P<num>\d{1,3}(?:[,\u2009\u00a0]\d{3})+|\d+)(?P<dec>[.,]\d+)?"
    r"(?P<mag>\s?(?:k|m|bn|mn|million|billion|thousand)\b)?(?P<pct>\s?%)?(?P<cur2>\s?(?:\u20ac|eur|usd|gbp|chf|dollars|euros|pounds)\b)?"
    r"(?:\s?[x\u00d7](?=\s))?",
    re.IGNORECASE,
)
_VERSION_AFTER = re.compile(r"\.\d+\.\d|\.x\b|-(?:rc|beta|alpha)", re.IGNORECASE)
_VERSION_BEFORE = re.compile(r"(?:\bv|version\s|release\s|python\s|node\s|java\s|react\s|postgres(?:ql)?\s|ios\s|android\s|#)$", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"[\s-]{0,2}(?:[a-z]+[\s-]){0,2}", re.IGNORECASE)
# Digit-led pattern (no lookbehind) so the regex engine can skip non-digits fast;
# a number glued to one of these characters is part of a name and skipped in code.
_GLUED_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.#/:-")
_GAP = re.compile(r"[\s\-/]{0,3}")
_FILLER_WORD = re.compile(r"[a-z']{1,20}")
# Matched on the lower-cased text with "\b" (every number word starts with a letter, so "\b" there means
# "no word character before"): twice as fast as a case-blind, lookbehind-led scan of the original text, same spans.
_NUMBER_WORD = re.compile(rf"\b{_NUMBER_WORDS}(?=[\s-])")


def find_quantities(analysis: Analysis, limit: int = 5000) -> list[Span]:
    """Spans of every number-with-unit, the unit included. ``limit`` caps work on huge texts."""
    norm = analysis.norm
    units = compiled("units")
    found: list[Span] = []
    for examined, match in enumerate(_NUMERIC.finditer(norm)):
        if len(found) >= limit or examined >= 4 * limit:
            break
        start, end = match.span()
        if start and norm[start - 1] in _GLUED_BEFORE and not match.group("cur"):
            continue  # "v2", "1.2.3", "#4412", "/v1", "PAY-1182": part of a name, not a number
        if _is_version(norm, match):
            continue
        if match.group("cur") or match.group("pct") or match.group("cur2"):
            found.append((start, end))
            continue
        unit = _unit_after(analysis.lower, end, units)
        if unit:
            found.append((start, unit))
    for match in _NUMBER_WORD.finditer(analysis.lower):
        if len(found) >= limit:
            break
        unit = _unit_after(analysis.lower, match.end(), units, words_before_unit=1)
        if unit:
            found.append((match.start(), unit))
    return sorted(found)


def _is_version(norm: str, match: re.Match[str]) -> bool:
    start, end = match.span()
    if _VERSION_AFTER.match(norm, end) or (match.group("dec") and _VERSION_AFTER.match(norm, match.start("dec"))):
        return True
    before = norm[max(0, start - 12):start]
    return bool(_VERSION_BEFORE.search(before))


def _unit_after(lower: str, end: int, units: re.Pattern[str], words_before_unit: int = 2) -> int | None:
    """End offset of a unit word within a couple of words after a number, else None.

    ``lower`` is the lower-cased answer: lexicon patterns match lower-case text."""
    norm = lower
    window_end = min(len(norm), end + 40)
    position = end
    for _ in range(words_before_unit + 1):
        gap = _GAP.match(norm, position, window_end)
        position = gap.end() if gap else position
        unit = units.match(norm, position, window_end)
        if unit:
            return unit.end()
        word = _FILLER_WORD.match(norm, position, window_end)
        if not word or position == end and not gap:
            return None
        position = word.end()
    return None
