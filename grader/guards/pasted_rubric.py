"""``pasted-rubric``: the rubric's descriptions, hints or feedback (or the exercise's task) pasted as the answer.

Measured as the share of the answer's four-word sequences that also occur in the
rubric's title, prompt, criterion descriptions, feedback and hints, suggestion
messages and the brief's task. Four words rarely coincide by chance (the model
answers share under 5 % with their rubrics); a pasted hint shares nearly all.
Threshold: ``MIN_SHARE`` of the answer's four-word sequences (answers of at least
``MIN_WORDS`` words). Default cap: 25 %.
"""
from __future__ import annotations

from functools import lru_cache

from grader.guards.base import WORD, Finding, GuardContext

NAME = "pasted-rubric"
CAP = 0.25
MIN_SHARE = 0.35
MIN_WORDS = 8
N = 4


def check(context: GuardContext) -> Finding | None:
    words = context.words()
    if len(words) < MIN_WORDS:
        return None
    reference = _reference_grams(context.rubric.id, context.brief.task if context.brief else "")
    lowered = [w.group().lower() for w in words]
    copied = set()
    grams = [tuple(lowered[i:i + N]) for i in range(len(lowered) - N + 1)]
    for i, gram in enumerate(grams):
        if gram in reference:
            copied.update(range(i, i + N))
    share = len(copied) / len(words)
    if share < MIN_SHARE:
        return None
    spans = []
    for i in sorted(copied):
        start, end = words[i].span()
        if spans and start - spans[-1][1] <= 3:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return Finding(NAME, f"{share:.0%} of this answer is the rubric's or the exercise's own wording (its descriptions, "
                         "hints or instructions). Those describe a good answer; they are not one.",
                   spans=tuple(spans), cap=CAP)


@lru_cache(maxsize=64)
def _reference_grams(rubric_id: str, task: str) -> frozenset[tuple[str, ...]]:
    from grader.rubric import load_rubric

    rubric = load_rubric(rubric_id)
    texts = [rubric.title, rubric.prompt, task]
    for criterion in rubric.criteria:
        texts += [criterion.description, criterion.feedback, criterion.hint]
    texts += [rule.message for rule in rubric.suggestions]
    grams = set()
    for text in texts:
        lowered = [w.group().lower() for w in WORD.finditer(text)]
        grams.update(tuple(lowered[i:i + N]) for i in range(len(lowered) - N + 1))
    return frozenset(grams)
