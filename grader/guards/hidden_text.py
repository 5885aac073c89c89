"""``hidden-text``: invisible characters inside words, or words spelled with look-alike letters.

Normalisation already undid the trick, so the checks read "idiot" where the
learner typed "id\u200biot"; this guard tells the learner and the instructor
that it happened. It caps nothing: the answer is graded as it reads.
One stray soft hyphen from a PDF is not worth a flag, so it takes two hidden
characters inside words, one disguised word, or an answer that is mostly
invisible (at least ``MIN_HIDDEN_SHARE`` of its characters, and ``MIN_HIDDEN`` of them:
an emoji's joiners stay far below that).
"""
from __future__ import annotations

from grader.guards.base import Finding, GuardContext

NAME = "hidden-text"
MIN_HIDDEN_INSIDE_WORDS = 2
MIN_HIDDEN = 10
MIN_HIDDEN_SHARE = 0.05


def check(context: GuardContext) -> Finding | None:
    normalized = context.normalized
    hidden = normalized.hidden_inside_words()
    count = sum(end - start for start, end in hidden)
    disguised = normalized.disguised
    total = sum(end - start for start, end in normalized.hidden)
    mostly_hidden = total >= MIN_HIDDEN and total >= MIN_HIDDEN_SHARE * len(normalized.original)
    if count < MIN_HIDDEN_INSIDE_WORDS and not disguised and not mostly_hidden:
        return None
    parts = []
    if mostly_hidden:
        parts.append(f"{total} invisible characters ({total / len(normalized.original):.0%} of the text)")
    elif count >= MIN_HIDDEN_INSIDE_WORDS:
        parts.append(f"{count} invisible characters inside words")
    if disguised:
        words = ", ".join(f"'{context.normalized.original[s:e]}'" for s, e in disguised[:3])
        parts.append(f"{len(disguised)} word(s) spelled with look-alike letters from other alphabets ({words})")
    return Finding(
        NAME,
        f"This answer contains {' and '.join(parts)}. They were read as plain text, the way a reader sees them.",
        spans=tuple(normalized.hidden if mostly_hidden else hidden) + tuple(disguised),
        for_instructor=True,
        spans_in_original=True,
    )
