"""Reading a written answer out of a notebook cell.

A written answer is a code cell whose first line is ``%%answer <rubric-id>`` (optionally
followed by ``--brief <assignment>/<grade_id>``, the exercise's brief in ``grader/briefs/``)
and whose body is free prose. The magic (in the kernel), ``softskills progress`` and
the nbgrader step (both from the saved file) must all agree on what "the answer"
is, so the parsing lives here and nowhere else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAGIC = "%%answer"
# What a released exercise holds before the learner writes anything. The
# nbgrader glue writes it in place of the model answer; the parser drops it so
# an untouched exercise is an empty answer, not a graded sentence.
PLACEHOLDER = "<!-- Write your answer here, replacing this line. Then run the cell (Shift+Enter) for feedback. -->"
_HEADER = re.compile(
    r"\A[ \t]*%%answer(?:[ \t]+(?!--)(?P<rubric>[^\s]+))?(?:[ \t]+--brief(?:[ \t]+|=)(?P<brief>[^\s]+))?[ \t]*"
    r"(?:\r\n|\n|\r|\Z)"
)
_SOLUTION_DELIMITER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class AnswerCell:
    """A parsed answer cell: which rubric (and brief, if any) it names and the learner's prose."""

    rubric: str | None
    text: str
    brief: str | None = None


def is_answer_cell(source: str) -> bool:
    """True when a cell's source starts with the ``%%answer`` magic line."""
    return bool(_HEADER.match(source or ""))


def parse_answer_cell(source: str) -> AnswerCell | None:
    """Split an answer cell into its rubric id and answer text.

    Returns ``None`` for a cell that is not an answer cell. The text keeps the
    learner's own line breaks (so character spans line up with what they wrote)
    but loses the magic line, the placeholder and nbgrader's solution markers.
    """
    match = _HEADER.match(source or "")
    if not match:
        return None
    body = source[match.end():]
    return AnswerCell(rubric=match.group("rubric"), text=answer_body(body), brief=match.group("brief"))


def answer_body(body: str) -> str:
    """The prose of an answer body, without placeholder or solution markers."""
    body = body.replace(PLACEHOLDER, "")
    body = _SOLUTION_DELIMITER.sub("", body)
    return body.strip()
