"""``invented-numbers``: figures stated as facts that the brief does not give.

"'30 %' is not in the brief — where does it come from?" A figure is grounded
when the brief gives it, or one step of arithmetic on two of the brief's
figures gives it (a careful writer totals and subtracts: see
:func:`grader.guards.numbers.derivable`). Skipped, because they are proposals
or labels rather than claims: figures in code, in questions and in sentences
that propose or plan ("could", "would", "let's", "target", "by", "within" ...),
times, dates, versions and counts of 3 or less.

Each ungrounded figure gets a visible note. The criteria named in the rubric's
``vetoes: {invented-numbers: [...]}`` (e.g. ``quantified``) are not earned when
no figure in their evidence is grounded.
"""
from __future__ import annotations

import re

from grader.guards.base import Finding, GuardContext
from grader.guards.numbers import derivable, number_words, numbers

NAME = "invented-numbers"
LARGEST_EVERYDAY_COUNT = 3
_PLAN = re.compile(
    r"\?|\b(?:could|would|let's|let us|propos\w*|suggest\w*|i'd|we'd|should|target\w*|aim\w*|plan\w*|budget\w*|"
    r"no more than|at most|up to|under|below|less than|within|by|until|before|next|if|alert\w*|threshold|"
    r"roughly|e\.g)\b",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"\s?(?:%|[kKMGT]B\b|ms\b|s\b|h\b|min(?:utes?)?\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b|x\b|"
    r"(?:rows|users|customers|stores|engineers|requests|connections|tickets|incidents|orders|invoices|errors)\b)"
)
_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)


def check(context: GuardContext) -> Finding | None:
    brief = context.brief
    if brief is None or context.rubric.format != "prose":
        return None
    known = brief.values
    text = context.text
    code = [m.span() for m in _CODE.finditer(text)]
    invented, grounded = [], []
    for sentence in context.sentences():
        body = text[sentence[0]:sentence[1]]
        plan = bool(_PLAN.search(body))
        for (start, end), value in numbers(body):
            span = (sentence[0] + start, sentence[0] + end)
            if any(s <= span[0] < e for s, e in code):
                continue
            if plan or value <= LARGEST_EVERYDAY_COUNT or derivable(value, known):
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


def _figure(text: str, start: int, end: int) -> str:
    """The figure with its unit word ("30 %", "€4,000", "12 weeks")."""
    unit = _UNIT.match(text, end)
    return text[start:unit.end() if unit else end]
