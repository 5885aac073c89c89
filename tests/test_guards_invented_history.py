"""The invented-history guard: a past event the writer dates ("last quarter", "in 2024") that the exercise never
gives gets a note quoting its sentence; dates the brief or its notebook give, questions, code and answers without a
brief are left alone; the rubrics cap on it."""
from __future__ import annotations

import grader
from grader.rubric import load_rubric

PR = "pr-review/comment"
PART1 = "01-pr-review/part1-comment"
README = "docs/readme-why"
README_BRIEF = "04-async-clarity/part3-readme-why"


def history(result) -> str | None:  # noqa: ANN001
    return next((f.message for f in result.flags if f.name == "invented-history"), None)


def test_a_dated_precedent_the_brief_never_gives_is_noted_with_its_sentence() -> None:
    text = ("Priya, `build_cohorts` reads all 1.2 billion rows of analytics.events into pandas on a 16 GB worker. "
            "The same query took down the warehouse last quarter. Could we push the 30-day filter into the SQL?")
    result = grader.check(text, PR, PART1)
    message = history(result)
    assert message is not None
    assert "'last quarter'" in message and "The same query took down the warehouse last quarter." in message
    flag = next(f for f in result.flags if f.name == "invented-history")
    assert [text[s:e] for s, e in flag.spans] == ["The same query took down the warehouse last quarter."]
    assert history(grader.check(text, PR)) is None  # no brief, nothing to compare with


def test_years_ago_and_a_year_the_material_never_states_are_noted() -> None:
    for sentence in ("In 2024 a developer laptop with a dump was stolen.", "Two years ago a laptop was stolen."):
        text = (f"## Why fixture-slicer exists\n\n{sentence} Real customer data in the shared copy had to go after "
                "the GDPR audit, and a full dump is 380 GB. fixture-slicer makes a masked slice; not for load tests.")
        assert history(grader.check(text, README, README_BRIEF)) is not None, sentence


def test_dates_the_notebook_gives_questions_code_and_last_time_are_not_history() -> None:
    text = ("## Why fixture-slicer exists\n\nWe used a shared copy of `bookings` taken in 2023; after the March 2026 "
            "GDPR audit it was deleted. Three production bugs in Q2 could not be reproduced locally. Did anything "
            "similar happen last year? Run `make db-slice --since 'last month'` for a slice. Unlike last time, "
            "the slice is masked. Store managers reorder from yesterday's numbers.")
    assert history(grader.check(text, README, README_BRIEF)) is None


def test_exercise_rubrics_cap_invented_history_and_invented_numbers() -> None:
    for rubric in ("pr-review/comment", "docs/readme-why", "conflict/adr", "async/help-request"):
        caps = {rule.guard: rule.at_most for rule in load_rubric(rubric).caps if rule.guard}
        assert caps.get("invented-history") == 0.4 and caps.get("invented-numbers") == 0.4, rubric


def test_a_window_the_brief_reports_is_paraphrased_not_misquoted() -> None:
    # The brief: late on 17 of the last 90 nights. "Last quarter" says the same; "last month" claims more.
    brief, rubric = "02-stakeholder-buy-in/part2-pitch", "stakeholder/pitch"
    text = "Dorothea, the nightly ordering job was late 17 times {when}, and each late morning costs us write-offs."
    assert history(grader.check(text.format(when="last quarter"), rubric, brief)) is None
    assert "'last month'" in (history(grader.check(text.format(when="last month"), rubric, brief)) or "")
