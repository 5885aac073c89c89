"""Which score-level levers make the score track an instructor's holistic grade (0-3), chosen on training sets only.

Three levers are measured, each by 5-fold cross-validation on the graded training answers
(``tests/calibration/v2/train``, ``tests/calibration/*.yaml``, ``../shared/calibration``):

1. per-criterion weights (``points`` 1-3 per criterion, fitted per rubric on the HUMAN criterion labels);
2. caps on a missed criterion (``caps: [{when: {missed: X}}]``), fitted the same way;
3. caps on the brief guards (misses-, glances-at- and skims-the-problem, invented-numbers, invented-names,
   invented-history) at each level, on the grader's own verdicts and on the human labels (the move model was
   trained on these texts, so the label-based figure is the less optimistic one);
4. how many distinct problem phrases (the brief's ``engages``) an answer must use not to count as
   skimming the problem (``ENOUGH_PHRASES`` in grader/guards/off_brief.py), and at most how many count as only
   glancing at it (``FEW_PHRASES``).

A lever is worth keeping when its cross-validated Spearman beats the rubric as it is. The development set
(``tests/calibration/v2/holdout``) is printed as "dev" for reference only; nothing is chosen on it.

    python benchmarks/bench_score_levers.py
"""
from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import grader  # noqa: E402
from grader.brief import brief_ids, load_brief  # noqa: E402
from grader.guards.off_brief import (ENOUGH_PHRASES, FEW_PHRASES, GLANCES_PROBLEM_CAP, MISSES_PROBLEM_CAP,  # noqa: E402
                                     phrases_used)
from grader.rubric import load_rubric  # noqa: E402
from grader.training import data  # noqa: E402
from grader.training.metrics import spearman  # noqa: E402

FOLDS = 5
CAP_LEVELS = (1.0, 0.75, 0.6, 0.5, 0.4, 0.3, 0.25)
BRIEF_GUARDS = ("misses-the-problem", "glances-at-the-problem", "skims-the-problem", "invented-numbers",
                "invented-names", "invented-history")
# Guards with a cap of their own, which a rubric may lower or raise by declaring one.
DEFAULT_CAPS = {"misses-the-problem": MISSES_PROBLEM_CAP, "glances-at-the-problem": GLANCES_PROBLEM_CAP}
MIN_GAIN = 0.01  # a weight or cap must raise a rubric's own Spearman by this much on the fitting folds


def share(item: data.Labeled, weights: dict, caps: dict) -> float:
    """The human labels as a score share, under criterion weights and missed-criterion caps."""
    criteria = [c.id for c in load_rubric(item.rubric).criteria]
    total = sum(weights.get((item.rubric, c), 1) for c in criteria)
    value = sum(weights.get((item.rubric, c), 1) for c in criteria if item.labels.get(c)) / total
    for (rubric, criterion), at_most in caps.items():
        if rubric == item.rubric and not item.labels.get(criterion, True):
            value = min(value, at_most)
    return value


def rho(items: list[data.Labeled], weights: dict, caps: dict) -> float:
    return spearman([share(i, weights, caps) for i in items], [float(i.grade) for i in items])


def fit_weights(items: list[data.Labeled], caps: dict) -> dict:
    weights = {}
    for rubric in sorted({i.rubric for i in items}):
        mine = [i for i in items if i.rubric == rubric]
        criteria = [c.id for c in load_rubric(rubric).criteria]
        best, chosen = rho(mine, {}, caps), {}
        for combo in itertools.product((1, 2, 3), repeat=len(criteria)):
            if min(combo) == 1:
                trial = dict(zip(((rubric, c) for c in criteria), combo))
                if (value := rho(mine, trial, caps)) > best + MIN_GAIN:
                    best, chosen = value, trial
        weights.update(chosen)
    return weights


def fit_missed_caps(items: list[data.Labeled], caps: dict) -> dict:
    caps = dict(caps)
    for rubric in sorted({i.rubric for i in items}):
        mine = [i for i in items if i.rubric == rubric]
        for criterion in (c.id for c in load_rubric(rubric).criteria):
            if (rubric, criterion) in caps:
                continue
            best = rho(mine, {}, caps)
            for level in (0.25, 0.4, 0.5):
                trial = {**caps, (rubric, criterion): level}
                if (value := rho(mine, {}, trial)) > best + MIN_GAIN:
                    best, caps = value, trial
    return caps


def folds(n: int) -> list[set[int]]:
    order = list(range(n))
    random.Random(0).shuffle(order)
    return [set(order[k::FOLDS]) for k in range(FOLDS)]


def cross_validate(items: list[data.Labeled], fit, score) -> tuple[float, float]:  # noqa: ANN001
    """(Spearman of the rubric as it is, Spearman with the lever fitted on the other folds), pooled over folds."""
    base, fitted, grades = [], [], []
    for fold in folds(len(items)):
        train = [i for n, i in enumerate(items) if n not in fold]
        test = [i for n, i in enumerate(items) if n in fold]
        lever = fit(train)
        base += [score(i, None) for i in test]
        fitted += [score(i, lever) for i in test]
        grades += [float(i.grade) for i in test]
    return spearman(base, grades), spearman(fitted, grades)


def rubric_caps(items: list[data.Labeled]) -> dict:
    return {(r, rule.missed): rule.at_most for r in {i.rubric for i in items}
            for rule in load_rubric(r).caps if rule.missed}


def graded(items: list[data.Labeled]) -> list[dict]:
    """The grader's verdict on each item, with its brief when it answers an exercise: share before the brief
    guards' caps, and which brief guards fired."""
    briefs = set(brief_ids())
    out = []
    for item in items:
        result = grader.check(item.text, item.rubric, item.exercise if item.exercise in briefs else None)
        uncapped = [c for c in result.caps if c.source not in BRIEF_GUARDS]
        ceiling = min((c.at_most for c in uncapped), default=1.0)
        fraction = min(result.uncapped_score / result.max_score, ceiling) if result.max_score else 0.0
        phrases = len(phrases_used(load_brief(item.exercise).engages, item.text)) if item.exercise in briefs else None
        out.append({"fraction": fraction, "fired": {f.name for f in result.flags} & set(BRIEF_GUARDS),
                    "phrases": phrases})
    return out


def capped(value: float, fired: set[str], levels: dict[str, float]) -> float:
    return min([value] + [levels[g] for g in fired])


def fit_guard_levels(rows: list[tuple[float, set[str], float]]) -> dict[str, float]:
    """Per guard, in turn, the level that best ranks the fitting rows (value, fired guards, grade)."""
    levels = {g: 1.0 for g in BRIEF_GUARDS}
    for guard in BRIEF_GUARDS:
        def value(level: float) -> float:
            trial = {**levels, guard: level}
            return spearman([capped(v, f, trial) for v, f, _ in rows], [g for _, _, g in rows])
        levels[guard] = max(CAP_LEVELS, key=lambda level: (round(value(level), 4), level))
    return levels


def main() -> int:
    if data.shared_dir() is None:
        print("../shared is absent: nothing to measure (set MULTIPLIER_SHARED to its path)")
        return 0
    train = [i for i in data.v2_train() + data.course_answers() + data.shared_calibration() if i.grade is not None]
    dev = [i for i in data.v2_holdout() if i.grade is not None]
    caps = rubric_caps(train)
    print(f"training answers with a grade: {len(train)}; dev: {len(dev)}")
    print(f"human labels as a score share: train {rho(train, {}, caps):.3f}, dev {rho(dev, {}, caps):.3f}")

    base, fitted = cross_validate(train, lambda t: fit_weights(t, caps),
                                  lambda i, w: share(i, w or {}, caps))
    weights = fit_weights(train, caps)
    print(f"\n1. weights: cross-validated {base:.3f} -> {fitted:.3f}; fitted on all of train: "
          f"{ {f'{r}:{c}': w for (r, c), w in weights.items() if w != 1} or 'all 1'}; "
          f"dev {rho(dev, {}, caps):.3f} -> {rho(dev, weights, caps):.3f}")

    base, fitted = cross_validate(train, lambda t: fit_missed_caps(t, caps),
                                  lambda i, c: share(i, {}, c or caps))
    extra = {k: v for k, v in fit_missed_caps(train, caps).items() if k not in caps}
    print(f"2. caps on a missed criterion: cross-validated {base:.3f} -> {fitted:.3f}; "
          f"fitted on all of train: {extra or 'none'}")

    print("3. caps on the brief guards (grader's verdicts | human labels):")
    for name, items in (("train", train), ("dev", dev)):
        verdicts = graded(items)
        for source in ("grader", "labels"):
            rows = [(v["fraction"] if source == "grader" else share(i, {}, caps), v["fired"], float(i.grade))
                    for i, v in zip(items, verdicts)]
            if name == "train":
                plain, tuned, grades = [], [], []
                for fold in folds(len(rows)):
                    levels = fit_guard_levels([r for n, r in enumerate(rows) if n not in fold])
                    test = [r for n, r in enumerate(rows) if n in fold]
                    plain += [v for v, _, _ in test]
                    tuned += [capped(v, f, levels) for v, f, _ in test]
                    grades += [g for _, _, g in test]
                levels = fit_guard_levels(rows)
                print(f"   train, {source}: cross-validated {spearman(plain, grades):.3f} -> "
                      f"{spearman(tuned, grades):.3f}; levels fitted on all of train: {levels}")
            declared = {g: next((r.at_most for r in load_rubric("pr-review/comment").caps if r.guard == g),
                                DEFAULT_CAPS.get(g, 1.0)) for g in BRIEF_GUARDS}
            without = spearman([v for v, _, _ in rows], [g for _, _, g in rows])
            with_caps = spearman([capped(v, f, declared) for v, f, _ in rows], [g for _, _, g in rows])
            print(f"   {name}, {source}: the rubrics' declared levels {declared}: {without:.3f} -> {with_caps:.3f}")
        if name == "train":
            print(f"4. phrase thresholds (declared: at most {FEW_PHRASES} glance, fewer than {ENOUGH_PHRASES} skim), "
                  "on the grader's verdicts:")
        for few, enough in itertools.product(range(0, 4), range(3, 8)):
            if few >= enough - 1:
                continue
            def score(verdict: dict) -> float:
                fired = verdict["fired"] - {"skims-the-problem", "glances-at-the-problem"}
                if verdict["phrases"] is not None and 0 < verdict["phrases"] <= few:
                    fired = fired | {"glances-at-the-problem"}
                elif verdict["phrases"] is not None and 0 < verdict["phrases"] < enough:
                    fired = fired | {"skims-the-problem"}
                return capped(verdict["fraction"], fired, declared)
            ranked = spearman([score(v) for v in verdicts], [float(i.grade) for i in items])
            print(f"   {name}, glance at most {few}, skim fewer than {enough}: {ranked:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
