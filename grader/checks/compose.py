"""Composition: ``all``, ``any``, ``not`` and ``if``/``then`` (Vale's *conditional*).

Why composition instead of bigger checks: a criterion such as "explains why" is
several weak signals that only together mean something; authors combine small
checks in YAML rather than asking for a new check type.
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
            return Outcome(False, "; ".join(o.why for o in failed), tuple(s for o in failed for s in o.spans))
        return Outcome(True, "; ".join(o.why for o in outcomes), tuple(s for o in outcomes for s in o.spans))


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
        return Outcome(False, "; ".join(o.why for o in outcomes), tuple(s for o in outcomes for s in o.spans))


@register
class Not(Check):
    """Inverts a check; the spans stay the same words (now the reason for a miss)."""

    name = "not"

    def __init__(self, raw: object, path: str) -> None:
        self.child = build(raw, path)

    def evaluate(self, analysis: Analysis) -> Outcome:
        outcome = self.child.evaluate(analysis)
        return Outcome(not outcome.holds, ("not: " if outcome.holds else "") + outcome.why, outcome.spans)


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
            return Outcome(True, "does not apply: " + condition.why)
        return self.then.evaluate(analysis)
