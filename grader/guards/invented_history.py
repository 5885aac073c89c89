"""``invented-history``: past events an answer dates ("last year", "in 2024") that the brief never gives.

"'last year' — the brief tells of nothing that happened then: where does it
come from?" A writer short of an argument invents a precedent: the outage last
quarter, the fine a regulator handed out last month, the benchmark run
yesterday, the customer who cancelled in 2025. The exercise's material is all
there is to know about the situation, so a past event dated by the writer is
an invented fact unless the material dates it too.

An anchor is known when the brief's own text (task, problem, entities, figures)
contains it, or, for a year or a quarter ("2023", "Q2"), when the assignment's
notebook states it (the brief file's ``figures``); "last quarter" is known
when the brief itself reports a window about as long ("17 of the last 90
nights": the writer paraphrases it; "last month" would misquote it). Skipped: anchors in code and
in questions, "last time" (the brief's own incident, referred back to), and the
possessive "yesterday's numbers" / "last week's rehearsal" (a thing, not an
event the writer reports). The guard only notes (no cap, no veto of its own); a
rubric may cap on it (``caps: [{when: invented-history, ...}]``).
"""
from __future__ import annotations

import re

from grader.guards.base import Finding, GuardContext
from grader.guards.phrases import fold_accents

NAME = "invented-history"
MAX_NOTES = 3
_PERIOD = r"(?:week|month|year|quarter|sprint|summer|winter|spring|autumn|fall)"
_COUNT = r"(?:a|an|one|two|three|four|five|six|few|several|\d{1,2})"
_ANCHOR = re.compile(
    rf"\b(?:last {_PERIOD}|(?<!from )yesterday|earlier this (?:week|month|year|quarter)|this past {_PERIOD}|"
    rf"{_COUNT} (?:months?|quarters?|years?) ago|in (?:early |late |mid-?)?(?:19|20)\d\d|in Q[1-4])\b(?!['\u2019]s)",
    re.IGNORECASE,
)
_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)
_TOKEN = re.compile(r"(?:19|20)\d\d|Q[1-4]", re.IGNORECASE)
_RELATIVE = re.compile(r"^last (week|sprint|month|quarter|year)$", re.IGNORECASE)
_RECENT_WINDOW = re.compile(r"\b(?:last|past) (\d+|two|three|four|six|twelve) (day|night|week|month)s\b")
_DAYS = {"day": 1, "night": 1, "week": 7, "sprint": 14, "month": 30, "quarter": 91, "year": 365}
_COUNTS = {"two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12}


def check(context: GuardContext) -> Finding | None:
    brief = context.brief
    if brief is None or context.rubric.format != "prose":
        return None
    text = context.text
    known = _known(brief)
    code = [m.span() for m in _CODE.finditer(text)]
    found: list[tuple[tuple[int, int], str]] = []
    for start, end in context.sentences():
        body = text[start:end]
        if body.rstrip().endswith("?"):
            continue
        for match in _ANCHOR.finditer(body):
            span = (start + match.start(), start + match.end())
            if any(s <= span[0] < e for s, e in code) or _is_known(match.group(), known):
                continue
            found.append(((start, end), match.group()))
    if not found:
        return None
    notes = " ".join(f"'{anchor}' (\u201c{_excerpt(text, s, e)}\u201d): the brief tells of nothing that happened "
                     "then \u2014 where does it come from?" for (s, e), anchor in found[:MAX_NOTES])
    return Finding(NAME, notes + " A past event the exercise never gives reads as an invented fact.",
                   spans=tuple(dict.fromkeys(span for span, _ in found)))


def _known(brief) -> str:  # noqa: ANN001
    """The brief's text and notebook figures, folded, that a dated anchor may come from."""
    return fold_accents(" ".join((brief.task, brief.problem, *brief.entities, *brief.numbers, *brief.figures))).lower()


def _is_known(anchor: str, known: str) -> bool:
    folded = fold_accents(anchor).lower()
    token = _TOKEN.search(anchor)
    if token and re.search(rf"(?<![\w]){re.escape(token.group().lower())}(?![\w])", known):
        return True
    relative = _RELATIVE.match(anchor)
    if relative:
        length = _DAYS[relative.group(1).lower()]
        for count, unit in _RECENT_WINDOW.findall(known):
            window = (int(count) if count.isdigit() else _COUNTS[count]) * _DAYS[unit]
            if 0.6 * window <= length <= 1.5 * window:  # "last quarter" paraphrases "the last 90 nights"
                return True
    return folded in known


def _excerpt(text: str, start: int, end: int, limit: int = 120) -> str:
    sentence = " ".join(text[start:end].split())
    return sentence if len(sentence) <= limit else sentence[:limit - 1].rstrip() + "\u2026"
