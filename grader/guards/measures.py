"""Figures with what they measure: the reader behind the ``contradicts-the-brief`` guard.

Why a second reader beside :mod:`grader.guards.numbers`: that one asks "does the
value 310 000 000 appear in the brief?"; this one asks "does the answer give a
different value for the same thing?" ("lag under 30 s" where the brief agreed
"lag under 5 seconds"). For that a figure needs its kind, a value in one scale
(durations in seconds, dates as day of the year) and the words that say what it
measures: its anchors, the content words just before and after it in its clause.

Kinds: durations ("5 s", "6 min 40 s", "four days", "13 hours"), percentages,
multiples ("4×", "three times"), amounts of money, calendar dates ("15 December", "Dec 9"), times of day ("12:00",
"17:00 CET") and counts of a named thing ("10-million-row copy", "50,000 rows",
"21 files"). Bare numbers are left out: without a unit there is no telling what
they measure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from grader.guards.numbers import number_words, numbers, unit_after

Span = tuple[int, int]

_SECONDS = {"ms": 0.001, "millisecond": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0,
            "w": 604800.0, "month": 2_629_800.0, "year": 31_557_600.0}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DATE = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})(?![\w])"
                   rf"|\b(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}})(?![\d:])", re.IGNORECASE)
_MONTH_NAME = re.compile(_MONTH, re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\d:.])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])")
# "6 min 40 s", "2 h 10 min": one duration written in two parts.
_SECOND_PART = re.compile(r"\s(?P<num>\d{1,2})\s?(?P<unit>s|sec|secs|seconds?|min|mins|minutes?)\b", re.IGNORECASE)
# Words that carry no meaning of their own next to a figure: function words, units, calendar words.
_PLAIN = frozenset("""a an the of to in on at for by and or is are was were be been being will would with from
that this these those it its as we our you your their they them he she his her i my me us under over above below
less than more most least about around only each per within until after before into out then than up down
roughly approx approximately nearly almost just some any all both every no not so but if when which who what
there here also ~ same other another one new old first last next previous still now again date dates time
times has have had get got gets make made take took takes taking went goes going done did does ms s min mins
minute minutes sec secs second seconds h hr hrs hour hours
day days week weeks month months year years percent utc cet cest gmt am pm monday tuesday wednesday thursday
friday saturday sunday mon tue tues wed thu thur thurs fri sat sun today tomorrow tonight morning evening""".split())
_WORD = re.compile(r"[^\W\d_][\w\-/]*")
_HYPHEN_WORD = re.compile(r"-([^\W\d_]+)")
_UNIT_WORD_END = re.compile(r"\s?[^\W\d_]*")
_MULTIPLE = re.compile(r"\s?(?:\u00d7|times\b)", re.IGNORECASE)  # "4×", "three times"
_RATE = re.compile(r"\s(?:a|an|per|each|every)\s(?:day|week|month|year|night|sprint)\b", re.IGNORECASE)
_OFFSET = re.compile(r"\s(?:later|earlier|after|before|late|early|sooner|ago)\b", re.IGNORECASE)
_UNIT_NAME = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # "rows", "staff-hours"
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")
_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\n|[()]")
ANCHORS_BEFORE = 4
ANCHORS_AFTER = 2
REACH = 60
STEM = 5


@dataclass(frozen=True)
class Measure:
    """One figure: where it is, what kind of quantity, its value in that kind's scale, and its anchor stems."""

    span: Span
    kind: str
    value: float
    anchors: frozenset[str]


def measures(text: str, with_anchors: bool = True) -> list[Measure]:
    """Every figure of ``text`` whose kind can be told, with its anchors (see the module docstring). Without
    anchors (``with_anchors=False``, their set left empty) it is about twice as fast: a caller that needs
    them for a few figures only takes them from :func:`anchors`."""
    found: list[tuple[Span, str, float]] = []
    taken: list[Span] = []
    for match in _DATE.finditer(text):
        day = int(match.group("day") or match.group("day2"))
        month = _MONTHS.index((match.group("month") or match.group("month2"))[:3].lower())
        if 1 <= day <= 31:
            found.append((match.span(), "date", float(month * 31 + day)))
            taken.append(match.span())
    for match in _CLOCK.finditer(text):
        found.append((match.span(), "time", float(int(match.group("hour")) * 60 + int(match.group("minute")))))
        taken.append(match.span())
    figures = [(span, value) for span, value in numbers(text)]
    # Number words from two up: "one day" and "one week" are as often idioms as lengths of time.
    figures += [(span, value) for span, value in number_words(text)
                if value >= 2 and (unit_after(text, span[1]) in _SECONDS or _MULTIPLE.match(text, span[1]))]
    skip_until = 0
    for (start, end), value in sorted(figures):
        if start < skip_until or any(s <= start < e for s, e in taken):
            continue
        measured = _measured(text, start, end, value)
        if measured is not None:
            (start, end), kind, value = measured
            skip_until = end
            found.append(((start, end), kind, value))
    return [Measure(span, kind, value, anchors(text, span) if with_anchors else frozenset())
            for span, kind, value in sorted(found)]


def _measured(text: str, start: int, end: int, value: float) -> tuple[Span, str, float] | None:
    if text[start] in "$\u20ac\u00a3":
        return (start, end), "money", value
    hyphen = _HYPHEN_WORD.match(text, end)  # "200,000-row copy", "a 15-minute window", "10-million-row copy"
    if hyphen and hyphen.group(1).lower() in _MAGNITUDES:
        value *= _MAGNITUDES[hyphen.group(1).lower()]
        end, hyphen = hyphen.end(), _HYPHEN_WORD.match(text, hyphen.end())
    unit_at = end + 1 if hyphen else end
    unit = unit_after(text, unit_at)
    if unit == "%":
        return (start, text.index("%", end) + 1), "%", value
    multiple = _MULTIPLE.match(text, end)
    if multiple:
        return (start, multiple.end()), "multiple", value
    if unit in _SECONDS:
        unit_end = _UNIT_WORD_END.match(text, unit_at).end()
        if _RATE.match(text, unit_end) or _OFFSET.match(text, unit_end):
            return None  # "24 hours a day" is a rate; "three days after the deadline" an offset a writer works out
        seconds = value * _SECONDS[unit]
        second = _SECOND_PART.match(text, unit_end) if unit in ("min", "h") else None
        if second:
            seconds += int(second.group("num")) * (1.0 if second.group("unit")[0].lower() == "s" else 60.0)
            unit_end = second.end()
        return (start, unit_end), "duration", seconds
    if _UNIT_NAME.fullmatch(unit) and unit not in _PLAIN and unit not in _MAGNITUDES:
        if _DOTTED_THOUSANDS.fullmatch(text, start, end):
            value *= 1000  # "200.000 rows": a thousands separator written the continental way
        return (start, end), f"count:{unit[:-1] if unit.endswith('s') and len(unit) > 3 else unit}", value
    return None


def anchors(text: str, span: Span) -> frozenset[str]:
    """Stems of the content words nearest the figure in its clause: up to ``ANCHORS_BEFORE`` before it (within
    ``REACH`` characters) and ``ANCHORS_AFTER`` after it."""
    start, end = span
    reach = max(0, start - REACH)
    left_bound = max((m.end() for m in _CLAUSE_END.finditer(text, reach, start)), default=reach)
    right = _CLAUSE_END.search(text, end, min(len(text), end + REACH))
    right_bound = right.start() if right else min(len(text), end + REACH)
    before = [m.group() for m in _WORD.finditer(text, left_bound, start) if _content(m.group())][-ANCHORS_BEFORE:]
    after = [m.group() for m in _WORD.finditer(text, end, right_bound) if _content(m.group())][:ANCHORS_AFTER]
    return frozenset(stem(w) for w in before + after)


def _content(word: str) -> bool:
    lowered = word.lower()
    return len(lowered) > 2 and lowered not in _PLAIN and not _MONTH_NAME.fullmatch(lowered)


def stem(word: str) -> str:
    """A crude stem: the first letters of a plain word ("replicas", "replication" -> "repli"); an identifier
    ("orders-ro", "orders-replica-12", "go/no-go") whole, since its ending is what tells it apart."""
    lowered = word.lower()
    return lowered if not lowered.isalpha() else lowered[:STEM]

