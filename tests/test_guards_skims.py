"""glances-at-the-problem and skims-the-problem: an answer to an exercise that brushes the brief's problem with one
or two of its phrases is capped at 25 %, one that mentions it in passing (three or four) is flagged and the exercise
rubrics cap it at 40 %; an answer that deals with the problem is left alone."""
from __future__ import annotations

import grader
from grader.guards.off_brief import ENOUGH_PHRASES, FEW_PHRASES, phrases_used
from grader.brief import load_brief
from grader.rubric import load_rubric

PR = "pr-review/comment"
PART1 = "01-pr-review/part1-comment"


def skims(result) -> bool:  # noqa: ANN001
    return any(f.name == "skims-the-problem" for f in result.flags)


def glances(result) -> bool:  # noqa: ANN001
    return any(f.name == "glances-at-the-problem" for f in result.flags)


# Polished and specific, but about column naming: "memory" is its only brush with the brief's problem.
GLANCING = ("Priya, in `build_cohorts` the column `cohort_date` is computed in pandas and written with `to_sql`. "
            "Could you rename it to `cohort_start_date` so the growth dashboard reads it unambiguously? It also "
            "saves a little memory.")
# About the problem's symptom, in passing: memory, the shared worker and the finance report, not the whole-table read.
IN_PASSING = ("Priya, `build_cohorts` reads a lot into memory on the shared worker, and the finance revenue report "
              "runs there too. Could we rename `cohort_date` to `cohort_start_date` while you are in this file?")
# The same comment, dealing with the problem: the whole table, memory on the shared worker, the fix in SQL.
HEAD_ON = ("Priya, `build_cohorts` runs `SELECT *` on `analytics.events`, so it reads the whole table (1.2 billion "
           "rows) into pandas before filtering. On the shared 16 GB Airflow workers that runs out of memory and "
           "can take the finance revenue report down with it. Could we push the filter into the query with a "
           "`WHERE event_date >= ...` clause?")


def test_an_answer_that_only_glances_at_the_problem_is_capped_at_25_percent() -> None:
    assert 0 < len(phrases_used(load_brief(PART1).engages, GLANCING)) <= FEW_PHRASES
    result = grader.check(GLANCING, PR, PART1)
    assert glances(result) and not skims(result)
    flag = next(f for f in result.flags if f.name == "glances-at-the-problem")
    assert "'memory'" in flag.message and [GLANCING[s:e] for s, e in flag.spans] == ["memory"]
    assert load_brief(PART1).problem in flag.message
    assert result.score <= 0.25 * result.max_score
    assert "Capped at 25 % of the points (glances-at-the-problem)" in result.cap.message


def test_an_answer_that_mentions_the_problem_in_passing_is_flagged_and_capped() -> None:
    assert FEW_PHRASES < len(phrases_used(load_brief(PART1).engages, IN_PASSING)) < ENOUGH_PHRASES
    result = grader.check(IN_PASSING, PR, PART1)
    assert skims(result) and not glances(result)
    flag = next(f for f in result.flags if f.name == "skims-the-problem")
    assert "'memory'" in flag.message and "memory" in [IN_PASSING[s:e] for s, e in flag.spans]
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
    text = GLANCING + " Memory, memory, memory: memory matters."
    assert len(phrases_used(load_brief(PART1).engages, text)) == 1
    assert glances(grader.check(text, PR, PART1))


def test_without_a_brief_nothing_is_skimmed() -> None:
    for text in (GLANCING, IN_PASSING):
        result = grader.check(text, PR)
        assert not skims(result) and not glances(result)
        assert all(c.source not in ("skims-the-problem", "glances-at-the-problem") for c in result.caps)
