"""``contradicts-the-brief``: a figure the brief gives, given with another value.

"Rollback if errors exceed 5 % for 10 minutes" where the leads agreed 2 % for 5
minutes; "the backfill takes about 2 hours" where the staging run extrapolates
to 13 hours; "decision by Fri 4 Dec" where the memo's deadline is 3 December.
Readers plan on these numbers, so an instructor grades such an answer as wrong
however complete it looks (the invented-facts answers in the labeled sets get a
1). ``invented-numbers`` cannot see them: the value is often the brief's for
something else (5 is the brief's 5 minutes), or a deadline, a threshold or a
date, which it skips as plans.

A figure of the answer contradicts the brief when the brief gives a figure of
the same kind (duration, percentage, money, date, time of day, count of the
same thing: :mod:`grader.guards.measures`) about the same thing (they share an
anchor word: "lag", "rollback", "credit", "cutover"), and the answer's value is
none the brief gives of that kind anywhere, within ``TOLERANCE`` (writers round:
"~50 min" for 52 minutes), nor one a writer works out in one step (see
``_grounded``). Only the brief's ``facts`` (short phrases giving each figure of
the notebook with what it measures) are compared by anchor; its problem,
numbers and the notebook's figures only ground values. Skipped: figures in code and
in sentences that propose rather than report ("could", "I'd suggest", "instead",
a question). Prose rubrics with a brief only; at most ``MAX_NOTES`` notes.

Cap 40 % (``CAP``): an answer whose readers would act on a wrong figure does not
do its job; the level is the course's for invented facts (see the rubrics'
``invented-names`` caps) and was checked on training and validation answers
(docs/how-grading-works.md).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from grader.guards.base import Finding, GuardContext
from grader.guards.numbers import derivable, derivable_money

if TYPE_CHECKING:
    from grader.brief import Brief
    from grader.guards.measures import Measure

NAME = "contradicts-the-brief"
CAP = 0.4
TOLERANCE = 0.1
MAX_NOTES = 3
_PROPOSES = re.compile(r"\?|\b(?:could|would|might|propos\w*|suggest\w*|i'd|we'd|let's|let us|instead|"
                       r"rather than|e\.g|for example|say|how about|what if)\b", re.IGNORECASE)
_BOUND = re.compile(r"\b(?:under|below|less than|fewer than|at most|no more than|max(?:imum)?|up to|limit|"
                    r"target|cap|within|keep|smaller than)\b[^.;]*$", re.IGNORECASE)
_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)


def check(context: GuardContext) -> Finding | None:
    brief = context.brief
    if brief is None or context.rubric.format != "prose" or not brief.facts_measured:
        return None
    from grader.guards.measures import measures

    text = context.text
    code = [m.span() for m in _CODE.finditer(text)]
    sentences = context.sentences()
    starts = [start for start, _ in sentences]
    proposes: dict[int, bool] = {}
    clashes: list[tuple[tuple[int, int], str]] = []
    for measure in measures(text, with_anchors=False):
        if measure.kind not in brief.fact_kinds or any(s <= measure.span[0] < e for s, e in code):
            continue
        index = bisect_right(starts, measure.span[0]) - 1
        if index < 0:
            continue
        start, end = sentences[index]
        if index not in proposes:
            proposes[index] = bool(_PROPOSES.search(text, start, end))
        if proposes[index]:
            continue
        if measure.kind.startswith("count:") and _BOUND.search(text[start:measure.span[0]]):
            continue  # "keep PRs under 300 lines": a target the writer sets, not a fact they report
        fact = _contradicted_fact(text, measure, brief)
        if fact is not None:
            clashes.append((measure.span, fact))
    if not clashes:
        return None
    notes = [f"'{text[s:e]}' does not match the exercise ({fact})." for (s, e), fact in clashes[:MAX_NOTES]]
    message = " ".join(notes) + " Readers would plan on these figures: check them against the exercise."
    return Finding(NAME, message, spans=tuple(span for span, _ in clashes), cap=CAP)


def _contradicted_fact(text: str, measure: "Measure", brief: "Brief") -> str | None:
    """The fact about the same thing that gives another value, when the answer's value cannot come from the
    brief at all (see the module docstring); None when it agrees or nothing in the facts is about the same thing."""
    if _grounded(measure, brief):
        return None
    from grader.guards.measures import anchors

    near = anchors(text, measure.span)
    about_the_same = [(len(m.anchors & near), fact) for m, fact in brief.facts_measured
                      if m.kind == measure.kind and m.anchors & near]
    return max(about_the_same, key=lambda candidate: candidate[0])[1] if about_the_same else None


def _grounded(measure: "Measure", brief: "Brief") -> bool:
    """The brief gives this value, or a writer gets it from the brief's figures in one step: an amount of money
    from its amounts (a sum, a difference, times a count: "17 late mornings x EUR 9,000"), a count from any of
    its figures (see :func:`grader.guards.numbers.derivable`), a duration or percentage as the sum or difference
    of two of the facts' ("13 ms of p99" between 11 ms and 24 ms)."""
    value, kind = measure.value, measure.kind
    of_kind = brief.measured_values.get(kind, [])
    if _close(value, of_kind):
        return True
    everything = [*brief.stated_values, *(v for v, _ in brief.notebook_figures),
                  *(v for values in brief.measured_values.values() for v in values)]
    if kind == "money":
        return derivable_money(value, [*brief.money_values, *of_kind], everything)
    if kind.startswith("count:"):
        return derivable(value, everything)
    facts = [m.value for m, _ in brief.facts_measured if m.kind == kind]
    return kind not in ("date", "time") and _close(
        value, [a + b for i, a in enumerate(facts) for b in facts[i + 1:]]
        + [abs(a - b) for i, a in enumerate(facts) for b in facts[i + 1:]])


def _close(value: float, given: list[float]) -> bool:
    """The value is one of ``given``, within ``TOLERANCE``."""
    return any(abs(g - value) <= TOLERANCE * max(abs(value), abs(g), 1e-9) for g in given)
