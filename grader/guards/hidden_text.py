"""``hidden-text``: invisible characters inside words, or words spelled with look-alike letters.

Normalisation already undid the trick, so the checks read "idiot" where the
learner typed "id\u200biot"; this guard tells the learner and the instructor
that it happened. It caps nothing: the answer is graded as it reads.
One stray soft hyphen from a PDF is not worth a flag, so it takes two hidden
characters inside words, or one disguised word.
"""
from __future__ import annotations

from grader.guards.base import Finding, GuardContext

NAME = "hidden-text"
MIN_HIDDEN_INSIDE_WORDS = 2


def check(context: GuardContext) -> Finding | None:
    normalized = context.normalized
    hidden = normalized.hidden_inside_words()
    disguised = normalized.disguised
    if len(hidden) < MIN_HIDDEN_INSIDE_WORDS and not disguised:
        return None
    parts = []
    if len(hidden) >= MIN_HIDDEN_INSIDE_WORDS:
        parts.append(f"{len(hidden)} invisible characters inside words")
    if disguised:
        words = ", ".join(f"'{context.normalized.original[s:e]}'" for s, e in disguised[:3])
        parts.append(f"{len(disguised)} word(s) spelled with look-alike letters from other alphabets ({words})")
    return Finding(
        NAME,
        f"This answer contains {' and '.join(parts)}. They were read as plain text, the way a reader sees them.",
        spans=tuple(hidden) + tuple(disguised),
        for_instructor=True,
        spans_in_original=True,
    )
