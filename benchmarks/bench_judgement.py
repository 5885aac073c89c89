"""How well the grader's judgement agrees with people, on text it was not trained on.

Per rubric and criterion it prints the new engine's agreement beside the old
engine's (a baseline revision graded in the same run, from ``git archive``) and,
for real writing, the second rater's agreement with the first on the same
criterion. Balanced accuracy is given where classes are unbalanced (the public
datasets, real help requests and commit messages). Spearman's rho relates the
score fraction to the holistic 0-3 grade.

Without ``--holdout`` only sets the grader may learn from are measured (useful
to compare with the baseline, meaningless as an estimate). ``--holdout`` adds
the held-out sets: the real-writing test split (repositories never trained on),
the blind course-answer hold-outs and the public datasets' test splits. Look
at those rarely and never tune on what they show.

    python benchmarks/bench_judgement.py [--holdout] [--baseline REV | --no-baseline] [--sets NAME,...]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.training import data  # noqa: E402
from grader.training.metrics import balanced_accuracy, spearman  # noqa: E402

# The last commit before the learned moves: the rule-only engine.
DEFAULT_BASELINE = "c9e5fd7"
# An answer to one of the course's exercises is graded with its brief, as the notebook grades it; an engine
# without that brief (an older revision) grades it without.
_RUNNER = """
import json, sys
import grader
from grader.rubric import rubric_ids
known = set(rubric_ids())
out = []
for rubric, text, brief in json.load(sys.stdin):
    if rubric not in known:  # an older engine without this rubric: nothing to compare
        out.append({"met": {}, "fraction": None})
        continue
    try:
        result = grader.check(text, rubric, brief) if brief else grader.check(text, rubric)
    except Exception as error:  # an older engine: no brief parameter, or not this brief
        if brief is None or type(error).__name__ not in ("TypeError", "UnknownBriefError", "BriefError"):
            raise
        result = grader.check(text, rubric)
    out.append({"met": {c.id: c.met for c in result.criteria}, "fraction": result.fraction})
json.dump(out, sys.stdout)
"""
# Answers an instructor grades low whatever criteria they tick: their score share is reported (goal: <= 40 %).
LOW_KINDS = ("offtopic", "off-brief", "harsh", "invented-facts")


def grade_with(tree: Path | None, jobs: list[tuple[str, str, str | None]]) -> list[dict]:
    """Grade (rubric, text, brief id or None) with the engine in ``tree`` (None: this tree), in a subprocess."""
    env_path = str(tree or ROOT)
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER], input=json.dumps(jobs), capture_output=True, text=True,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, cwd=env_path, check=False,
    )
    if proc.returncode:
        raise SystemExit(f"grading with {env_path} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def baseline_tree(rev: str) -> Path:
    target = Path(tempfile.gettempdir()) / f"multiplier-baseline-{rev}"
    if not (target / "grader").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "grader"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


# ------------------------------------------------------------------ the sets
def labeled_sets(holdout: bool) -> dict[str, list[data.Labeled]]:
    sets = {"../shared/calibration (trained on)": data.shared_calibration()}
    if holdout:
        real = data.real_writing()
        sets["real writing, test split (held out)"] = [i for i in real if i.split == "test"]
        sets["course answers, blind hold-out"] = data.course_holdout()
        for name, load in (("v2", data.v2_holdout), ("v3", data.v3_holdout), ("v4", data.v4_holdout)):
            if items := load():
                sets[f"course answers {name}, blind hold-out"] = items
    return sets


def public_sets(holdout: bool) -> dict[str, tuple[str, str, list[tuple[str, bool]]]]:
    """name -> (rubric, criterion, [(text, label)])."""
    if not holdout:
        return {}
    real = [i for i in data.real_writing() if i.split == "test"]
    sets = {
        "vcu-incivility test -> respectful-tone": (
            "pr-review/comment", "respectful-tone", [(r.text, r.label) for r in data.incivility() if r.split == "test"]),
        "revhelper useful -> suggests-path": (
            "pr-review/comment", "suggests-path", [(r.text, r.label) for r in data.review_usefulness()]),
        "nlbse rationale test -> readme explains-why": (
            "docs/readme-why", "explains-why", [(r.text, r.label) for r in data.comment_rationale() if r.split == "test"]),
    }
    for criterion in ("observed-behavior", "expected-behavior", "steps-to-reproduce"):
        sets[f"real help requests (test) -> {criterion}"] = (
            "async/help-request", criterion, [(i.text, i.labels[criterion]) for i in real if i.rubric == "async/help-request"])
    sets["real commits (test) -> explains-why"] = (
        "docs/commit-message", "explains-why", [(i.text, i.labels["explains-why"]) for i in real if i.rubric == "docs/commit-message"])
    return sets


# ------------------------------------------------------------------ measures
def second_rater_agreement() -> dict[tuple[str, str], float]:
    """Per (rubric, criterion): how often the second rater agrees with the first (whole sample)."""
    first = {i.id: i for i in data.real_writing()}
    hits = defaultdict(lambda: [0, 0])
    for item_id, labels in data.second_rater().items():
        if item_id not in first:
            continue
        item = first[item_id]
        for criterion, label in labels.items():
            if criterion in item.labels:
                hits[(item.rubric, criterion)][0] += item.labels[criterion] == label
                hits[(item.rubric, criterion)][1] += 1
                hits[(item.rubric, "*")][0] += item.labels[criterion] == label
                hits[(item.rubric, "*")][1] += 1
    return {k: v[0] / v[1] for k, v in hits.items()}


def report_labeled(name: str, items: list[data.Labeled], graded: dict[str, list[dict]], rater2: dict) -> None:
    engines = list(graded)
    print(f"\n=== {name}: {len(items)} texts ===")
    print(f"{'':44s}" + "".join(f"{e:>14s}" for e in engines) + f"{'2nd rater':>11s}{'n':>6s}")
    cells = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for engine, results in graded.items():
        for item, result in zip(items, results):
            for criterion, label in item.labels.items():
                if criterion not in result["met"]:
                    continue
                ok = result["met"][criterion] == label
                for key in ((item.rubric, criterion), (item.rubric, "*"), ("overall", "*")):
                    cells[key][engine][0] += ok
                    cells[key][engine][1] += 1
    for key in sorted(cells, key=lambda k: (k[0] == "overall", k)):
        rubric, criterion = key
        label = f"{rubric} (all criteria)" if criterion == "*" and rubric != "overall" else (
            "OVERALL" if rubric == "overall" else f"    {criterion}")
        row = f"{label:44s}" + "".join(
            f"{cells[key][e][0] / cells[key][e][1]:14.3f}" if cells[key][e][1] else f"{'-':>14s}" for e in engines)
        r2 = rater2.get(key) if "real writing" in name else None
        row += f"{r2:11.3f}" if r2 is not None else f"{'':11s}"
        print(row + f"{cells[key][engines[0]][1]:6d}")
    for engine, results in graded.items():
        graded_items = [(i, n) for n, i in enumerate(items) if i.grade is not None and results[n]["fraction"] is not None]
        xs = [results[n]["fraction"] for _, n in graded_items]
        ys = [float(i.grade) for i, _ in graded_items]
        line = f"  spearman(score, grade) [{engine}]: {spearman(xs, ys):+.3f} (n={len(xs)})"
        ex = [(results[n]["fraction"], float(i.grade)) for i, n in graded_items if i.exercise]
        if ex:
            line += f"; on answers with an exercise: {spearman([a for a, _ in ex], [b for _, b in ex]):+.3f} (n={len(ex)})"
        print(line)
        for kind in LOW_KINDS:
            shares = [results[n]["fraction"] for i, n in graded_items if i.kind == kind]
            if shares:
                over = sum(share > 0.4 + 1e-9 for share in shares)
                print(f"    {kind:15s} n={len(shares):3d}  score share mean {sum(shares) / len(shares):.2f}  "
                      f"max {max(shares):.2f}  above 40 %: {over}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holdout", action="store_true", help="also measure the held-out sets (look rarely)")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision of the old engine")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    if data.shared_dir() is None:
        print("../shared is absent: nothing to measure (set MULTIPLIER_SHARED to its path)")
        return 0
    trees = {"new": None}
    if not args.no_baseline:
        trees[f"old@{args.baseline}"] = baseline_tree(args.baseline)
    rater2 = second_rater_agreement()
    for name, items in labeled_sets(args.holdout).items():
        if not items:
            continue
        jobs = [(i.rubric, i.text, i.exercise) for i in items]
        report_labeled(name, items, {e: grade_with(t, jobs) for e, t in trees.items()}, rater2)
    public = public_sets(args.holdout)
    if public:
        print("\n=== balanced accuracy on public datasets and real documents (held out) ===")
        print(f"{'':52s}" + "".join(f"{e:>10s}" for e in trees) + f"{'n':>6s}")
    for name, (rubric, criterion, rows) in public.items():
        jobs = [(rubric, text, None) for text, _ in rows]
        cells = []
        for tree in trees.values():
            results = grade_with(tree, jobs)
            cells.append(balanced_accuracy([(r["met"][criterion], y) for r, (_, y) in zip(results, rows)]))
        print(f"{name:52s}" + "".join(f"{c:10.3f}" for c in cells) + f"{len(rows):6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
