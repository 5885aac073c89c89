"""Numbers stated as facts, with their values: shared by the briefs and the invented-numbers guard.

Why a separate, simple reader: the question here is "does the value 310 000 000
appear in the brief?", not "is this a quantity with a unit?" (the analysis
answers that). Versions (`v2.14.1`, `Go 1.22`), times of day (`06:00`, "9 a.m."),
dates, ticket and PR ids (`#827`, `DATA-518`), a small whole number a change
leads to ("PostgreSQL 12 → 16", "sprint 24 -> 26"), HTTP status codes ("a 503
with Retry-After"), identifiers (`r6g`, `e2e`), list and section numbers at the
start of a line ("4. Expected:", "3.2 Aurora") and dates written with dots or
slashes ("freeze 18.12-04.01", "30/11") are labels, not facts to check, and are
skipped.
A figure in scientific notation ("9.2 × 10^18") is read as one value.
"""
from __future__ import annotations

import re
from typing import Iterator

Span = tuple[int, int]

MIN_FACTOR = 10
_MAGNITUDE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9,
              "trillion": 1e12, "quadrillion": 1e15, "quintillion": 1e18}
_NUMBER = re.compile(
    r"(?<![\w.#/:\-])(?:[$\u20ac\u00a3]\s?)?"
    r"(?P<num>\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<mag>k|m|mn|bn|million|billion|trillion|quadrillion|quintillion|thousand)\b)?"
    r"(?![\w]|:\d|\.\d)",
    re.IGNORECASE,
)
_VERSION_BEFORE = re.compile(
    r"(?:\bv|version\s|release\s|python\s|node(?:\.js)?\s|go\s|java\s|ios\s|android\s|sdk\s|postgres(?:ql)?\s|"
    r"sprint\s|step\s|part\s|q|§|adr-?|no\.\s?|page\s|line\s|l|pr\s|pg\s|item\s|point\s)$",
    re.IGNORECASE,
)
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DATE_AROUND = re.compile(rf"^\s?(?:{_MONTHS})[a-z]*\b", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})[a-z]*\.?\s$|\b(?:19|20)\d\d-$", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_STATUS_CODE = re.compile(r"[1-5]\d\d")
_STATUS_BEFORE = re.compile(r"(?:\b(?:a|an|the|http|status|returns?|returned|returning|with|got|gets?|throws?|"
                            r"sends?)\s|=\s?)$", re.IGNORECASE)
_STATUS_AFTER = re.compile(r"^\s(?:errors?|responses?|status|codes?|with|for|on)\b", re.IGNORECASE)
# "4. Expected:", "5) Ask", "3.2 Aurora PostgreSQL": a list or section number opening its line.
_LINE_START = re.compile(r"[ \t>*\-]{0,8}")
_LIST_MARK_AFTER = re.compile(r"[.)](?:[ \t]|$)")
_SECTION_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
# "18.12", "04.01" (day.month) and "30/11", "11/2024" (day/month, month/year): dates, not amounts.
_DOTTED_DATE = re.compile(r"(?:0?[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])")
_UNIT_AFTER = re.compile(r"\s?(?:%|[a-z\u00b5\u20ac$\u00a3])", re.IGNORECASE)  # "18.12 GB" is an amount
_SLASH_AFTER = re.compile(r"/\d")
# "9.2 × 10^18", "9.2 x 10**18", "9.2 × 10¹⁸": one value.
_SUPERSCRIPT = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")
_EXPONENT_AFTER = re.compile(r"\s?[\u00d7x*]\s?10(?:\s?(?:\^|\*\*)\s?(?P<exp>\d{1,3})(?!\d)"
                             r"|(?P<sup>[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]{1,3}))")
_ARROW_BEFORE = re.compile(r"(?:\u2192|->)\s?$")
# "9 a.m.", "5 pm": a time of day.
_CLOCK_AFTER = re.compile(r"\s?[ap]\.?m\b\.?", re.IGNORECASE)
_WORDS = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_WORDS.update({"fifteen": 15.0, "twenty": 20.0, "thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0})
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_WORDS) + r")\b", re.IGNORECASE)


def numbers(text: str) -> Iterator[tuple[Span, float]]:
    """Every number in ``text`` that states an amount, with its value (magnitudes applied)."""
    skip_until = 0
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if start < skip_until:
            continue  # the "10" and exponent of a figure in scientific notation
        raw = match.group("num")
        before = text[max(0, start - 12):start]
        after = text[end:end + 12]
        if _VERSION_BEFORE.search(before) or _DATE_AROUND.match(after) or _DATE_BEFORE.search(before):
            continue
        if _label(text, match, raw):
            continue
        exponent = _EXPONENT_AFTER.match(text, end)
        if exponent and not match.group("mag"):
            skip_until = exponent.end()
            power = exponent.group("exp") or exponent.group("sup").translate(_SUPERSCRIPT)
            value = float(raw.replace(",", "")) * 10 ** int(power)
            yield (start, exponent.end()), value
            continue
        if _YEAR.fullmatch(raw) and not match.group("mag"):
            continue  # 2023, 2026: a year, not an amount
        if _STATUS_CODE.fullmatch(raw) and (_STATUS_BEFORE.search(before) or _STATUS_AFTER.match(after)):
            continue  # "a 503 with Retry-After", "404 errors": a status code
        value = float(raw.replace(",", "").replace("\u00a0", "").replace("\u202f", ""))
        magnitude = (match.group("mag") or "").lower()
        if magnitude:
            value *= _MAGNITUDE[magnitude]
        yield (start, end), value


def _label(text: str, match: re.Match[str], raw: str) -> bool:
    """A list or section number opening a line, a date written with dots or slashes, a time of day."""
    start, end = match.span()
    newline = text.rfind("\n", max(0, start - 9), start)  # looks back a few characters only: long lines stay cheap
    line_start = newline + 1 if newline >= 0 else 0 if start <= 8 else None
    if line_start is not None and _LINE_START.fullmatch(text, line_start, start) and not match.group("mag") and (
            _SECTION_AFTER.match(text, end) if "." in raw else _LIST_MARK_AFTER.match(text, end)):
        return True
    if _DOTTED_DATE.fullmatch(raw) and not _UNIT_AFTER.match(text, end):
        return True
    if _ARROW_BEFORE.search(text, max(0, start - 3), start) and raw.isdigit() and len(raw) <= 2:
        return True  # "12 → 16": a version or sprint a change leads to ("€900 → €1,100" is an amount)
    return bool(_SLASH_AFTER.match(text, end) or _CLOCK_AFTER.match(text, end))


_SAME_UNIT = {"minute": "min", "mins": "min", "second": "s", "sec": "s", "secs": "s", "hour": "h", "hr": "h",
              "hrs": "h", "percent": "%", "day": "d", "week": "w", "wk": "w"}
_UNIT_WORD = re.compile(r"\s?(%|[^\W\d_][\w\-]*)")


def unit_after(text: str, end: int) -> str:
    """The word right after a figure, folded ("60 stores" -> "store", "60%" -> "%"; "" when none): two figures
    of one value measure the same thing only when this agrees ("60 %" is not "60 stores")."""
    match = _UNIT_WORD.match(text, end)
    word = match.group(1).lower() if match else ""
    word = word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
    return _SAME_UNIT.get(word, word)


def number_words(text: str) -> Iterator[tuple[Span, float]]:
    """Numbers written as words ("two sprints", "three engineers"), with their values."""
    for match in _NUMBER_WORD.finditer(text):
        yield match.span(), _WORDS[match.group().lower()]


def values(text: str) -> list[float]:
    """The values of a brief's figure, digits and number words alike ("three engineers" is 3)."""
    found = [value for _, value in numbers(text)]
    return found + [_WORDS[m.group().lower()] for m in _NUMBER_WORD.finditer(text)]


def derivable(value: float, known: list[float], tolerance: float = 0.03) -> bool:
    """True when ``value`` is a known number, or one step of arithmetic on two of them.

    A careful writer derives figures ("17 late mornings x EUR 9,000 is about EUR
    150,000", "$900 - $150 = $750 more a month"); those are grounded in the
    brief. One operation (+, -, /, percentages, and x when both factors are at
    least ``MIN_FACTOR``: 41,000 x 3 is not a derivation anyone makes by accident,
    but it would ground almost any large number) over any pair, within
    ``tolerance``, is accepted; anything further is not checkable and is noted.
    """
    def close(candidate: float) -> bool:
        return candidate > 0 and abs(candidate - value) <= tolerance * max(abs(value), 1e-9)

    if any(close(k) for k in known):
        return True
    for i, a in enumerate(known):
        for b in known[i:]:
            if close(a + b) or close(abs(a - b)) or (min(a, b) >= MIN_FACTOR and close(a * b)):
                return True
            if b and (close(a / b) or close(100 * a / b)):
                return True
            if a and (close(b / a) or close(100 * b / a)):
                return True
    return False


def derivable_money(value: float, money: list[float], known: list[float], tolerance: float = 0.03) -> bool:
    """An amount of money is derived from the brief's amounts: one of them, a sum or difference of two, or one
    times or divided by a figure ("17 late mornings x \u20ac9,000"). Not from counts alone: "$1,100 a month" is
    not "1,000 tx/s + 100 items", though the numbers add up."""
    def close(candidate: float) -> bool:
        return candidate > 0 and abs(candidate - value) <= tolerance * max(abs(value), 1e-9)

    if any(close(k) for k in known):
        return True
    for i, a in enumerate(money):
        if any(close(a + b) or close(abs(a - b)) for b in money[i:]):
            return True
        for b in known:
            if (min(a, b) >= MIN_FACTOR and close(a * b)) or (b and close(a / b)):
                return True
    return False
