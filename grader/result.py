"""The one result type every front door shows: widget, nbgrader step and CLI.

Why a frozen dataclass and an explicit ``to_dict``: the dict shape is a public
contract (the evaluation harness and the notebooks read it), so it is spelled
out here once instead of being whatever ``dataclasses.asdict`` happens to emit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True)
class CriterionResult:
    """How one rubric criterion came out for one answer."""

    id: str
    description: str
    points: float
    earned: float
    met: bool
    feedback: str
    spans: tuple[Span, ...] = ()  # whole sentences: the evidence when met, the closest candidate when missed
    move: str | None = None  # the sentence move that decided it (None: its rule check alone)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "description": self.description,
            "points": self.points,
            "earned": self.earned,
            "met": self.met,
            "feedback": self.feedback,
            "spans": [[start, end] for start, end in self.spans],
            "move": self.move,
        }


@dataclass(frozen=True)
class Suggestion:
    """An unscored stylistic hint: shown to the learner, never deducted."""

    message: str
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict:
        return {"message": self.message, "spans": [[start, end] for start, end in self.spans]}


@dataclass(frozen=True)
class Result:
    """The grade of one answer against one rubric, with the reasons for every point."""

    rubric: str
    title: str
    text: str
    criteria: tuple[CriterionResult, ...]
    suggestions: tuple[Suggestion, ...] = field(default=())

    @property
    def score(self) -> float:
        return round(sum(c.earned for c in self.criteria), 6)

    @property
    def max_score(self) -> float:
        return round(sum(c.points for c in self.criteria), 6)

    @property
    def fraction(self) -> float:
        """Score as a share of the maximum (0.0 for a rubric worth nothing)."""
        return self.score / self.max_score if self.max_score else 0.0

    def to_dict(self) -> dict:
        return {
            "rubric": self.rubric,
            "score": self.score,
            "max_score": self.max_score,
            "criteria": [c.to_dict() for c in self.criteria],
            "suggestions": [s.to_dict() for s in self.suggestions],
        }
