"""``repetition``: the same phrases over and over instead of a point made once.

Measured as the share of the answer's words that sit inside a three-word
phrase used at least ``MIN_REPEATS`` times. Real answers repeat a name or an
identifier, rarely a three-word phrase three times; keyword stuffing does it
all the time. Threshold: ``MIN_SHARE`` of the words (answers of at least
``MIN_WORDS`` words). Default cap: 25 % of the points.
"""
from __future__ import annotations

from collections import Counter

from grader.guards.base import Finding, GuardContext

NAME = "repetition"
CAP = 0.25
MIN_REPEATS = 3
MIN_SHARE = 0.4
MIN_WORDS = 15


def check(context: GuardContext) -> Finding | None:
    words = context.words()
    if len(words) < MIN_WORDS:
        return None
    lowered = [w.group().lower() for w in words]
    grams = [tuple(lowered[i:i + 3]) for i in range(len(lowered) - 2)]
    counts = Counter(grams)
    covered = set()
    for i, gram in enumerate(grams):
        if counts[gram] >= MIN_REPEATS:
            covered.update((i, i + 1, i + 2))
    share = len(covered) / len(words)
    if share < MIN_SHARE:
        return None
    top = [" ".join(g) for g, n in counts.most_common(3) if n >= MIN_REPEATS]
    spans = tuple((words[i].start(), words[i].end()) for i in sorted(covered))
    return Finding(NAME, f"{share:.0%} of this answer repeats the same phrases ('{top[0]}' and more); "
                         "a point made once, with its specifics, counts for more than a phrase said many times.",
                   spans=_runs(spans), cap=CAP)


def _runs(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] <= 2:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)
