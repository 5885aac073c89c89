"""How often each guard fires, and what it costs, on writing it should and should not fire on.

Figures, not a test: run ``python benchmarks/bench_guards.py``. Reads (never copies)
``../shared/calibration/answers.yaml`` (kinds normal/terse/long/harsh/stuffed/offtopic)
and ``../shared/data/real-writing/*.yaml`` (real documents: any flag there is
almost surely a false positive), and grades every model answer in ``solutions/``
with its brief.
"""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

import yaml

import grader
from grader.answers import parse_answer_cell

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").is_dir() else Path("/work/shared")


def _flags(result) -> list[str]:  # noqa: ANN001
    return [f.name for f in result.flags]


def calibration() -> None:
    items = yaml.safe_load((SHARED / "calibration" / "answers.yaml").read_text(encoding="utf-8"))
    by_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    totals: collections.Counter = collections.Counter()
    fraction: dict[str, list[float]] = collections.defaultdict(list)
    for item in items:
        result = grader.check(item["text"], item["rubric"])
        totals[item["kind"]] += 1
        fraction[item["kind"]].append(result.fraction)
        for name in set(_flags(result)):
            by_kind[item["kind"]][name] += 1
    print("calibration (no briefs): items flagged per guard, by kind; mean score share")
    for kind in sorted(totals):
        flags = ", ".join(f"{n} {c}" for n, c in sorted(by_kind[kind].items())) or "none"
        mean = sum(fraction[kind]) / len(fraction[kind])
        print(f"  {kind:9} n={totals[kind]:3}  mean={mean:.2f}  flags: {flags}")


def real_writing() -> None:
    counter: collections.Counter = collections.Counter()
    n = 0
    for path in sorted((SHARED / "data" / "real-writing").glob("*.yaml")):
        if path.name.startswith("second-rater"):
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            n += 1
            for name in set(_flags(grader.check(item["text"], item["rubric"]))):
                counter[name] += 1
    print(f"real writing (n={n}): items flagged per guard: {dict(sorted(counter.items())) or 'none'}")


def model_answers() -> None:
    print("model answers in solutions/ with their briefs:")
    for path in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            answer = parse_answer_cell("".join(cell["source"])) if cell["cell_type"] == "code" else None
            if answer is None:
                continue
            grade_id = cell["metadata"]["nbgrader"]["grade_id"]
            brief = answer.brief or f"{path.parent.name}/{grade_id}"
            result = grader.check(answer.text, answer.rubric, brief)
            print(f"  {brief:45} {result.score:g}/{result.max_score:g}  flags: {_flags(result) or '-'}")


if __name__ == "__main__":
    parts = sys.argv[1:] or ["models", "calibration", "real"]
    if "models" in parts:
        model_answers()
    if "calibration" in parts:
        calibration()
    if "real" in parts:
        real_writing()
