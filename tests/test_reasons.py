"""The reason after each hint or feedback is read by learners.

For a criterion decided by a sentence move it quotes the learner's sentence
("This sentence explains why: “…”." / "The closest sentence, “…”, lacks …");
for one decided by its rule check alone it is one short fragment in brackets.
Either way: the engine's own words are short, and never a list of every
alternative joined with ';', an empty quote, "no a ...", or an internal signal name.
"""
from __future__ import annotations

import re

import pytest

import grader
from grader.analysis import Analysis
from grader.checks import build
from grader.rubric import load_rubric, rubric_ids

ANSWERS = [
    "ok",
    "LGTM",
    "This is wrong. Fix it.",
    "This code is obviously garbage, who wrote this?? FIX IT NOW.",
    "synergy leverage best practices scalability robust paradigm stakeholder value alignment roadmap",
    "Hi Dana, I'd like to approve the Spring Boot upgrade. Can we talk?",
    "Because reasons. Customers exist. Let me know your thoughts.",
    "**Context:**\n\n**Decision:** TBD\n\n**Consequences:** none",
    "The export in `billing/export.py` times out after 30 s because it loads every invoice, so finance "
    "re-runs it by hand each month-end. Could we stream rows with `yield_per(500)` instead? "
    "Can I have Maya for 3 days next sprint? I need a yes or no by Thursday.",
    "def f(x):\n    return x * 86400\n",
]
QUOTED = re.compile(r"“[^”]*”")  # the learner's own words: not the engine's reason
INTERNAL_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b(?![^“]*”)")  # e.g. impact_terms, outside quotes


def _reasons(result) -> list[str]:
    """The part the engine adds after the rubric's own feedback or hint."""
    rubric = {c.id: c for c in load_rubric(result.rubric).criteria}
    reasons = []
    for criterion in result.criteria:
        base = rubric[criterion.id].feedback if criterion.met else rubric[criterion.id].hint
        if criterion.feedback != base:
            assert criterion.feedback.startswith(base + " ")
            reason = criterion.feedback[len(base) + 1:]
            if criterion.move is None:
                assert reason.startswith("(") and reason.endswith(")"), reason
            reasons.append(QUOTED.sub("“…”", reason))
    return reasons


@pytest.mark.parametrize("rubric", rubric_ids())
def test_reasons_are_short_single_fragments(rubric: str) -> None:
    for text in ANSWERS:
        for reason in _reasons(grader.check(text, rubric)):
            assert len(reason) <= 200, reason
            assert "; needs" not in reason and "; found" not in reason, reason
            assert "no a " not in reason and "no an " not in reason, reason
            assert "“”" not in reason and not re.search(r":\s*\)?$", reason), reason
            assert "not:" not in reason and "does not apply" not in reason, reason
            assert "(+" not in reason, reason
            assert not INTERNAL_NAME.search(reason.replace("`", "")), reason


def test_near_names_the_missing_half_next_to_the_found_one() -> None:
    spec = {"near": {"a": "causal", "b": "impact_terms"}}
    only_reason = build(spec).evaluate(Analysis("We renamed the variable because the old name was short."))
    assert only_reason.why == "needs who or what is affected in the same sentence as \u201cbecause\u201d"
    apart = build(spec).evaluate(Analysis("We renamed the variable because the old name was short. Customers see old prices."))
    assert apart.why.endswith("\u201cbecause\u201d and \u201cCustomers\u201d are in different sentences")


def test_any_shows_the_alternative_that_came_closest() -> None:
    spec = {"any": [
        {"contains": {"find": "strong_ask"}},
        {"near": {"a": "causal", "b": "impact_terms"}},
    ]}
    outcome = build(spec).evaluate(Analysis("We renamed the variable because the old name was short."))
    assert not outcome.holds
    assert outcome.why.startswith("needs who or what is affected")


def test_quote_leaves_out_nested_and_repeated_words() -> None:
    from grader.checks.base import quote

    text = "Pixel 7 and Pixel 7 on API 34"
    analysis = Analysis(text)
    spans = [(0, 7), (0, 5), (12, 19), (23, 29)]
    assert quote(analysis, spans) == "\u201cPixel 7\u201d and \u201cAPI 34\u201d"
