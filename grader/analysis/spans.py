"""Small helpers over sorted span lists, all O(log n) per query so checks stay linear."""
from __future__ import annotations

from bisect import bisect_right

Span = tuple[int, int]


def covering(spans: list[Span], starts: list[int], offset: int) -> Span | None:
    """The span in sorted, non-overlapping ``spans`` that contains ``offset``."""
    i = bisect_right(starts, offset) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return spans[i]
    return None


def merge(spans: list[Span]) -> list[Span]:
    """Sorted union of possibly overlapping spans."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class SpanSet:
    """A merged set of spans answering "is this offset inside?" in O(log n)."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = merge(spans)
        self._starts = [s for s, _ in self.spans]

    def contains(self, offset: int) -> bool:
        return covering(self.spans, self._starts, offset) is not None

    def contains_span(self, span: Span) -> bool:
        found = covering(self.spans, self._starts, span[0])
        return found is not None and span[1] <= found[1]

    def __bool__(self) -> bool:
        return bool(self.spans)
