"""How far two human labelers agree on the project's labeled answers (the ceiling for the grader).

The first labelers' files are ``tests/calibration/v2/{train,holdout}/*.yaml`` and the v3 and v4 hold-outs; a
second labeler, who never saw those labels, labeled a stable 20 % sample of them into
``tests/calibration/v2/second/*.yaml`` (``id``,
``criteria: {criterion: true|false}``, ``grade``). This prints, per rubric and criterion, raw agreement and
Cohen's kappa: raw agreement alone flatters criteria that are nearly always met, kappa corrects for chance.

    python benchmarks/bench_label_agreement.py                  # the agreement table
    python benchmarks/bench_label_agreement.py --blind-sample D # write the sample, labels stripped, into D

The sample is chosen by a hash of each answer's id, so it does not depend on file order and grows stably
when labelers add answers.
"""
from __future__ import annotations

import argparse
import sys
import zlib
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.training.metrics import spearman  # noqa: E402
V2 = ROOT / "tests" / "calibration" / "v2"
FIRST_DIRS = (V2 / "train", V2 / "coverage", V2 / "holdout", ROOT / "tests" / "calibration" / "v3" / "holdout",
              ROOT / "tests" / "calibration" / "v4" / "holdout")
SECOND_DIR = V2 / "second"
SAMPLE_PERCENT = 20


def in_sample(answer_id: str) -> bool:
    """Stable membership of the second labeler's sample (crc32, never Python's salted ``hash``)."""
    return zlib.crc32(answer_id.encode("utf-8")) % 100 < SAMPLE_PERCENT


def load_first() -> dict[str, dict]:
    items: dict[str, dict] = {}
    for folder in FIRST_DIRS:
        for path in sorted(folder.glob("*.yaml")):
            for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
                items[item["id"]] = item
    return items


def met(value: object) -> bool:
    """A label is ``true``/``false`` or ``{met: …, evidence: […]}``."""
    return bool(value["met"]) if isinstance(value, dict) else bool(value)


def cohen_kappa(pairs: list[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa for two raters' yes/no labels; None when chance agreement is total (kappa undefined)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    p_a = sum(a for a, _ in pairs) / n
    p_b = sum(b for _, b in pairs) / n
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def second_labeled() -> set[str]:
    """Ids the second labeler has already labeled (a new sample leaves them out)."""
    done: set[str] = set()
    for path in sorted(SECOND_DIR.glob("*.yaml")):
        done.update(item["id"] for item in yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return done


def write_blind_sample(first: dict[str, dict], out: Path) -> int:
    """The sampled answers not yet second-labeled, every label removed, one file per rubric."""
    by_rubric: dict[str, list[dict]] = defaultdict(list)
    done = second_labeled()
    for answer_id, item in sorted(first.items()):
        if in_sample(answer_id) and answer_id not in done:
            blind = {"id": answer_id, "rubric": item["rubric"], "text": item["text"]}
            if item.get("exercise"):
                blind["exercise"] = item["exercise"]
            by_rubric[item["rubric"]].append(blind)
    out.mkdir(parents=True, exist_ok=True)
    for rubric, items in by_rubric.items():
        path = out / (rubric.replace("/", "-") + ".yaml")
        path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return sum(len(items) for items in by_rubric.values())


def agreement_table(first: dict[str, dict]) -> str:
    pairs: dict[tuple[str, str], list[tuple[bool, bool]]] = defaultdict(list)
    by_set: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    grades: list[tuple[int, int]] = []
    for path in sorted(SECOND_DIR.glob("*.yaml")):
        for second in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            original = first.get(second["id"])
            if original is None:
                continue
            for criterion, value in second["criteria"].items():
                if criterion in original["criteria"]:
                    pair = (met(original["criteria"][criterion]), met(value))
                    pairs[(original["rubric"], criterion)].append(pair)
                    by_set[_set_of(second["id"])].append(pair)
            if "grade" in second:
                grades.append((int(original["grade"]), int(second["grade"])))
    if not pairs:
        return f"no second labels yet in {SECOND_DIR.relative_to(ROOT)}"
    lines = [f"{'rubric / criterion':52} {'n':>4} {'agree':>6} {'kappa':>6}"]
    by_rubric: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for (rubric, criterion), labels in sorted(pairs.items()):
        by_rubric[rubric].extend(labels)
        lines.append(_row(f"  {rubric} {criterion}", labels))
    lines.append("")
    for rubric, labels in sorted(by_rubric.items()):
        lines.append(_row(rubric, labels))
    lines.append("")
    for name, labels in sorted(by_set.items()):
        lines.append(_row(f"set {name}", labels))
    everything = [pair for labels in pairs.values() for pair in labels]
    lines.append(_row("all judgements", everything))
    if grades:
        exact = sum(a == b for a, b in grades) / len(grades)
        within_one = sum(abs(a - b) <= 1 for a, b in grades) / len(grades)
        rho = spearman([float(a) for a, _ in grades], [float(b) for _, b in grades])
        lines.append(f"holistic grade: {len(grades)} answers, exact {exact:.3f}, within one {within_one:.3f}, "
                     f"Spearman {rho:.3f} (the ceiling for Spearman(score, grade))")
    return "\n".join(lines)


def _set_of(answer_id: str) -> str:
    """The labeled set an id belongs to, by its prefix (e.g. ``d`` real-style help requests, ``h3`` hold-out v3)."""
    return answer_id.split("-", 1)[0]


def _row(name: str, labels: list[tuple[bool, bool]]) -> str:
    agree = sum(a == b for a, b in labels) / len(labels)
    kappa = cohen_kappa(labels)
    return f"{name:52} {len(labels):>4} {agree:>6.3f} {'n/a' if kappa is None else f'{kappa:.3f}':>6}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blind-sample", type=Path, metavar="DIR", help="write the unlabeled sample into DIR")
    args = parser.parse_args()
    first = load_first()
    if args.blind_sample:
        count = write_blind_sample(first, args.blind_sample)
        print(f"wrote {count} of {len(first)} answers ({SAMPLE_PERCENT} % sample) to {args.blind_sample}")
        return 0
    print(agreement_table(first))
    return 0


if __name__ == "__main__":
    sys.exit(main())
