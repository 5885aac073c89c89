"""Composition: ``all``, ``any``, ``not`` and ``if``/``then`` (Vale's *conditional*).

Why composition instead of bigger checks: a criterion such as "explains why" is
several weak signals that only together mean something; authors combine small
checks in YAML rather than asking for a new check type.

Why the reasons are chosen rather than joined: a learner reads one short
fragment after the hint. A met ``all`` shows the evidence of its first part that
has some (the main requirement comes first); a missed ``all`` shows its first
missed part; a missed ``any`` shows the alternative that came closest (ties: the
first, the author's main route). Joining every branch produced paragraphs that
listed alternatives nobody needed.
"""
from __future__ import annotations

from grader.analysis import Analysis
from grader.checks.base import Check, CheckSpecError, Outcome, Params, build, register


def _children(raw: object, path: str) -> list[Check]:
    if not isinstance(raw, list) or not raw:
        raise CheckSpecError(path, "must be a non-empty list of checks")
    return [build(spec, f"{path}[{i}]") for i, spec in enumerate(raw)]


@register
class All(Check):
    name = "all"

    def __init__(self, raw: object, path: str) -> None:
        self.children = _children(raw, path)

    def evaluate(self, analysis: Analysis) -> Outcome:
        outcomes = [c.evaluate(analysis) for c in self.children]
        failed = [o for o in outcomes if not o.holds]
        if failed:
            passed = len(outcomes) - len(failed)
            progress = (passed + failed[0].progress) / len(outcomes)
            return Outcome(False, failed[0].why, tuple(s for o in failed for s in o.spans), progress)
        return Outcome(True, _evidence(outcomes), tuple(s for o in outcomes for s in o.spans))


@register
class Any_(Check):
    name = "any"

    def __init__(self, raw: object, path: str) -> None:
        self.children = _children(raw, path)

    def evaluate(self, analysis: Analysis) -> Outcome:
        outcomes = []
        for child in self.children:
            outcome = child.evaluate(analysis)
            if outcome.holds:
                return outcome
            outcomes.append(outcome)
        closest = max(outcomes, key=lambda o: o.progress)  # max keeps the first of equals
        return Outcome(False, closest.why, tuple(s for o in outcomes for s in o.spans), closest.progress)


def _evidence(outcomes: list[Outcome]) -> str:
    """The first non-empty reason: the main requirement comes first in a rubric."""
    return next((o.why for o in outcomes if o.why), "")


@register
class Not(Check):
    """Inverts a check; the spans stay the same words (now the reason for a miss)."""

    name = "not"

    def __init__(self, raw: object, path: str) -> None:
        self.child = build(raw, path)

    def evaluate(self, analysis: Analysis) -> Outcome:
        outcome = self.child.evaluate(analysis)
        if outcome.holds:  # what the child found is now the reason for the miss
            return Outcome(False, outcome.why, outcome.spans)
        return Outcome(True, "", outcome.spans)


@register
class If(Check):
    """``if: {check}`` ``then: {check}``: holds when the condition is false or both hold."""

    name = "if"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.condition = build(params.get("when", dict), params.field("when"))
        self.then = build(params.get("then", dict), params.field("then"))
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        condition = self.condition.evaluate(analysis)
        if not condition.holds:
            return Outcome(True, "")
        return self.then.evaluate(analysis)
