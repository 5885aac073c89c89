"""Coverage of an exercise's problem (grader/judgement/coverage.py): what it takes off, what it says, and that
its profiles are what the documented command builds from the training answers only."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import grader
from grader.judgement import coverage
from grader.training import data

BRIEF = "03-mentorship/part1-feedback"
RUBRIC = "mentorship/feedback"
ON_TASK = (
    "Jonas, during INC-2291 on Saturday you found the cause quickly, which was great. Then you fixed it with "
    "kubectl set env from your laptop instead of a hotfix branch. Git still said 50 ms, so Chloé's routine deploy "
    "put the old value back and search failed again for 14 minutes, about 3,800 failed searches. Next time, push "
    "the change through a hotfix branch so the manifest stays the source of truth; I'm happy to pair on the first "
    "one. How does that sound?"
)
ELSEWHERE = (
    "Jonas, in Tuesday's sprint planning you estimated the onboarding epic at three points without asking the "
    "designers. Two of them told me afterwards they felt left out. Next time, ask the people doing the work before "
    "you give a number; would you try that at the next planning?"
)


def test_an_answer_about_the_problem_keeps_its_points() -> None:
    result = grader.check(ON_TASK, RUBRIC, BRIEF)
    assert result.coverage is not None and result.coverage.share == 1.0
    assert result.coverage.deduction == 0 and result.score == result.capped_score
    assert "as fully as" in result.coverage.message


def test_an_answer_about_something_else_loses_a_share_and_is_told_what_good_answers_deal_with() -> None:
    result = grader.check(ELSEWHERE, RUBRIC, BRIEF)
    cov = result.coverage
    assert cov is not None and cov.share < 0.5
    assert 0 < cov.deduction <= coverage.DEDUCTION
    assert result.score == round(result.capped_score * (1 - cov.deduction), 2) < result.capped_score
    assert cov.missing and all(word.isalpha() for word in cov.missing)
    assert "hotfix" in cov.missing or "kubectl" in cov.missing
    assert "saturday" not in cov.missing  # names are spelled as the brief spells them
    assert "Saturday" in grader.check("Jonas, good work.", RUBRIC, BRIEF).coverage.missing
    assert f"{cov.deduction * 100:.1f} % of the score" in cov.message and cov.missing[0] in cov.message
    assert result.to_dict()["coverage"]["missing"] == list(cov.missing)


def test_coverage_never_adds_points() -> None:
    for text in (ON_TASK, ELSEWHERE, "Jonas, hotfix kubectl git saturday deploy " * 20):
        result = grader.check(text, RUBRIC, BRIEF)
        assert result.score <= result.capped_score <= result.uncapped_score


def test_without_a_brief_or_a_profile_the_criteria_alone_score() -> None:
    assert grader.check(ON_TASK, RUBRIC).coverage is None
    assert coverage.measure(ON_TASK, "99-new-module/part1-feedback") is None  # an exercise without labeled answers


def test_an_empty_answer_gets_no_coverage_note() -> None:
    assert grader.check("   ", RUBRIC, BRIEF).coverage is None


def test_training_and_grading_read_text_the_same_way() -> None:
    stop = frozenset({"the"})
    assert coverage.terms("The Chloé deploy, the DEPLOY; 50 ms x", stop) == {"chloé": 1, "deploy": 2, "ms": 1}
    unit = coverage.vector("deploy deploy hotfix", {"deploy": 1.0, "hotfix": 2.0}, stop)
    assert abs(sum(w * w for w in unit.values()) - 1.0) < 1e-9 and unit["hotfix"] > unit["deploy"]


def test_profiles_come_from_training_answers_only() -> None:
    from grader.training.coverage import exercise_answers

    training = {i.text for i in exercise_answers()}
    held_out = data.validation_items() + data.course_holdout() + data.v3_holdout() + data.v4_holdout()
    assert not training & {i.text for i in held_out}
    profiles = json.loads(coverage.ARTIFACT.read_text(encoding="utf-8"))["profiles"]
    assert profiles and all(spec["reference"] > 0 and spec["terms"] for spec in profiles.values())
    # the answers that build only the profiles are not move-training answers
    assert not {i.id for i in data.coverage_answers()} & {i.id for i in data.training_items()}


def test_the_profiles_are_what_the_documented_command_builds(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="the build reads scikit-learn's English stop words (the 'train' extra)")
    out = tmp_path / "coverage.json"
    run = subprocess.run([sys.executable, "-m", "grader.training.coverage", "--out", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    rebuilt = json.loads(out.read_text(encoding="utf-8"))["sha256"]
    committed = json.loads(coverage.ARTIFACT.read_text(encoding="utf-8"))["sha256"]
    assert rebuilt == committed, "rebuild with `python -m grader.training.coverage` and commit grader/models/coverage.json"


def test_an_answer_that_strays_from_the_problem_is_capped_and_told_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from grader.guards import strays

    assert strays.NAME not in {f.name for f in grader.check(ON_TASK, RUBRIC, BRIEF).flags}
    # the same answer, had it shared little with the good answers (the brief's phrase guards stay silent on it)
    low = coverage.Coverage(0.2, round(coverage.DEDUCTION * 0.8, 4), ("hotfix",))
    monkeypatch.setattr(coverage, "of", lambda analysis, brief: low)
    result = grader.check(ON_TASK, RUBRIC, BRIEF)
    flag = next(f for f in result.flags if f.name == strays.NAME)
    assert "something other than the exercise's problem" in flag.message and "hotfix" in flag.message
    assert result.capped_score <= strays.CAP * result.max_score and result.cap.source == strays.NAME


def test_no_second_flag_when_the_brief_s_phrases_already_say_it_is_about_something_else() -> None:
    from grader.guards import strays

    result = grader.check(ELSEWHERE, RUBRIC, BRIEF)
    assert result.coverage.share < strays.LOW_COVERAGE
    names = {f.name for f in result.flags}
    assert names & {"off-brief", "misses-the-problem", "glances-at-the-problem"} and strays.NAME not in names


def test_the_panel_the_cli_and_the_nbgrader_comment_say_what_coverage_took_off() -> None:
    from grader.commands.check import render_text
    from grader.nbgrader.feedback import comment_text
    from grader.notebook.panel import render_result_html

    result = grader.check(ELSEWHERE, RUBRIC, BRIEF)
    sentence = result.coverage.message
    assert sentence.split(" They also")[0] in render_text(result)
    assert "of the score is taken off" in render_result_html(result)
    comment = comment_text(result, 5.0, round(5.0 * result.fraction, 4), [], blank=False)
    assert sentence in comment
    kept = grader.check(ON_TASK, RUBRIC, BRIEF)  # nothing taken off: nothing said
    assert "taken off" not in render_text(kept) and "taken off" not in render_result_html(kept)
