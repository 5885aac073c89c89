"""``harsh-tone``: an answer that would put its reader on the defensive, in a rubric without a tone criterion.

"Team B's proposal is amateur hour" can still list options, drivers and a
decision; an ADR, a status update or a rollout plan has no respectful-tone
criterion to miss, yet an instructor grades it low because the people it is
written to will stop reading. Review comments, replies and mentorship
feedback already cap on their own tone criterion; this guard carries the same
judgement to every other prose rubric that asks for it.

How it judges: as a review comment's respectful-tone is judged (the
``disrespect`` move's learned sentence and whole-answer models, with the tone
check's lexicon verdict as one input), reading only the model's probability.
The lexicon verdict alone is not enough here: "the outage was caused by
the retry loop" is blame-shaped vocabulary in an incident summary, not an
attack on a person. The model also learns from the training answers of these
rubrics (the sentences a labeler quoted in the answers written harsh, every
sentence of the others; ``writer_tone_docs`` in grader/training/train.py):
review comments alone never showed it blame aimed at a team in an ADR's
context or sarcasm in a pitch. On the validation answers of the ten rubrics
that cap on it (288, by a writer whose answers are not in training), the
probability below 0.5 flags 9 of the 13 answers written harsh and 4 of the
275 others (3 and 4 when the model learned from review comments only).
README passages do not cap on it: they address no one and are often
exclamatory ("Tired of ...?!").

It runs only for rubrics that declare a cap on it (``caps: [{when:
harsh-tone, ...}]``), so the others pay nothing for it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from grader.guards.base import Finding, GuardContext

if TYPE_CHECKING:
    from grader.analysis import Analysis
    from grader.analysis.segments import Unit
    from grader.rubric import Criterion

NAME = "harsh-tone"
# Where the tone judgement is learned: review comments (vcu-incivility comments and the course's answers).
TONE_RUBRIC, TONE_CRITERION = "pr-review/comment", "respectful-tone"
# Below this probability of reading as respectful, the answer is flagged (the decision's own boundary).
RESPECTFUL_BELOW = 0.5
MAX_QUOTED = 2


def check(context: GuardContext) -> Finding | None:
    rubric = context.rubric
    if rubric.format != "prose" or not any(rule.guard == NAME for rule in rubric.caps):
        return None
    if any(c.move == "disrespect" for c in rubric.criteria):
        return None  # the rubric's own tone criterion judges (and caps) this
    from grader.judgement.model import has_model, judge
    from grader.judgement.moves import catalogue

    criterion = _tone_criterion()
    if criterion is None or not has_model(TONE_RUBRIC, TONE_CRITERION, criterion.move):
        return None
    analysis = context.analysis
    if not analysis.tokens:
        return None
    outcome = criterion.check.evaluate(analysis)
    move = catalogue()[criterion.move]
    decision = judge(analysis, TONE_RUBRIC, TONE_CRITERION, move, outcome.holds, outcome.progress, outcome.spans)
    if decision.probability >= RESPECTFUL_BELOW:
        return None
    from grader.judgement.evidence import quote

    shown = decision.carriers[:MAX_QUOTED] or _most_offending(analysis)
    quoted = " and ".join(quote(analysis, unit) for unit in shown)
    where = f"This may put its readers on the defensive: {quoted}. " if quoted else ""
    return Finding(NAME, where + "Describe the work and its consequences, not the people behind it.",
                   spans=tuple((unit.start, unit.end) for unit in shown))


def _most_offending(analysis: "Analysis") -> tuple["Unit", ...]:
    """The unit the tone model objects to most (quoted when no unit is confidently disrespectful on its own)."""
    from grader.judgement.model import unit_logits

    scored = unit_logits(analysis, TONE_RUBRIC, "disrespect")
    return (max(scored, key=lambda pair: pair[1])[0],) if scored else ()


@lru_cache(maxsize=1)
def _tone_criterion() -> "Criterion | None":
    from grader.rubric import load_rubric

    return next((c for c in load_rubric(TONE_RUBRIC).criteria if c.id == TONE_CRITERION), None)
