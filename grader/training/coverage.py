"""Build the exercises' coverage profiles (grader/models/coverage.json) from the labeled course answers.

    python -m grader.training.coverage [--out PATH]

(``python -m grader.training.train`` runs it too.) Reads only the project's own
training answers (``tests/calibration/*.yaml``, ``tests/calibration/v2/train/`` and
``tests/calibration/v2/coverage/``);
the validation set and the hold-outs never enter a profile. Deterministic: no
randomness, sorted keys, rounded weights; the file records the sha256 of its
body, which tests/test_training.py compares with a rebuild.

What is built (see grader/judgement/coverage.py for how grading uses it):

* ``idf``: smoothed inverse document frequency of every word that appears in two
  or more training answers to an exercise (English stop words dropped);
* per exercise, ``terms``: the mean unit TF-IDF vector of its on-task answers
  graded 2 or 3, its ``PROFILE_TERMS`` strongest words kept; and ``reference``:
  the median cosine of those answers with a profile built without their own
  writer (an answer's own words in the profile would flatter the figure; where
  one writer wrote them all, without the answer itself).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import statistics
from collections import defaultdict
from pathlib import Path

from grader.judgement.coverage import ARTIFACT, cosine, terms, vector
from grader.training import data

PROFILE_TERMS = 300
MIN_GOOD_ANSWERS = 8
MIN_DOCUMENT_FREQUENCY = 2
# Answers written on task: the kinds whose grade reflects how well the job is done, not a failure of another sort.
ON_TASK_KINDS = ("normal", "long", "terse", "templated")
GOOD_GRADE = 2
DIGITS = 5


def writer(item_id: str) -> str:
    """The writer batch an answer id belongs to ("tb-adr-004" -> "tb", "n7-desc-009" -> "n7")."""
    match = re.match(r"[a-z0-9]+", item_id)
    return match.group(0) if match else item_id


def stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def exercise_answers() -> list[data.Labeled]:
    """Training answers written to one of the course's exercises, with a holistic grade."""
    answers = data.course_answers() + data.v2_train() + data.coverage_answers()
    return [i for i in answers if i.exercise and i.grade is not None]


def inverse_document_frequency(texts: list[str], stop: frozenset[str]) -> dict[str, float]:
    frequency: dict[str, int] = defaultdict(int)
    for text in texts:
        for term in terms(text, stop):
            frequency[term] += 1
    n = len(texts)
    return {t: round(math.log((1 + n) / (1 + df)) + 1.0, DIGITS)
            for t, df in sorted(frequency.items()) if df >= MIN_DOCUMENT_FREQUENCY}


def _mean(vectors: list[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for v in vectors:
        for t, w in v.items():
            total[t] += w
    return {t: w / len(vectors) for t, w in total.items()}


def profile_of(vectors: list[dict[str, float]]) -> dict[str, float]:
    """The mean of answer vectors, its ``PROFILE_TERMS`` strongest words kept (rounded, sorted: deterministic)."""
    ranked = sorted(_mean(vectors).items(), key=lambda pair: (-pair[1], pair[0]))[:PROFILE_TERMS]
    return {t: round(w, DIGITS) for t, w in sorted(ranked)}


def good_vectors(answers: list[data.Labeled], idf: dict[str, float],
                 stop: frozenset[str]) -> dict[str, list[tuple[str, dict[str, float]]]]:
    """Per exercise, (writer, vector) of the on-task answers graded ``GOOD_GRADE`` or better: what a profile is."""
    good: dict[str, list[tuple[str, dict[str, float]]]] = defaultdict(list)
    for item in answers:
        if item.exercise and item.grade is not None and item.grade >= GOOD_GRADE and item.kind in ON_TASK_KINDS:
            good[item.exercise].append((writer(item.id), vector(item.text, idf, stop)))
    return good


def build() -> dict:
    stop = stop_words()
    answers = exercise_answers()
    idf = inverse_document_frequency([i.text for i in answers], stop)
    good = good_vectors(answers, idf, stop)
    profiles = {}
    for exercise in sorted(good):
        rows = good[exercise]
        if len(rows) < MIN_GOOD_ANSWERS:
            continue
        if len({w for w, _ in rows}) == 1:  # one writer: hold out each answer instead of each writer
            rows = [(str(index), v) for index, (_, v) in enumerate(rows)]
        own = []
        for name in sorted({w for w, _ in rows}):
            profile = profile_of([v for w, v in rows if w != name])
            own += [cosine(v, profile) for w, v in rows if w == name]
        reference = statistics.median(own)
        profiles[exercise] = {"terms": profile_of([v for _, v in rows]), "reference": round(reference, DIGITS),
                              "answers": len(rows)}
    body = {"version": 1, "stop": sorted(stop), "idf": idf, "profiles": profiles}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()
    return {"sha256": digest, **body}


def write(out: Path) -> dict:
    result = build()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the exercises' coverage profiles (grader/models/coverage.json).")
    parser.add_argument("--out", type=Path, default=ARTIFACT)
    args = parser.parse_args(argv)
    result = write(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB), sha256 {result['sha256'][:16]}, "
          f"{len(result['profiles'])} exercise profiles over {len(result['idf'])} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
