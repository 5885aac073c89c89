"""``repetition``: the same phrases over and over instead of a point made once.

Measured as the share of the answer's words that sit inside a three-word
phrase used at least ``MIN_REPEATS`` times. Real answers repeat a name or an
identifier, rarely a three-word phrase three times; keyword stuffing does it
all the time. Code, quoted lines (``>``) and trailers (``Signed-off-by:``) are not
counted: a pasted log repeats itself honestly. Threshold: ``MIN_SHARE`` of the
words (answers of at least ``MIN_WORDS`` words); on 750 real documents, the
highest share outside logs was about 0.55. Default cap: 25 % of the points.
"""
from __future__ import annotations

from collections import Counter
import re

from grader.guards.base import WORD, Finding, GuardContext

NAME = "repetition"
CAP = 0.25
MIN_REPEATS = 3
MIN_SHARE = 0.6
MIN_WORDS = 15
_NOT_PROSE = re.compile(
    r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[ \t]*$|\Z)|`[^`\n]+`|^[ \t]*>[^\n]*|^[ \t]*[\w-]+-by:[^\n]*"
    r"|^(?: {4}|\t)[^\n]*",
    re.MULTILINE | re.DOTALL,
)


def check(context: GuardContext) -> Finding | None:
    prose = _NOT_PROSE.sub(lambda m: " " * len(m.group()), context.text)
    words = list(WORD.finditer(prose))
    if len(words) < MIN_WORDS:
        return None
    lowered = [w.group().lower() for w in words]
    grams = list(zip(lowered, lowered[1:], lowered[2:]))
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
