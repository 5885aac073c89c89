"""Charts as PNG bytes (matplotlib, Agg backend: no display, no network, no fonts to fetch)."""
from __future__ import annotations

import base64
import io
import math

from grader.report.analytics import CriterionStats, ItemStats


def _figure_png(fig) -> bytes:  # noqa: ANN001 - matplotlib Figure
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def score_histograms(stats: list[ItemStats]) -> bytes:
    """One small histogram per graded item: how many learners got which score."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    columns = min(3, max(1, len(stats)))
    rows = max(1, math.ceil(len(stats) / columns))
    fig = Figure(figsize=(4.2 * columns, 2.6 * rows))
    for index, item in enumerate(stats):
        ax = fig.add_subplot(rows, columns, index + 1)
        top = item.item.max_score or 1
        bins = [top * i / 10 for i in range(11)]
        ax.hist(item.scores, bins=bins, color="#4c72b0", edgecolor="white")
        ax.set_title(f"{item.item.grade_id} ({item.item.kind})", fontsize=9)
        ax.set_xlim(0, top)
        ax.set_xlabel(f"score / {top:g}", fontsize=8)
        ax.set_ylabel("learners", fontsize=8)
        ax.tick_params(labelsize=7)
    fig.tight_layout()
    return _figure_png(fig)


def miss_rates(stats: list[CriterionStats], limit: int = 15) -> bytes:
    """Horizontal bars: share of written answers that missed each criterion (most missed on top)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    shown = stats[:limit][::-1]
    fig = Figure(figsize=(8, 0.38 * max(3, len(shown)) + 0.8))
    ax = fig.add_subplot(1, 1, 1)
    labels = [f"{s.rubric} · {s.criterion}" for s in shown]
    ax.barh(labels, [100 * s.miss_rate for s in shown], color="#dd8452")
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of written answers that missed it", fontsize=8)
    ax.tick_params(labelsize=7)
    fig.tight_layout()
    return _figure_png(fig)
