"""Agreement of the rule-based grader with the human-labeled calibration sets.

Prints per-rubric and per-criterion agreement and Spearman's rho between the
score fraction and the human 0-3 grade. ``--split`` also reports the figures
separately for the items used while tuning (the shared set and even-numbered
items of each new file) and the held-out rest, so over-fitting shows.
``--holdout`` adds the blind hold-out set (tests/calibration/holdout/), written by
someone who never saw the checks and never used for tuning: its figure is the
honest estimate of agreement on new answers. ``-v`` lists every disagreement.

    python benchmarks/bench_calibration.py [--split] [--holdout] [-v] [--rubric ID]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _metrics():
    """The measuring code lives with the calibration test, so both report the same figures."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("test_calibration", ROOT / "tests" / "test_calibration.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="store_true", help="report tuning half and held-out half separately")
    parser.add_argument("--holdout", action="store_true", help="also report the blind hold-out set")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    parser.add_argument("--rubric", help="only this rubric id")
    args = parser.parse_args()
    metrics = _metrics()
    items = metrics.load_items() + metrics.load_shared_items()
    if args.rubric:
        items = [i for i in items if i["rubric"] == args.rubric]
    groups = {"all": items}
    if args.holdout:
        holdout = metrics.load_items(metrics.HOLDOUT_DIR)
        groups["blind hold-out (never used for tuning)"] = [
            i for i in holdout if not args.rubric or i["rubric"] == args.rubric
        ]
    if args.split:
        groups["tuning (../shared calibration + even items of own files)"] = [i for i in items if i["_tuning"]]
        groups["held-out (odd items of new files)"] = [i for i in items if not i["_tuning"]]
    for name, group in groups.items():
        print(f"=== {name}: {len(group)} answers ===")
        print(metrics.agreement_report(group, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
