"""``strays-from-the-problem``: an answer to an exercise that shares little with the answers graded well on it.

The engagement guards (``off_brief``) count the brief's own phrases; an answer
can use enough of them and still deal with something else: an incident summary
where a help request was asked for, an ADR about the spike's criteria instead
of the decision. Coverage (:mod:`grader.judgement.coverage`) compares the
answer's words with the answers an instructor graded 2 or 3 on the same
exercise; below ``LOW_COVERAGE`` of their typical overlap the answer is flagged
and capped at 25 %, the course's ceiling for an answer about something else.

Threshold chosen on the labeled answers (``benchmarks/bench_coverage.py``): of
the 415 training answers to exercises below 40 % coverage (each measured
against a profile without its writer's answers) and the 44 validation answers,
none was graded 2 or 3 by an instructor; off-topic and off-brief training
answers above 25 % of the points go from 31 (no cap) to 25 of 148. At 50 % six
training answers and one validation answer graded 2 or 3 would be capped. Prose
rubrics with a brief that has a coverage profile only; silent when ``off-brief``,
``misses-the-problem`` or ``glances-at-the-problem`` already says the answer is about
something else (grader/guards/__init__.py).
"""
from __future__ import annotations

from grader.guards.base import Finding, GuardContext

NAME = "strays-from-the-problem"
LOW_COVERAGE = 0.4
CAP = 0.25


def check(context: GuardContext) -> Finding | None:
    brief = context.brief
    if brief is None or context.rubric.format != "prose" or not context.analysis.tokens:
        return None
    from grader.judgement import coverage

    measured = coverage.of(context.analysis, brief)
    if measured is None or measured.share >= LOW_COVERAGE:
        return None
    missing = f" Those answers deal with: {', '.join(measured.missing)}." if measured.missing else ""
    return Finding(NAME, f"This answer shares little with the answers an instructor graded well on this exercise "
                         f"({measured.share * 100:.0f} % of their usual overlap in words): it seems to deal with "
                         f"something other than the exercise's problem.{missing}", cap=CAP)
