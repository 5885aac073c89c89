"""plain_language: what a non-engineer manager follows in context is not jargon; real jargon still is."""
from __future__ import annotations

import pytest

from grader.analysis import Analysis
from grader.checks import build


def flagged(text: str) -> list[str]:
    outcome = build({"plain_language": {"max_terms": 0}}).evaluate(Analysis(text))
    return [text[s:e] for s, e in outcome.spans]


@pytest.mark.parametrize("text", [
    "We are two years behind on security patches; patching the framework takes 3 weeks.",
    "The upgrade needs a rollout plan and a rollback, and the migration takes a weekend.",
    "The ROI is clear and the MVP ships in Q3 with 2 FTE; uptime is in our SLA.",
    "About 1 in 5 orders fails after the release, and the app, server and database are fine.",
])
def test_everyday_tech_words_are_not_jargon(text: str) -> None:
    assert flagged(text) == []


@pytest.mark.parametrize(("text", "term"), [
    ("The handler is not idempotent.", "idempotent"),
    ("The ORM issues N+1 queries.", "N+1"),
    ("GC pauses push p99 up.", "p99"),
    ("CVE-2024-3094 affects us.", "CVE"),
    ("We run it on k8s with sharding.", "k8s"),
    ("A mutex guards the counter.", "mutex"),
])
def test_real_jargon_is_still_flagged(text: str, term: str) -> None:
    assert any(term.lower() in word.lower() for word in flagged(text)), flagged(text)
