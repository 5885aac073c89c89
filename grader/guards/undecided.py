"""``undecided``: "Decision: TBD", "Status: WIP" — a decision not taken earns no decision criterion.

A marker (TBD, WIP, "to be decided", "???", ...) counts when its line states a
decision ("Decision:", "we chose", "Status:") or sits under a heading that does
("## Decision"). Which criteria it vetoes is rubric data (``vetoes: {undecided:
[decision]}``); a rubric without a decision criterion ignores this guard.
"""
from __future__ import annotations

import re

from grader.guards.base import Finding, GuardContext
from grader.guards.phrases import find, word_lists

NAME = "undecided"
_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+.*|\*\*[^*\n]+\*\*:?[ \t]*|[A-Z][\w /()&'-]{0,50}:[ \t]*)$")
_EMPTY_LABEL = re.compile(r"^[^\n:]{1,40}:[ \t*_]*(?:\?+|-+|\u2014|\.\.\.|\u2026)?[ \t*_]*$", re.MULTILINE)
_EMPTY_VALUE = re.compile(r":[ \t*_]*(?:\?+|-+|\u2014|\.\.\.|\u2026)?[ \t*_]*$")


def check(context: GuardContext) -> Finding | None:
    vetoes = context.rubric.vetoes.get(NAME, ())
    if not vetoes:
        return None
    words = word_lists()
    if not find(words["undecided_markers"], context.text) and not _EMPTY_LABEL.search(context.text):
        return None  # the common case, in one pass
    hits = []
    under_decision_heading = False
    offset = 0
    for line in context.text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        is_heading = bool(_HEADING.match(line))
        states_decision = bool(find(words["decision_context"], line))
        if is_heading:
            under_decision_heading = states_decision
        markers = find(words["undecided_markers"], line)
        label_without_value = (states_decision and not is_heading and _EMPTY_VALUE.search(line)
                               and len(line.split(":")[0].split()) <= 3)
        if (markers and (states_decision or under_decision_heading)) or label_without_value:
            hits.append((start, end))
    if not hits:
        return None
    quoted = " / ".join(f"'{context.text[s:e].strip()[:60]}'" for s, e in hits[:2])
    return Finding(NAME, f"The decision is not taken yet ({quoted}); an undecided decision earns no decision points.",
                   spans=tuple(hits), vetoes=tuple(vetoes))
