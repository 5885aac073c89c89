"""Per-item score distributions and per-criterion miss rates (pure functions over a Cohort)."""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from grader.report.data import Cohort, Item


@dataclass(frozen=True)
class ItemStats:
    item: Item
    scores: tuple[float, ...]
    mean: float
    median: float
    minimum: float
    maximum: float
    zeros: int
    full_marks: int
    overridden: int  # scores an instructor set by hand


@dataclass(frozen=True)
class CriterionStats:
    rubric: str
    criterion: str
    description: str
    points: float
    answers: int  # written (non-blank) answers graded with this rubric
    missed: int
    hint: str  # the hint a learner who missed it was shown
    items: tuple[str, ...]  # grade ids of the cells using this rubric

    @property
    def miss_rate(self) -> float:
        return self.missed / self.answers if self.answers else 0.0


def item_stats(cohort: Cohort) -> list[ItemStats]:
    by_item = defaultdict(list)
    for score in cohort.scores:
        by_item[(score.notebook, score.grade_id)].append(score)
    stats = []
    for item in cohort.items:
        entries = by_item.get((item.notebook, item.grade_id), [])
        values = tuple(float(e.score) for e in entries)
        stats.append(ItemStats(
            item=item, scores=values,
            mean=statistics.fmean(values) if values else 0.0,
            median=statistics.median(values) if values else 0.0,
            minimum=min(values, default=0.0), maximum=max(values, default=0.0),
            zeros=sum(1 for v in values if v == 0),
            full_marks=sum(1 for v in values if item.max_score and v >= item.max_score),
            overridden=sum(1 for e in entries if e.manual_score is not None),
        ))
    return stats


def criterion_stats(cohort: Cohort) -> list[CriterionStats]:
    """Miss rate of every rubric criterion over the written (non-blank) answers, most missed first."""
    counts: dict[tuple[str, str], dict] = {}
    for stored in cohort.results:
        if stored.status != "graded" or not stored.result:
            continue
        for criterion in stored.result["criteria"]:
            entry = counts.setdefault((stored.rubric, criterion["id"]), {
                "description": criterion["description"], "points": criterion["points"], "answers": 0,
                "missed": 0, "hint": "", "items": set(),
            })
            entry["answers"] += 1
            entry["items"].add(stored.grade_id)
            if not criterion["met"]:
                entry["missed"] += 1
                entry["hint"] = entry["hint"] or criterion["feedback"]
    stats = [
        CriterionStats(rubric, criterion, e["description"], e["points"], e["answers"], e["missed"], e["hint"],
                       tuple(sorted(e["items"])))
        for (rubric, criterion), e in counts.items()
    ]
    return sorted(stats, key=lambda s: (-s.miss_rate, -s.points, s.rubric, s.criterion))


def answer_status_counts(cohort: Cohort) -> dict[str, int]:
    """How many answer cells were graded, blank, or failed to grade."""
    counts = {"graded": 0, "blank": 0, "failed": 0}
    for stored in cohort.results:
        counts[stored.status] = counts.get(stored.status, 0) + 1
    return counts
