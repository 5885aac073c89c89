"""Copy detection: false positives on honest answers, and what a light edit of the model answer scores.

Honest answers: every human-written answer of the calibration sets (tests/calibration/*.yaml, holdout/,
shared-answers.yaml), grouped by rubric. Pairs of honest answers to the same rubric are the "two learners,
no copying" case; each honest answer against every model answer in solutions/ with that rubric is the
"did not copy the model" case. Prints, per rubric and overall, the highest similarity seen and how many
pairs reach ``grader.nbgrader.copies.THRESHOLD``; then the similarity of lightly edited model answers
(one word in ten replaced, sentences shuffled) to show how far below 1.0 a disguised copy lands.

    python benchmarks/bench_copies.py
"""
from __future__ import annotations

import json
import random
import re
import statistics
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from grader.answers import parse_answer_cell  # noqa: E402
from grader.nbgrader import copies  # noqa: E402

_SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)


def honest_answers() -> dict[str, list[str]]:
    by_rubric: dict[str, list[str]] = defaultdict(list)
    files = sorted((REPO / "tests" / "calibration").rglob("*.yaml"))
    for path in files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(item, dict) and item.get("text") and item.get("rubric"):
                by_rubric[item["rubric"]].append(item["text"].strip())
    return by_rubric


def model_answers() -> dict[str, list[str]]:
    by_rubric: dict[str, list[str]] = defaultdict(list)
    for path in sorted((REPO / "solutions").glob("*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            parsed = parse_answer_cell(source)
            match = _SOLUTION.search(source)
            if parsed and parsed.rubric and match:
                by_rubric[parsed.rubric].append(match.group(1).strip())
    return by_rubric


def disguise(text: str, rng: random.Random) -> str:
    """A copy an honest-looking learner might hand in: sentences shuffled, one word in ten replaced."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    rng.shuffle(sentences)
    words = " ".join(sentences).split()
    return " ".join("really" if rng.random() < 0.1 else w for w in words)


def main() -> None:
    honest, models = honest_answers(), model_answers()
    print(f"threshold {copies.THRESHOLD}, answers under {copies.MIN_WORDS} words not compared")
    all_pairs, all_model = [], []
    for rubric in sorted(honest):
        answers = honest[rubric]
        pairs = [copies.similarity(a, b) for a, b in combinations(answers, 2)]
        vs_model = [copies.similarity(a, m) for a in answers for m in models.get(rubric, [])]
        all_pairs += pairs
        all_model += vs_model
        print(f"{rubric:32s} {len(answers):3d} answers: learner pairs max {max(pairs, default=0):.2f} "
              f"({sum(p >= copies.THRESHOLD for p in pairs)} of {len(pairs)} flagged); vs model max "
              f"{max(vs_model, default=0):.2f} ({sum(p >= copies.THRESHOLD for p in vs_model)} of {len(vs_model)} "
              "flagged)")
    print(f"overall: {len(all_pairs)} honest learner pairs, max {max(all_pairs):.2f}, 99th percentile "
          f"{statistics.quantiles(all_pairs, n=100)[98]:.3f}, false positives "
          f"{sum(p >= copies.THRESHOLD for p in all_pairs)}; {len(all_model)} honest-vs-model pairs, max "
          f"{max(all_model):.2f}, false positives {sum(p >= copies.THRESHOLD for p in all_model)}")
    rng = random.Random(7)
    disguised = [copies.similarity(disguise(m, rng), m) for ms in models.values() for m in ms]
    verbatim = [copies.similarity(m, m) for ms in models.values() for m in ms]
    print(f"model answers: verbatim {min(verbatim):.2f}-{max(verbatim):.2f}; disguised (shuffled, 10 % words "
          f"replaced) min {min(disguised):.2f}, mean {statistics.fmean(disguised):.2f}, flagged "
          f"{sum(d >= copies.THRESHOLD for d in disguised)} of {len(disguised)}")


if __name__ == "__main__":
    main()
