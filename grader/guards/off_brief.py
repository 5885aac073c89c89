"""``off-brief``, ``misses-the-problem``, ``glances-at-the-problem``, ``skims-the-problem``: how much of the
exercise's situation an answer engages.

With a brief (:mod:`grader.brief`), an answer engages it when it names something
of it: a person, system, file or identifier (``entities``), one of its figures
(``numbers``: two of them, small counts of 5 or less excepted, since "30" or
"two" are everywhere), or a phrase of its actual problem (``engages``). An answer that names none of them is
about something else: a polished comment about a different system, a template
reply. Default cap: 25 %.

An answer that names the brief's things but none of the ``engages`` phrases
talks about the situation without touching its problem (``misses-the-problem``).
Default cap: 25 %: of the 156 labeled training answers to exercises that use
none of the phrases, 132 got 0 of 3 from an instructor and none more than 1.

An answer that touches the problem with only one or two of the ``engages``
phrases glances at it (``glances-at-the-problem``, prose rubrics): of the 266
such training answers, 151 got 0 of 3 and 9 got 2 or 3. Default cap: 25 %,
so a polished answer about something else that happens to say "memory" once
scores like one that names nothing of the brief.

With three or four phrases (``skims-the-problem``) it mentions the problem in
passing: of the 319 such training answers, 41 got 2 or 3 of 3. No default
cap; the exercise rubrics declare one (``caps: [{when: skims-the-problem,
at_most: 0.4}]``). All three levels were chosen on the training sets
(``benchmarks/bench_score_levers.py``, docs/how-grading-works.md).
"""
from __future__ import annotations

from grader.guards.base import Finding, GuardContext
from grader.guards.numbers import numbers
from grader.guards.phrases import find, fold_accents, occurs

NAME = "off-brief"
MISSES_PROBLEM = "misses-the-problem"
GLANCES_PROBLEM = "glances-at-the-problem"
SKIMS_PROBLEM = "skims-the-problem"
ENOUGH_PHRASES = 5  # distinct ``engages`` phrases an answer that deals with the problem uses
FEW_PHRASES = 2  # at most this many: the answer only glances at the problem
CAP = 0.25
MISSES_PROBLEM_CAP = 0.25
GLANCES_PROBLEM_CAP = 0.25
MIN_WORDS = 5
SMALLEST_TELLING_NUMBER = 5
MIN_FIGURES = 2


def check(context: GuardContext) -> Finding | None:
    brief = context.brief
    if brief is None or len(context.words()) < MIN_WORDS:
        return None
    text = context.text
    problem = find(brief.engages, text, fold=True)
    entities = find(brief.entities, text, fold=True)
    known = [v for v in brief.values if v > SMALLEST_TELLING_NUMBER]
    figures = [span for span, value in numbers(text)
               if value > SMALLEST_TELLING_NUMBER and any(abs(value - k) <= 0.01 * k for k in known)]
    if not problem and not entities and len(figures) < MIN_FIGURES:
        return Finding(NAME, "This answer names nothing from the exercise's brief: none of its people, systems or "
                             "figures, and not its problem. It may be well written, but it is about something else.",
                       cap=CAP)
    if not problem:
        named = ", ".join(f"'{m.group()}'" for m in entities[:3]) or "its figures"
        return Finding(MISSES_PROBLEM, f"This answer mentions the brief ({named}) but not the problem the exercise is "
                                       f"about: {brief.problem}",
                       spans=tuple(m.span() for m in entities[:5]), cap=MISSES_PROBLEM_CAP)
    touched = phrases_used(brief.engages, text)
    if len(touched) < ENOUGH_PHRASES and context.rubric.format == "prose":
        said = ", ".join(f"'{m.group()}'" for m in problem[:3])
        if len(touched) <= FEW_PHRASES:
            return Finding(GLANCES_PROBLEM, f"This answer touches the exercise's problem in a word or two ({said}) "
                                            f"and is about something else. The problem is: {brief.problem}",
                           spans=tuple(m.span() for m in problem[:5]), cap=GLANCES_PROBLEM_CAP)
        return Finding(SKIMS_PROBLEM, f"This answer touches the exercise's problem only in passing ({said}): an "
                                      "instructor looks for the problem itself \u2014 what goes wrong, for whom, and "
                                      "what should happen. Re-read the brief and deal with it head-on.",
                       spans=tuple(m.span() for m in problem[:5]))
    return None


def phrases_used(phrases: tuple[str, ...], text: str) -> list[str]:
    """The distinct phrases of ``phrases`` that occur in ``text`` (accents ignored): "retry" and "retries" of one
    ``retr*`` count once, so repeating one word does not look like engaging the problem."""
    folded = fold_accents(text)
    lowered = folded.lower()
    return [p for p in phrases if occurs(fold_accents(p), folded, lowered)]
