"""The one result type every front door shows: widget, nbgrader step and CLI.

Why a frozen dataclass and an explicit ``to_dict``: the dict shape is a public
contract (the evaluation harness and the notebooks read it), so it is spelled
out here once instead of being whatever ``dataclasses.asdict`` happens to emit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.judgement.coverage import Coverage

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
class Flag:
    """A guard's finding: what it saw and where; ``for_instructor`` asks a person to look."""

    name: str
    message: str
    spans: tuple[Span, ...] = ()
    for_instructor: bool = False

    def to_dict(self) -> dict:
        return {"name": self.name, "message": self.message, "for_instructor": self.for_instructor,
                "spans": [[start, end] for start, end in self.spans]}


@dataclass(frozen=True)
class Cap:
    """A ceiling on the score: at most ``at_most`` of the points, because ``because``."""

    at_most: float
    because: str
    source: str

    @property
    def message(self) -> str:
        """The sentence the feedback shows: "Capped at 40 % of the points because ..." """
        share = f"{self.at_most:.0%}".replace("%", " %")
        if self.source.startswith("missed:"):
            return f"Capped at {share} of the points because {self.because.rstrip('.')}."
        return f"Capped at {share} of the points ({self.source}): {self.because}"

    def to_dict(self) -> dict:
        return {"at_most": self.at_most, "because": self.because, "source": self.source, "message": self.message}


@dataclass(frozen=True)
class Result:
    """The grade of one answer against one rubric, with the reasons for every point."""

    rubric: str
    title: str
    text: str
    criteria: tuple[CriterionResult, ...]
    suggestions: tuple[Suggestion, ...] = field(default=())
    flags: tuple[Flag, ...] = field(default=())
    caps: tuple[Cap, ...] = field(default=())
    # How much of the exercise's problem the answer deals with (only when graded with an exercise's brief that
    # has a coverage profile; see grader/judgement/coverage.py): it can take a small share of the score away.
    coverage: Coverage | None = None

    @property
    def uncapped_score(self) -> float:
        """The sum of the points the criteria earned, before any cap."""
        return round(sum(c.earned for c in self.criteria), 6)

    @property
    def cap(self) -> Cap | None:
        """The cap that binds (the lowest), if any."""
        return min(self.caps, key=lambda c: c.at_most) if self.caps else None

    @property
    def capped_score(self) -> float:
        """Points earned after the binding cap (an answer a guard or a gate caps cannot score above it)."""
        cap = self.cap
        if cap is None:
            return self.uncapped_score
        return round(min(self.uncapped_score, cap.at_most * self.max_score), 6)

    @property
    def cap_binds(self) -> bool:
        """A cap lowered the score (the feedback then says why)."""
        return self.cap is not None and self.capped_score < self.uncapped_score

    @property
    def coverage_lowers(self) -> bool:
        """Coverage of the exercise's problem took a share of the score (the feedback then says so)."""
        return self.coverage is not None and self.coverage.deduction > 0

    @property
    def score(self) -> float:
        """Points earned, capped, less the share that the coverage of the exercise's problem takes away
        (rounded to hundredths of a point: the feedback shows it)."""
        if not self.coverage_lowers:
            return self.capped_score
        return round(self.capped_score * (1.0 - self.coverage.deduction), 2)

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
            "uncapped_score": self.uncapped_score,
            "caps": [c.to_dict() for c in self.caps],
            "flags": [f.to_dict() for f in self.flags],
            "coverage": self.coverage.to_dict() if self.coverage is not None else None,
        }
