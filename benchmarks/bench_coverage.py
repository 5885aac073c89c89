"""What coverage of the exercise's problem does to the ranking of answers, at each deduction level.

Figures, not a test: ``python benchmarks/bench_coverage.py``. Each answer to an
exercise is graded once with its brief; the score before coverage
(``Result.capped_score``) is then combined with the answer's coverage share at
several settings, and Spearman(score, instructor's 0–3 grade) is printed for:

* the training answers, each measured against a profile built **without its
  writer's answers** (grader/training/coverage.py's building blocks; the
  reference level is the committed one), so no answer is compared with itself;
* the validation answers (``tests/calibration/v2/holdout/``; their writer is in
  no profile), against the committed profiles.

It also prints, per coverage threshold, how many answers graded 2 or 3 fall
below it (the ``strays-from-the-problem`` cap would lower them) and how many
off-topic or off-brief answers keep more than 25 % of the points; answers are
graded with that guard switched off, so the thresholds compare like with like.
The hold-outs are not read here (``bench_judgement.py --holdout`` measures them).
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import grader  # noqa: E402
from grader.guards import strays  # noqa: E402
from grader.judgement import coverage  # noqa: E402
from grader.training import data  # noqa: E402
from grader.training.coverage import exercise_answers, good_vectors, profile_of, stop_words, writer  # noqa: E402
from grader.training.metrics import spearman  # noqa: E402

DEDUCTIONS = (0.0, 0.02, 0.05, 0.10, 0.20)
FULL_AT = (0.95, 1.0)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5)
OFF = ("offtopic", "off-brief")


def _graded(items: list[data.Labeled]) -> list[tuple[data.Labeled, float, float]]:
    """(item, score share before coverage, raw cosine with the profile the item is measured against)."""
    model = coverage.model()
    stop = frozenset(model["stop"])
    idf = model["idf"]
    training = exercise_answers()
    good = good_vectors(training, idf, stop)
    out = []
    training_ids = {i.id for i in training}
    for item in items:
        spec = model["profiles"].get(item.exercise)
        if spec is None:
            continue
        result = grader.check(item.text, item.rubric, item.exercise)
        share = result.capped_score / result.max_score if result.max_score else 0.0
        profile = spec["terms"]
        if item.id in training_ids:  # a training answer: its writer's answers leave the profile
            others = [v for w, v in good[item.exercise] if w != writer(item.id)]
            profile = profile_of(others) if others else {}
        raw = coverage.cosine(coverage.vector(item.text, idf, stop), profile) / spec["reference"]
        out.append((item, share, raw))
    return out


def _report(name: str, rows: list[tuple[data.Labeled, float, float]]) -> None:
    grades = [float(item.grade) for item, _, _ in rows]
    print(f"{name}: {len(rows)} answers to exercises with a profile")
    print(f"  {'deduction':>10s} " + " ".join(f"{'full at ' + str(f):>12s}" for f in FULL_AT))
    for deduction in DEDUCTIONS:
        cells = []
        for full in FULL_AT:
            scores = [s * (1 - deduction * (1 - min(1.0, raw / full))) for _, s, raw in rows]
            cells.append(f"{spearman(scores, grades):12.4f}")
        print(f"  {deduction:10.2f} " + " ".join(cells))
    for threshold in THRESHOLDS:
        below = [(item, s) for item, s, raw in rows if min(1.0, raw / 0.95) < threshold]
        good = sum(1 for item, _ in below if item.grade >= 2)
        off = [(s, min(1.0, raw / 0.95)) for item, s, raw in rows if item.kind in OFF]
        kept = sum(1 for s, cov in off if (min(s, 0.25) if cov < threshold else s) > 0.25)
        print(f"  below {threshold:.0%} coverage: {len(below)} answers, {good} graded 2 or 3; "
              f"off-topic/off-brief above 25 % with the cap: {kept} of {len(off)}")
    print()


def main() -> int:
    strays.LOW_COVERAGE = 0.0  # graded without the cap under test: the thresholds below say what it would do
    if not coverage.model()["profiles"]:
        print("no coverage profiles: run python -m grader.training.coverage", file=sys.stderr)
        return 2
    stop_words()  # the build's dependency (scikit-learn's stop words): fail early and clearly without it
    training = [i for i in data.course_answers() + data.v2_train() if i.exercise and i.grade is not None]
    _report("training answers (profiles without the answer's writer)", _graded(training))
    validation = [i for i in data.validation_items() if i.exercise and i.grade is not None]
    _report("validation answers (committed profiles)", _graded(validation))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
