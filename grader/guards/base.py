"""What a guard sees and what it reports.

Why guards are separate from criteria: a criterion asks "does this answer do X?";
a guard asks "is this answer really an answer?" — repeated key phrases, the
rubric's own hints pasted back, an unfilled template, "Decision: TBD", a
well-formed comment about a different system. A guard never adds points: it
vetoes named criteria or caps the score, and says why in the feedback.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from grader.analysis import Analysis
    from grader.briefs import Brief
    from grader.guards.prepare import Prepared
    from grader.normalize import Normalized
    from grader.result import CriterionResult
    from grader.rubric import Rubric

Span = tuple[int, int]
# Guards read at most this much of an answer (about 5,000 words, twenty times a long answer): what an
# answer is made of shows in its first pages, and a 100,000-word paste must still grade in seconds.
GUARD_WINDOW = 30_000

# Words as the guards count them: letters/digits with inner apostrophes or dots
# (`1.2`, `don't`). Guards tokenise for themselves so they depend on nothing of
# the analysis but its text and sentence spans.
WORD = re.compile(r"[^\W_]+(?:['\u2019.][^\W_]+)*")


@dataclass(frozen=True)
class Finding:
    """One guard's verdict on one answer.

    ``cap`` is the highest share of the rubric's points the answer may keep
    (``None``: no cap); ``vetoes`` the criterion ids it may not earn;
    ``for_instructor`` asks a person to look (nbgrader flags the cell).
    Spans index the text the guard read (the normalised answer).
    """

    guard: str
    message: str
    spans: tuple[Span, ...] = ()
    cap: float | None = None
    vetoes: tuple[str, ...] = ()
    for_instructor: bool = False
    spans_in_original: bool = False


@dataclass(frozen=True)
class GuardContext:
    """Everything a guard may read: the analysis, the rubric, the brief, the decided criteria."""

    analysis: "Analysis"
    rubric: "Rubric"
    prepared: "Prepared"
    criteria: tuple["CriterionResult", ...]
    brief: "Brief | None" = None

    @property
    def normalized(self) -> "Normalized":
        return self.prepared.normalized

    @property
    def text(self) -> str:
        """The text the checks read (normalised, placeholders blanked; offsets as in ``normalized.text``),
        up to ``GUARD_WINDOW`` characters."""
        return self.prepared.text[:GUARD_WINDOW]

    def words(self, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        return list(WORD.finditer(self.text, start, len(self.text) if end is None else end))

    @staticmethod
    def words_in(text: str) -> list[re.Match[str]]:
        return list(WORD.finditer(text))

    def sentences(self) -> list[Span]:
        """Sentence spans from the analysis (the one thing guards take from it besides the text)."""
        return [s for s in self.analysis.sentences if s[1] <= GUARD_WINDOW]


Guard = Callable[[GuardContext], "Finding | None"]
