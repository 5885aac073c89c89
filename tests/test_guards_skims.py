"""skims-the-problem: an answer to an exercise that mentions the brief's problem only in passing is flagged, and
the exercise rubrics cap it at 40 %; an answer that deals with the problem is left alone."""
from __future__ import annotations

import grader
from grader.guards.off_brief import ENOUGH_PHRASES, phrases_used
from grader.brief import load_brief
from grader.rubric import load_rubric

PR = "pr-review/comment"
PART1 = "01-pr-review/part1-comment"


def skims(result) -> bool:  # noqa: ANN001
    return any(f.name == "skims-the-problem" for f in result.flags)


# Polished and specific, but about column naming: "memory" is its only brush with the brief's problem.
IN_PASSING = ("Priya, in `build_cohorts` the column `cohort_date` is computed in pandas and written with `to_sql`. "
              "Could you rename it to `cohort_start_date` so the growth dashboard reads it unambiguously? It also "
              "saves a little memory.")
# The same comment, dealing with the problem: the whole table, memory on the shared worker, the fix in SQL.
HEAD_ON = ("Priya, `build_cohorts` runs `SELECT *` on `analytics.events`, so it reads the whole table (1.2 billion "
           "rows) into pandas before filtering. On the shared 16 GB Airflow workers that runs out of memory and "
           "can take the finance revenue report down with it. Could we push the filter into the query with a "
           "`WHERE event_date >= ...` clause?")


def test_an_answer_that_mentions_the_problem_in_passing_is_flagged_and_capped() -> None:
    assert 0 < len(phrases_used(load_brief(PART1).engages, IN_PASSING)) < ENOUGH_PHRASES
    result = grader.check(IN_PASSING, PR, PART1)
    assert skims(result)
    flag = next(f for f in result.flags if f.name == "skims-the-problem")
    assert "'memory'" in flag.message and [IN_PASSING[s:e] for s, e in flag.spans] == ["memory"]
    cap = next(c for c in result.caps if c.source == "skims-the-problem")
    declared = next(r for r in load_rubric(PR).caps if r.guard == "skims-the-problem")
    assert cap.at_most == declared.at_most == 0.4
    assert result.score <= 0.4 * result.max_score
    assert cap.message.startswith("Capped at 40 % of the points (skims-the-problem): it touches the exercise's")


def test_an_answer_that_deals_with_the_problem_is_not_flagged() -> None:
    assert len(phrases_used(load_brief(PART1).engages, HEAD_ON)) >= ENOUGH_PHRASES
    result = grader.check(HEAD_ON, PR, PART1)
    assert not skims(result) and not result.caps


def test_repeating_one_phrase_does_not_look_like_engaging_the_problem() -> None:
    text = IN_PASSING + " Memory, memory, memory: memory matters."
    assert len(phrases_used(load_brief(PART1).engages, text)) == 1
    assert skims(grader.check(text, PR, PART1))


def test_without_a_brief_nothing_is_skimmed() -> None:
    result = grader.check(IN_PASSING, PR)
    assert not skims(result) and all(c.source != "skims-the-problem" for c in result.caps)
