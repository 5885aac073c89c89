"""A floor on agreement with the blind hold-out set (tests/calibration/holdout/).

The hold-out answers were written and labeled by someone who never saw the
checks, and they are never used for tuning: read the disagreements to learn,
but fix the checks with general rules, not with these sentences. The floor is
lower than the tuning set's on purpose; it catches a change that makes the
grader worse on answers it has not seen.
"""
from __future__ import annotations

from test_calibration import HOLDOUT_DIR, load_items, measure

HOLDOUT_FLOOR = 0.80


def test_holdout_set_is_present_and_complete() -> None:
    items = load_items(HOLDOUT_DIR)
    assert len({i["rubric"] for i in items}) == 8 and len(items) >= 80


def test_agreement_on_unseen_answers_stays_above_the_floor() -> None:
    measured = measure(load_items(HOLDOUT_DIR))
    agreement = measured["agreement"]["overall"]
    assert agreement >= HOLDOUT_FLOOR, f"agreement on unseen answers fell to {agreement:.3f}"
    assert not measured["stuffed_full"], f"stuffed answers with full marks: {measured['stuffed_full']}"
