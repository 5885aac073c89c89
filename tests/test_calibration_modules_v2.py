"""Agreement of the seven curriculum-v2 rubrics with the answers their author labeled (modules 6 and 7).

The answers in tests/calibration/v2/train/ for these rubrics were written and labeled by the same person who then
wrote the checks, and the checks were tuned on them: this is a regression guard (a change to a lexicon or a check
that breaks what the rubric was built to see fails here), not evidence that the rubric agrees with an independent
grader. Figures before and after tuning: tests/calibration/v2/NEW-RUBRICS.md.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import grader
from grader.rubric import load_rubric
from test_calibration import spearman

TRAIN = Path(__file__).resolve().parent / "calibration" / "v2" / "train"
FILES = {
    "change/rollout-plan": "change-rollout-plan.yaml",
    "change/status-update": "change-status-update.yaml",
    "change/deprecation-notice": "change-deprecation-notice.yaml",
    "pr-review/description": "pr-review-description.yaml",
    "pr-review/reply": "pr-review-reply.yaml",
    "conflict/escalation-memo": "conflict-escalation-memo.yaml",
    "conflict/call-summary": "conflict-call-summary.yaml",
}
MIN_AGREEMENT = 0.90
MIN_ANSWERS = 24


def _items(rubric: str) -> list[dict]:
    items = yaml.safe_load((TRAIN / FILES[rubric]).read_text(encoding="utf-8"))
    assert all(i["rubric"] == rubric for i in items), f"{FILES[rubric]} holds answers for another rubric"
    return items


@pytest.mark.parametrize("rubric", sorted(FILES))
def test_labeled_answers_cover_every_grade_and_criterion(rubric: str) -> None:
    items = _items(rubric)
    criteria = {c.id for c in load_rubric(rubric).criteria}
    assert len(items) >= MIN_ANSWERS
    assert {i["grade"] for i in items} == {0, 1, 2, 3}
    assert {i["kind"] for i in items} >= {"normal", "terse", "stuffed", "harsh", "offtopic"}
    for item in items:
        assert set(item["criteria"]) == criteria, item["id"]
        for label in item["criteria"].values():
            assert all(quote in item["text"] for quote in label["evidence"]), item["id"]


@pytest.mark.parametrize("rubric", sorted(FILES))
def test_grader_agrees_with_the_labels(rubric: str) -> None:
    items = _items(rubric)
    agree = total = 0
    fractions, grades, stuffed_full = [], [], []
    for item in items:
        result = grader.check(item["text"], rubric)
        met = {c.id: c.met for c in result.criteria}
        for criterion, label in item["criteria"].items():
            agree += met[criterion] == label["met"]
            total += 1
        fractions.append(result.fraction)
        grades.append(item["grade"])
        if item["kind"] == "stuffed" and result.score == result.max_score:
            stuffed_full.append(item["id"])
    assert agree / total >= MIN_AGREEMENT, f"{rubric}: {agree}/{total} judgements agree"
    assert spearman(fractions, grades) > 0.7, f"{rubric}: score no longer ranks answers like the grade"
    assert not stuffed_full, f"{rubric}: keyword-stuffed answers earn full marks: {stuffed_full}"
