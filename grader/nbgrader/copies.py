"""Copies: answers that repeat the model answer in ``solutions/``, or another learner's answer.

A copied answer is flagged, never scored differently: the instructor decides.
Similarity is the Jaccard index of word 3-gram shingles (lower-cased words, so
changed punctuation or line breaks do not hide a copy). Two independent answers
to the same prompt share single words and a few phrases, rarely runs of three
words. Measured with benchmarks/bench_copies.py on the 400 human-written answers
of the calibration sets (9,800 pairs of answers to the same rubric, 650 pairs
against the model answers): the highest honest pair scored 0.15 (99th percentile
0.011), no honest pair reached ``THRESHOLD``; a model answer with its sentences
shuffled and one word in ten replaced still scored 0.42 or more. 0.3 sits
between the two with room on both sides.
Short answers (under ``MIN_WORDS`` words, e.g. a one-line commit subject) are
not compared: two honest one-liners can coincide.
"""
from __future__ import annotations

import re
from itertools import combinations

THRESHOLD = 0.3
MIN_WORDS = 25
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def shingles(text: str, size: int = 3) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return frozenset(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def similarity(first: str, second: str) -> float:
    """Jaccard index of the two texts' word 3-gram shingles (0 when either is too short to compare)."""
    if min(len(_WORD.findall(first.lower())), len(_WORD.findall(second.lower()))) < MIN_WORDS:
        return 0.0
    a, b = shingles(first), shingles(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def copies_model(answer: str, model: str) -> float | None:
    """The similarity to the model answer when it is high enough to flag, else None."""
    value = similarity(answer, model)
    return value if value >= THRESHOLD else None


def near_duplicates(answers: dict[str, str]) -> list[tuple[str, str, float]]:
    """Pairs of learners (a, b, similarity) whose answers to one item are near-duplicates, most similar first."""
    prepared = {who: (shingles(text), len(_WORD.findall(text.lower()))) for who, text in answers.items()}
    pairs = []
    for (first, (a, n)), (second, (b, m)) in combinations(sorted(prepared.items()), 2):
        if min(n, m) < MIN_WORDS or not a or not b:
            continue
        value = len(a & b) / len(a | b)
        if value >= THRESHOLD:
            pairs.append((first, second, value))
    return sorted(pairs, key=lambda p: -p[2])
