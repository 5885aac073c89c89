"""``invented-numbers``: figures stated as facts that the brief does not give.

"'30 %' is not in the brief — where does it come from?" A figure is grounded
when the brief states it (its figures, or a number in its problem or
entities), or one step of arithmetic on two of its figures gives it (a careful
writer totals and subtracts: see :func:`grader.guards.numbers.derivable`; an
amount of money only from the brief's amounts, see :func:`grader.guards.numbers.derivable_money`), or the
assignment's notebook states it with the same unit word (the brief file's
``figures``: "60 stores" grounds "60 stores", not "60 %"), or it is an
integer type's limit every engineer knows (2^31 - 1, 2^63 - 1: "bigint tops
out at 9.2 × 10^18"). Skipped, because they are proposals
or labels rather than claims: figures in code, in questions and in sentences
that propose or plan ("could", "would", "let's", "target", "by" a date, "within" ...;
"inflated DAU by 12 %" states a fact),
times, dates, versions and counts of 3 or less.

Each ungrounded figure gets a visible note. The criteria named in the rubric's
``vetoes: {invented-numbers: [...]}`` (e.g. ``quantified``) are not earned when
no figure in their evidence is grounded.
"""
from __future__ import annotations

import re

from grader.guards.base import Finding, GuardContext
from grader.guards.numbers import derivable, derivable_money, number_words, numbers, unit_after

NAME = "invented-numbers"
LARGEST_EVERYDAY_COUNT = 3
# Integer limits (2^n and 2^n - 1 for the usual widths): common knowledge, not facts of a brief.
_LIMITS = [float(2 ** n - d) for n in (8, 15, 16, 31, 32, 53, 63, 64) for d in (0, 1)]
_PLAN = re.compile(
    r"\?|\b(?:could|would|let's|let us|propos\w*|suggest\w*|i'd|we'd|should|target\w*|aim\w*|plan\w*|budget\w*|"
    r"no more than|at most|up to|under|below|less than|within|by(?!\s(?:about\s|around\s|~\s?)?\d[\d.,]*\s?"
    r"(?:%|percent|x|times|points?|percentage points?|pp)(?!\w))|"
    r"until|before|next|if|alert\w*|threshold|roughly|e\.g)\b|[\u2264\u2265<>]",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"\s?(?:%|[kKMGT]B\b|ms\b|s\b|h\b|min(?:utes?)?\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b|x\b|"
    r"(?:rows|users|customers|stores|engineers|requests|connections|tickets|incidents|orders|invoices|errors)\b)"
)
_CURRENCY = "$\u20ac\u00a3"
_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)
# Day numbers of a date written around a month ("office hours on 9 and 10 December", "Wed 9 + Thu 10 Dec")
# and numbers that name a standard or a section ("ISO 27001", "RFC 9110", "section 4.2"): labels, not facts.
_MONTH_AFTER = re.compile(r"(?:\s*(?:and|or|to|[-\u2013,/&+])\s*(?:[A-Za-z]{3,9}\.?\s+)?\d{1,2})*\s*"
                          r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_STANDARD_BEFORE = re.compile(r"\b(?:iso|iec|rfc|pep|ieee|section|chapter|clause|§)\s?$", re.IGNORECASE)


def check(context: GuardContext) -> Finding | None:
    brief = context.brief
    if brief is None or context.rubric.format != "prose":
        return None
    known = brief.values
    stated = brief.stated_values
    notebook = brief.notebook_figures
    text = context.text
    code = [m.span() for m in _CODE.finditer(text)]
    invented, grounded = [], []
    for sentence in context.sentences():
        body = text[sentence[0]:sentence[1]]
        plan = bool(_PLAN.search(body))
        for (start, end), value in numbers(body):
            span = (sentence[0] + start, sentence[0] + end)
            if any(s <= span[0] < e for s, e in code) or _label(body, start, end):
                continue
            money = body[start] in _CURRENCY
            derived = (derivable_money(value, brief.money_values, known) if money else derivable(value, known))
            if (plan or value <= LARGEST_EVERYDAY_COUNT or derived or _given(value, [*stated, *_LIMITS])
                    or _stated(value, unit_after(body, end), notebook)):
                grounded.append(span)
            else:
                invented.append(span)
        grounded += [(sentence[0] + s, sentence[0] + e) for (s, e), value in number_words(body) if value in known]
    if not invented:
        return None
    vetoes = tuple(
        c.id for c in context.criteria
        if c.id in context.rubric.vetoes.get(NAME, ()) and c.met
        and not any(s <= g0 and g1 <= e for s, e in c.spans for g0, g1 in grounded)
    )
    notes = tuple(f"'{_figure(text, s, e)}' is not in the brief \u2014 where does it come from?" for s, e in invented[:5])
    message = " ".join(notes)
    if vetoes:
        message += " Figures the brief does not give do not count as quantified evidence."
    return Finding(NAME, message, spans=tuple(invented), vetoes=vetoes)


def _given(value: float, given: list[float], tolerance: float = 0.03) -> bool:
    """The value is one of ``given`` (within ``tolerance``: "2.1 billion" is 2^31)."""
    return any(abs(value - g) <= tolerance * max(abs(value), 1e-9) for g in given)


def _stated(value: float, unit: str, notebook: frozenset[tuple[float, str]]) -> bool:
    """The notebook states this value with this unit word (a figure with no word after it takes any)."""
    return any(v == value and (u == unit or not unit) for v, u in notebook)


def _label(body: str, start: int, end: int) -> bool:
    """A date's day number or a standard's number (see ``_MONTH_AFTER``, ``_STANDARD_BEFORE``)."""
    return bool(_MONTH_AFTER.match(body, end) or _STANDARD_BEFORE.search(body, 0, start))


def _figure(text: str, start: int, end: int) -> str:
    """The figure with its unit word ("30 %", "€4,000", "12 weeks")."""
    unit = _UNIT.match(text, end)
    return text[start:unit.end() if unit else end]
