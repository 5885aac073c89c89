"""Guards: named checks that an answer is really an answer, applied after the criteria.

The engine calls two things from here:

* :func:`prepare` before analysis: normalise the text (invisible characters,
  homoglyphs) and blank template placeholders, keeping a map to the original;
* :func:`apply` after the criteria are decided: run every guard, veto the
  criteria they name, cap the score (guard defaults, overridden or extended by
  the rubric's ``caps`` and ``vetoes``), record flags for the learner and the
  instructor, and map every span back to the learner's original text.

One guard per module, each a ``check(context) -> Finding | None`` with its
threshold and default cap documented at the top.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from grader.guards.base import Finding, GuardContext
from grader.guards.prepare import Prepared
from grader.guards.prepare import prepare as _prepare

if TYPE_CHECKING:
    from grader.analysis import Analysis
    from grader.brief import Brief
    from grader.result import Result
    from grader.rubric import Rubric

# Guard names a rubric may refer to in ``caps`` and ``vetoes`` (kept here, import-free, for the rubric validator).
GUARD_NAMES = ("hidden-text", "placeholder", "undecided", "repetition", "keyword-list", "pasted-rubric",
               "off-brief", "misses-the-problem", "glances-at-the-problem", "skims-the-problem", "invented-numbers",
               "invented-names", "invented-history", "contradicts-the-brief", "not-english", "harsh-tone",
               "strays-from-the-problem")

__all__ = ["GUARD_NAMES", "Finding", "GuardContext", "Prepared", "apply", "prepare", "run"]


def prepare(text: str, rubric: "Rubric") -> Prepared:
    """Hook 1: the text to analyse (normalised; placeholders blanked for prose rubrics)."""
    return _prepare(text, blank_placeholders=rubric.format == "prose")


def run(context: GuardContext) -> list[Finding]:
    """Every guard's finding on this answer, in a fixed order."""
    from grader.guards import (contradicts, harsh_tone, hidden_text, invented_history, invented_names,
                               invented_numbers, keyword_list, not_english, off_brief, pasted_rubric, placeholders,
                               repetition, strays, undecided)

    guards = (hidden_text, not_english, placeholders, undecided, repetition, keyword_list, pasted_rubric, off_brief,
              invented_numbers, invented_names, invented_history, contradicts, harsh_tone, strays)
    findings = [finding for guard in guards if (finding := guard.check(context)) is not None]
    # An answer the brief's own phrases already show to be about something else (each of these caps at 25 %)
    # needs no second flag saying so.
    about_something_else = (off_brief.NAME, off_brief.MISSES_PROBLEM, off_brief.GLANCES_PROBLEM)
    if any(f.guard in about_something_else for f in findings):
        findings = [f for f in findings if f.guard != strays.NAME]
    return findings


def apply(result: "Result", analysis: "Analysis", prepared: Prepared, rubric: "Rubric",
          brief: "Brief | None" = None) -> "Result":
    """Hook 2: vetoes, caps and flags on a graded result; spans mapped back to the original text."""
    from grader.result import Cap, Flag

    context = GuardContext(analysis, rubric, prepared, result.criteria, brief)
    findings = run(context)
    vetoed: dict[str, Finding] = {}
    for finding in findings:
        for criterion_id in finding.vetoes:
            vetoed.setdefault(criterion_id, finding)
    to_original = prepared.normalized.to_original
    length = len(result.text)

    def original(spans, already_original: bool = False):  # noqa: ANN001, ANN202
        mapped = spans if already_original else (to_original(s) for s in spans)
        return tuple(sorted({(s, e) for s, e in mapped if 0 <= s < e <= length}))[:50]

    criteria = []
    for criterion in result.criteria:
        finding = vetoed.get(criterion.id)
        if finding is not None and criterion.met:
            criterion = replace(criterion, met=False, earned=0,
                                feedback=f"Not counted ({finding.guard}): {finding.message} {criterion.feedback}")
        criteria.append(replace(criterion, spans=original(criterion.spans)))
    caps = [Cap(cap[0], cap[1], finding.guard) for finding in findings if (cap := _cap_for(finding, rubric))]
    met = {c.id for c in criteria if c.met}
    caps += [Cap(rule.at_most, rule.because, f"missed:{rule.missed}")
             for rule in rubric.caps if rule.missed and rule.missed not in met and analysis.tokens]
    flags = tuple(Flag(f.guard, f.message, original(f.spans, f.spans_in_original), f.for_instructor)
                  for f in findings)
    suggestions = tuple(replace(s, spans=original(s.spans)) for s in result.suggestions)
    return replace(result, criteria=tuple(criteria), suggestions=suggestions, flags=flags,
                   caps=tuple(sorted(caps, key=lambda c: c.at_most)))


def _cap_for(finding: Finding, rubric: "Rubric") -> tuple[float, str] | None:
    """(at most, because): the rubric's cap for this guard when it declares one, else the guard's default."""
    for rule in rubric.caps:
        if rule.guard == finding.guard:
            return rule.at_most, rule.because or finding.message
    return None if finding.cap is None else (finding.cap, finding.message)
