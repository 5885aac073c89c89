"""Calibration: how often the grader agrees with human labels (tests/calibration/*.yaml).

These answers are training data of the learned moves, so the floors here only
catch a broken engine; the honest floors are on unseen text, in
tests/test_calibration_holdout.py.

The measuring functions are also used by benchmarks/bench_calibration.py:
load every labeled calibration file and measure agreement with the grader."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from grader.training.metrics import spearman

CALIBRATION_DIR = Path(__file__).resolve().parent / "calibration"


HOLDOUT_DIR = CALIBRATION_DIR / "holdout"


def load_shared_items() -> list[dict]:
    """``../shared/calibration/answers.yaml`` (never copied into the repository); [] when ../shared is absent."""
    from grader.training.data import shared_dir

    shared = shared_dir()
    if shared is None:
        return []
    data = yaml.safe_load((shared / "calibration" / "answers.yaml").read_text(encoding="utf-8")) or []
    return [dict(item, _file="../shared/calibration/answers.yaml", _tuning=True) for item in data if "criteria" in item]


def load_items(folder: Path = CALIBRATION_DIR) -> list[dict]:
    """Every labeled answer from ``folder``/*.yaml, tagged with its file and tuning half."""
    items: list[dict] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for index, item in enumerate(data):
            if not isinstance(item, dict) or "text" not in item or "criteria" not in item:
                continue
            item = dict(item)
            item["_file"] = path.name
            item["_tuning"] = index % 2 == 0
            items.append(item)
    return items


def grade_all(items: list[dict]) -> list[tuple[dict, object]]:
    import grader

    return [(item, grader.check(item["text"], item["rubric"])) for item in items]


def measure(items: list[dict]) -> dict:
    """Agreement overall, per rubric, per criterion; Spearman per rubric; stuffed answers with full marks."""
    pairs = grade_all(items)
    hits = defaultdict(lambda: [0, 0])
    by_criterion = defaultdict(lambda: [0, 0])
    fractions, grades = defaultdict(list), defaultdict(list)
    disagreements, stuffed_full = [], []
    for item, result in pairs:
        met = {c.id: c.met for c in result.criteria}
        for criterion, label in item["criteria"].items():
            ok = met.get(criterion) == bool(label)
            for key in (item["rubric"], "overall"):
                hits[key][0] += ok
                hits[key][1] += 1
            by_criterion[(item["rubric"], criterion)][0] += ok
            by_criterion[(item["rubric"], criterion)][1] += 1
            if not ok:
                disagreements.append((item, criterion, bool(label)))
        fractions[item["rubric"]].append(result.fraction)
        grades[item["rubric"]].append(item["grade"])
        if item.get("kind") == "stuffed" and result.score == result.max_score:
            stuffed_full.append(item["id"])
    return {
        "agreement": {k: v[0] / v[1] for k, v in hits.items()},
        "counts": {k: tuple(v) for k, v in hits.items()},
        "criterion": {k: v[0] / v[1] for k, v in by_criterion.items()},
        "spearman": {k: spearman(fractions[k], grades[k]) for k in fractions},
        "disagreements": disagreements,
        "stuffed_full": stuffed_full,
    }


def agreement_report(items: list[dict], verbose: bool = False) -> str:
    m = measure(items)
    lines = [f"overall agreement: {m['agreement'].get('overall', 0):.3f} ({m['counts'].get('overall', (0, 0))[1]} judgements)"]
    for rubric in sorted(m["spearman"]):
        lines.append(f"  {rubric:28s} agreement {m['agreement'][rubric]:.3f}  spearman {m['spearman'][rubric]:+.2f}")
        for (r, criterion), value in sorted(m["criterion"].items()):
            if r == rubric:
                lines.append(f"      {criterion:22s} {value:.3f}")
    lines.append(f"stuffed answers with full marks: {m['stuffed_full'] or 'none'}")
    if verbose:
        for item, criterion, label in m["disagreements"]:
            text = " ".join(item["text"].split())[:160]
            lines.append(f"  {item['id']} {criterion} human={label}: {text}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- tests
import pytest  # noqa: E402

OVERALL_MIN = 0.85
PER_RUBRIC_MIN = 0.75


@pytest.fixture(scope="module")
def measured() -> dict:
    items = load_items()
    assert items, "no calibration answers found"
    return measure(items)


def test_overall_agreement(measured: dict) -> None:
    assert measured["agreement"]["overall"] >= OVERALL_MIN, agreement_summary(measured)


def test_every_rubric_agrees(measured: dict) -> None:
    low = {r: round(v, 3) for r, v in measured["agreement"].items() if r != "overall" and v < PER_RUBRIC_MIN}
    assert not low, f"rubrics below {PER_RUBRIC_MIN}: {low}"


def test_no_stuffed_answer_earns_full_marks(measured: dict) -> None:
    assert not measured["stuffed_full"]


def test_score_ranks_answers_like_the_human_grade(measured: dict) -> None:
    not_positive = {r: round(v, 2) for r, v in measured["spearman"].items() if not v > 0}  # NaN (undefined) is not positive either
    assert not not_positive, f"Spearman rho not positive: {not_positive}"


def test_spearman_matches_a_hand_computed_value() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # ties get average ranks: ranks x = 1.5,1.5,3 ; y = 1,2,3 -> rho = 0.866
    assert spearman([1, 1, 2], [1, 2, 3]) == pytest.approx(0.8660254, rel=1e-6)


def agreement_summary(measured: dict) -> str:
    return ", ".join(f"{k}={v:.3f}" for k, v in sorted(measured["agreement"].items()))
