"""Loaders for every labeled text the moves are trained and measured on.

Why one loader module: training and the benchmark must see the same items and
the same splits, or a held-out figure silently includes training data. The
splits are deterministic (zlib.crc32 of the source repository, never Python's
salted ``hash``), and no repository has texts on both sides.

Held-out sets (never trained or tuned on): the real-writing test split, the
blind course-answer hold-outs ``tests/calibration/holdout/``,
``tests/calibration/v3/holdout/`` and ``tests/calibration/v4/holdout/``, and the test splits of the public
datasets. ``tests/calibration/v2/holdout/`` is the validation set (``validation_items``): it picks the decider per
criterion.
"""
from __future__ import annotations

import csv
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from grader.yaml_data import load_yaml

ROOT = Path(__file__).resolve().parents[2]
CALIBRATION = ROOT / "tests" / "calibration"
# One repository in five goes to the real-writing test split.
TEST_BUCKETS = 5
_REPO = re.compile(r"([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)")


def shared_dir() -> Path | None:
    """``../shared`` next to the repository (or $MULTIPLIER_SHARED); None when absent (then skip)."""
    candidates = [os.environ.get("MULTIPLIER_SHARED", "")]
    candidates += [str(parent / "shared") for parent in ROOT.parents[:3]]
    for candidate in candidates:
        if candidate and (Path(candidate) / "data").is_dir():
            return Path(candidate)
    return None


@dataclass(frozen=True)
class Labeled:
    """One labeled text: per-criterion labels, and evidence substrings where the labeler gave them."""

    id: str
    rubric: str
    text: str
    labels: dict[str, bool]
    origin: str  # real-writing | shared-calibration | course | v2 | course-holdout | v2-holdout
    split: str  # train | test
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    grade: float | None = None
    source: str = ""
    kind: str = ""
    exercise: str | None = None


def repository(source: str) -> str:
    """The ``owner/name`` a real text comes from (the unit of the train/test split)."""
    match = _REPO.search(source or "")
    return match.group(1).lower() if match else (source or "").lower()


def split_of(repo: str) -> str:
    return "test" if zlib.crc32(repo.encode("utf-8")) % TEST_BUCKETS == 0 else "train"


def _quotes(raw: object) -> tuple[str, ...]:
    """The non-blank strings of a labeler's list of quoted evidence (anything else is ignored)."""
    return tuple(q for q in raw or () if isinstance(q, str) and q.strip()) if isinstance(raw, list) else ()


def _criteria(raw: dict) -> tuple[dict[str, bool], dict[str, tuple[str, ...]]]:
    labels, evidence = {}, {}
    for criterion, value in (raw or {}).items():
        if isinstance(value, dict):
            labels[criterion] = bool(value.get("met"))
            evidence[criterion] = _quotes(value.get("evidence"))
        else:
            labels[criterion] = bool(value)
    return labels, evidence


def _read_yaml(path: Path) -> list[dict]:
    data = load_yaml(path.read_text(encoding="utf-8")) or []
    return [item for item in data if isinstance(item, dict) and "text" in item and "criteria" in item]


def _items(paths: list[Path], origin: str, split: str) -> list[Labeled]:
    out = []
    for path in paths:
        for item in _read_yaml(path):
            labels, evidence = _criteria(item["criteria"])
            out.append(Labeled(
                id=str(item.get("id", f"{path.stem}-{len(out)}")), rubric=item["rubric"], text=item["text"],
                labels=labels, evidence=evidence, origin=origin, split=split, grade=item.get("grade"),
                source=str(item.get("source", "")), kind=str(item.get("kind", "")), exercise=item.get("exercise"),
            ))
    return out


def real_writing() -> list[Labeled]:
    """The 760 real documents, each tagged train/test by its repository."""
    shared = shared_dir()
    if shared is None:
        return []
    folder = shared / "data" / "real-writing"
    paths = sorted(p for p in folder.glob("*.yaml") if p.name != "second-rater-sample.yaml")
    items = _items(paths, "real-writing", "train")
    return [_with_split(item, split_of(repository(item.source))) for item in items]


def _with_split(item: Labeled, split: str) -> Labeled:
    from dataclasses import replace

    return replace(item, split=split)


def second_rater() -> dict[str, dict[str, bool]]:
    """The second, blind rater's labels for a sample of the real documents, by id."""
    shared = shared_dir()
    if shared is None:
        return {}
    path = shared / "data" / "real-writing" / "second-rater-sample.yaml"
    data = load_yaml(path.read_text(encoding="utf-8")) or []
    return {item["id"]: _criteria(item["criteria"])[0] for item in data}


def shared_calibration() -> list[Labeled]:
    """``../shared/calibration/answers.yaml`` (96 answers by an independent grader)."""
    shared = shared_dir()
    if shared is None:
        return []
    return _items([shared / "calibration" / "answers.yaml"], "shared-calibration", "train")


def course_answers() -> list[Labeled]:
    """The project's own labeled answers (``tests/calibration/*.yaml``, document-level labels)."""
    return _items(sorted(CALIBRATION.glob("*.yaml")), "course", "train")


def v2_train() -> list[Labeled]:
    """New labeled answers with evidence sentences (``tests/calibration/v2/train/``)."""
    return _items(sorted((CALIBRATION / "v2" / "train").glob("*.yaml")), "v2", "train")


def coverage_answers() -> list[Labeled]:
    """Labeled answers to the course's exercises that build only the coverage profiles
    (``tests/calibration/v2/coverage/``, see grader/training/coverage.py), not the moves: in move training the
    session-10 answers flipped two of the course's own examples (see the folder's README)."""
    return _items(sorted((CALIBRATION / "v2" / "coverage").glob("*.yaml")), "v2-coverage", "train")


def course_holdout() -> list[Labeled]:
    """Blind hold-out (never for training or tuning; the benchmark reads it)."""
    return _items(sorted((CALIBRATION / "holdout").glob("*.yaml")), "course-holdout", "test")


def v2_holdout() -> list[Labeled]:
    """The second blind hold-out; since session 3 the validation set (see ``validation_items``)."""
    return _items(sorted((CALIBRATION / "v2" / "holdout").glob("*.yaml")), "v2-holdout", "test")


def validation_items() -> list[Labeled]:
    """Answers that choose, per criterion, between the rule check and the learned decision.

    The v2 hold-out (written blind by a labeler whose answers are not in training)
    serves as the validation set: training never fits a weight on it, it only
    compares the two deciders there. Figures on it are therefore no longer
    held-out figures; ``tests/calibration/v3/holdout`` took its place.
    """
    return v2_holdout()


def v3_holdout() -> list[Labeled]:
    """The third blind hold-out (session 3), written after the moves existed and measured once per release."""
    return _items(sorted((CALIBRATION / "v3" / "holdout").glob("*.yaml")), "v3-holdout", "test")


def v4_holdout() -> list[Labeled]:
    """The fourth blind hold-out (session 9), written after the v3 hold-out had been looked at six times, so
    that one set of course answers is still measured fresh."""
    return _items(sorted((CALIBRATION / "v4" / "holdout").glob("*.yaml")), "v4-holdout", "test")


def tone_evidence() -> dict[str, tuple[str, ...]]:
    """The sentences that carry the tone of each training answer its writer wrote harsh, by ``origin:id``.

    Answers to rubrics without a tone criterion (an ADR, a pitch, a status update) were written harsh on
    purpose (``kind: harsh``) but never labeled for tone; ``tests/calibration/tone-evidence.yaml`` quotes,
    per answer, what a tactful editor would strike (labeled from the texts alone, without the grader's
    output), so the tone model learns which sentence does the damage, not only that some sentence does.
    """
    path = CALIBRATION / "tone-evidence.yaml"
    if not path.is_file():
        return {}
    data = load_yaml(path.read_text(encoding="utf-8")) or []
    return {str(item["id"]): _quotes(item.get("offending")) for item in data if isinstance(item, dict) and "id" in item}


@dataclass(frozen=True)
class ToneText:
    """A text written to teach tone only: harsh (with the quotes that make it so) or civil."""

    id: str
    rubric: str
    text: str
    harsh: bool
    offending: tuple[str, ...]


def tone_texts() -> list[ToneText]:
    """``tests/calibration/tone/*.yaml``: texts labeled for tone only (see the files' headers)."""
    out = []
    for path in sorted((CALIBRATION / "tone").glob("*.yaml")):
        for item in load_yaml(path.read_text(encoding="utf-8")) or []:
            if isinstance(item, dict) and item.get("kind") in ("harsh", "civil") and item.get("text"):
                out.append(ToneText(str(item["id"]), str(item["rubric"]), item["text"], item["kind"] == "harsh",
                                    _quotes(item.get("offending"))))
    return out


def training_items() -> list[Labeled]:
    """Everything the moves may learn from: real-writing train split, course answers, shared calibration, v2 train."""
    real = [item for item in real_writing() if item.split == "train"]
    return real + course_answers() + shared_calibration() + v2_train()


# ---------------------------------------------------------------- public datasets
@dataclass(frozen=True)
class PublicRow:
    """One row of a public dataset mapped to one rubric criterion (``label`` = criterion met)."""

    id: str
    text: str
    label: bool
    group: str
    split: str
    evidence: str = ""  # the labeled segment, where the dataset gives one


def _csv(name: str) -> list[dict]:
    shared = shared_dir()
    if shared is None:
        return []
    path = shared / "data" / "real-labeled" / name / "data.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def incivility() -> list[PublicRow]:
    """vcu-incivility: civil comment = respectful tone met. Split by issue thread."""
    rows = []
    for row in _csv("vcu-incivility"):
        if row["text"].strip():
            group = row["issue_id"]
            rows.append(PublicRow(row["id"], row["text"], row["label"] == "civil", group, split_of("vcu/" + group)))
    return rows


def review_usefulness() -> list[PublicRow]:
    """revhelper: a useful review comment (led to a change) ~ suggests a path. Measured only, never trained on."""
    return [
        PublicRow(row["id"], row["text"], row["label"] == "useful", row["pr_number"], "test")
        for row in _csv("revhelper-review-usefulness") if row["text"].strip()
    ]


def comment_rationale() -> list[PublicRow]:
    """nlbse: a Java comment with a rationale segment = explains why. Split by project."""
    return [
        PublicRow(row["id"], row["text"], row["cat_rational"] == "1", row["project"],
                  split_of("nlbse/" + row["project"].lower()), row.get("rationale_segment") or "")
        for row in _csv("nlbse-code-comment-rationale") if row["text"].strip()
    ]
