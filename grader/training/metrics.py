"""Agreement statistics shared by the calibration tests and the judgement benchmark.

Why here and not in each caller: the tests' floors and the benchmark's printed
figures must be the same computation, or a floor could pass on a number the
model card does not report.
"""
from __future__ import annotations


def average_ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def balanced_accuracy(pairs: list[tuple[bool, bool]]) -> float:
    """Mean recall over the two classes of (predicted, label) pairs (0.0 for no pairs)."""
    recalls = [sum(p == cls for p, y in pairs if y == cls) / n
               for cls in (True, False) if (n := sum(y == cls for _, y in pairs))]
    return sum(recalls) / len(recalls) if recalls else 0.0


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rho with average ranks for ties; NaN when it is undefined (fewer than 3 pairs, or a constant side)."""
    if len(xs) < 3:
        return float("nan")
    rx, ry = average_ranks(xs), average_ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else float("nan")
