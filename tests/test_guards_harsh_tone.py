"""``harsh-tone``: documents without a tone criterion (ADRs, status updates, pitches ...) are capped when they would
put their readers on the defensive; blame-shaped words about systems, and rubrics that judge tone themselves, are not."""
from __future__ import annotations

import pytest

import grader
from grader.guards import harsh_tone
from grader.rubric import load_rubric, rubric_ids

ADR = """## Context
Checkout calls the pricing service synchronously; at the Black Friday peak (2,400 requests/s) its p99 went from
180 ms to 2.1 s and 3 % of orders timed out.

## Options
1. Cache prices in checkout for 60 s.
2. Move pricing to an event stream that checkout reads from.

## Decision drivers
Stale prices for a minute are acceptable to finance; a second queue to operate is not, with two SREs on call.

## Decision
We cache prices in checkout for 60 s. {tone}

## Consequences
A price change takes up to a minute to reach checkout; Priya adds a cache-hit dashboard and we revisit in Q3.
"""
HARSH = ("The event-stream proposal from the platform team is amateur hour, and anyone who had read the incident "
         "report would have seen that. Frankly, I am tired of cleaning up after their half-baked ideas.")
NEUTRAL = "The event stream stays an option if we ever need prices to change within seconds."


def guard_flags(result) -> list[str]:  # noqa: ANN001
    return [f.name for f in result.flags]


def test_a_complete_adr_that_belittles_a_team_is_capped_at_40_percent_and_quotes_the_sentence() -> None:
    harsh = grader.check(ADR.format(tone=HARSH), "conflict/adr")
    flag = next(f for f in harsh.flags if f.name == "harsh-tone")
    assert "half-baked ideas" in flag.message
    assert harsh.score <= 0.4 * harsh.max_score < harsh.uncapped_score
    assert any("harsh-tone" in cap.message for cap in harsh.caps)
    start, end = flag.spans[0]
    assert harsh.text[start:end] in HARSH


def test_the_same_adr_without_the_attack_is_not_flagged() -> None:
    calm = grader.check(ADR.format(tone=NEUTRAL), "conflict/adr")
    assert "harsh-tone" not in guard_flags(calm)
    assert calm.score == calm.uncapped_score


@pytest.mark.parametrize("text, rubric", [
    ("**Checkout latency: fixed, watching one more week.** The timeouts were caused by the pricing call blocking "
     "the request thread; the failure was ours, not the vendor's. Since Tuesday's cache, p99 is 210 ms and no "
     "order has timed out. Ask: keep the 60 s staleness budget until the Q3 review?", "change/status-update"),
    ("Revert \"Retry pricing calls forever\"\n\nThe unbounded retry loop was the culprit in last night's outage: "
     "each timeout spawned three more calls and the pricing pods fell over. Back to a single retry with "
     "a 200 ms budget until we have a circuit breaker.", "docs/commit-message"),
])
def test_blame_shaped_words_about_systems_are_not_harsh(text: str, rubric: str) -> None:
    assert "harsh-tone" not in guard_flags(grader.check(text, rubric))


def test_rubrics_that_judge_tone_themselves_do_not_run_the_guard() -> None:
    comment = ("Obviously nobody on this team bothered to test it. `load_prices()` fetches every SKU on each "
               "request, so checkout p99 hits 2 s at peak. Cache it for 60 s.")
    result = grader.check(comment, "pr-review/comment")
    assert "harsh-tone" not in guard_flags(result)
    assert not next(c for c in result.criteria if c.id == "respectful-tone").met


# A README passage addresses no one in particular and is often exclamatory ("Are you tired of ...?!"): on the
# training answers the guard flagged 2 of 5 harsh README passages and 32 others, 12 of them graded 2 or 3.
NOT_ADDRESSED_TO_A_READER = {"docs/readme-why"}


def test_every_prose_rubric_without_a_tone_criterion_caps_on_harsh_tone() -> None:
    # A rubric added later should opt in too, or say why not here.
    for rubric_id in rubric_ids():
        rubric = load_rubric(rubric_id)
        if rubric.format != "prose":
            continue
        judges_tone = any(c.move == "disrespect" for c in rubric.criteria)
        declares = any(rule.guard == harsh_tone.NAME for rule in rubric.caps)
        assert declares == (not judges_tone and rubric_id not in NOT_ADDRESSED_TO_A_READER), rubric_id
