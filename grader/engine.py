"""Grading: one rubric, one answer, one :class:`~grader.result.Result`.

The engine knows nothing about any particular rubric; it analyses the text
once, then decides every criterion: a criterion that names a move (see
grader/moves.yaml) is decided by the learned move model, which weighs the
strongest sentence for that move against the criterion's rule check; any other
criterion by its rule check alone. Feedback quotes the sentence that met the
criterion or the one that came closest; spans are whole sentences.
Suggestions are evaluated by their checks but never scored.
"""
from __future__ import annotations

from dataclasses import replace

from grader import guards
from grader.analysis import Analysis
from grader.analysis.trailers import blank_trailers
from grader.brief import Brief, BriefError, load_brief
from grader.result import CriterionResult, Result, Suggestion
from grader.rubric import Criterion, Rubric, load_rubric

EMPTY_HINT = "There is no answer yet. "
# About 170,000 words: a hundred times any real answer. Beyond it only this
# prefix is graded (and the learner is told), so a pasted log file or a 5 MB
# paste gets a grade in seconds instead of pinning a CPU.
MAX_GRADED_CHARS = 1_000_000


def check(text: str, rubric: str, brief: str | Brief | None = None) -> Result:
    """Grade ``text`` against the rubric with id ``rubric``, in the situation of ``brief`` (an id) if given."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    loaded = load_rubric(rubric)
    situation = _brief(brief, loaded)
    # --- guards hook 1: normalise (invisible characters, homoglyphs) and blank placeholders; offsets map back.
    prepared = guards.prepare(text[:MAX_GRADED_CHARS], loaded)
    # git trailers are metadata, not content: blanked at the same length, so offsets hold
    analysis = Analysis(blank_trailers(prepared.text))
    # --- end of hook 1
    result = _grade_all(loaded, analysis, text)
    # --- guards hook 2: vetoes, caps and flags after the criteria are decided; spans back to ``text``.
    result = guards.apply(result, analysis, prepared, loaded, situation)
    return _with_coverage(result, analysis, loaded, situation)


def _brief(brief: str | Brief | None, rubric: Rubric) -> Brief | None:
    situation = load_brief(brief) if isinstance(brief, str) else brief
    if situation is not None and situation.rubric != rubric.id:
        raise BriefError(f"brief '{situation.id}' is for rubric '{situation.rubric}', not '{rubric.id}'")
    return situation


def _with_coverage(result: Result, analysis: Analysis, rubric: Rubric, situation: Brief | None) -> Result:
    """How much of the exercise's problem the answer deals with (grader/judgement/coverage.py): only with a brief,
    for prose, and not for an empty answer."""
    if situation is None or rubric.format != "prose" or not analysis.tokens:
        return result
    from grader.judgement import coverage

    return replace(result, coverage=coverage.of(analysis, situation))


def _grade_all(loaded: Rubric, analysis: Analysis, text: str) -> Result:
    if not analysis.tokens:
        return _empty(loaded, text)
    criteria = tuple(_grade(criterion, analysis, loaded) for criterion in loaded.criteria)
    suggestions = []
    if len(text) > MAX_GRADED_CHARS:
        suggestions.append(Suggestion(f"Only the first {MAX_GRADED_CHARS:,} characters were graded; this answer has {len(text):,}."))
    for rule in loaded.suggestions:
        outcome = rule.check.evaluate(analysis)
        if not outcome.holds:
            message = f"{rule.message} ({outcome.why})" if outcome.why else rule.message
            suggestions.append(Suggestion(message, _clean(outcome.spans, len(text))))
    return Result(loaded.id, loaded.title, text, criteria, tuple(suggestions))


def _grade(criterion: Criterion, analysis: Analysis, rubric: Rubric) -> CriterionResult:
    outcome = criterion.check.evaluate(analysis)
    if rubric.format == "prose" and _has_model(rubric.id, criterion):
        return _judge_by_move(criterion, analysis, rubric, outcome)
    base = criterion.feedback if outcome.holds else criterion.hint
    spans = outcome.spans
    if rubric.format == "prose":  # whole sentences, one highlight per sentence in the panel
        from grader.judgement.evidence import sentence_spans

        spans = sentence_spans(analysis, _clean(outcome.spans, len(analysis.text)))
    feedback = f"{base} ({outcome.why})" if outcome.why else base
    return _criterion_result(criterion, outcome.holds, feedback, _clean(spans, len(analysis.text)))


def _has_model(rubric_id: str, criterion: Criterion) -> bool:
    if criterion.move is None:
        return False
    from grader.judgement.model import has_model

    return has_model(rubric_id, criterion.id, criterion.move)


def _judge_by_move(criterion: Criterion, analysis: Analysis, rubric: Rubric, outcome) -> CriterionResult:
    from grader.judgement import evidence
    from grader.judgement.model import judge
    from grader.judgement.moves import catalogue

    move = catalogue()[criterion.move]
    decision = judge(analysis, rubric.id, criterion.id, move, outcome.holds, outcome.progress, outcome.spans)
    base = criterion.feedback if decision.met else criterion.hint
    rule_why = outcome.why if move.absent and not outcome.holds else ""
    spans = evidence.spans(decision)
    if move.absent and not decision.met:  # every sentence the tone check objects to, too
        spans += evidence.sentence_spans(analysis, _clean(outcome.spans, len(analysis.text)))
    feedback = evidence.feedback(base, move, decision, analysis, rule_why)
    return _criterion_result(criterion, decision.met, feedback, _clean(spans, len(analysis.text)), move.id)


def _criterion_result(criterion: Criterion, met: bool, feedback: str, spans: tuple[tuple[int, int], ...],
                      move: str | None = None) -> CriterionResult:
    """One place that turns a decision into points, so the rule path and the move path cannot drift apart."""
    return CriterionResult(
        id=criterion.id,
        description=criterion.description,
        points=criterion.points,
        earned=criterion.points if met else 0,
        met=met,
        feedback=feedback,
        spans=spans,
        move=move,
    )


def _clean(spans: tuple[tuple[int, int], ...], length: int, limit: int = 50) -> tuple[tuple[int, int], ...]:
    """Sorted, de-duplicated, in-bounds spans; capped so a 5 MB answer yields a readable result."""
    valid = sorted({(s, e) for s, e in spans if 0 <= s < e <= length})
    return tuple(valid[:limit])


def _empty(rubric: Rubric, text: str) -> Result:
    criteria = tuple(
        CriterionResult(c.id, c.description, c.points, 0, False, EMPTY_HINT + c.hint, ()) for c in rubric.criteria
    )
    return Result(rubric.id, rubric.title, text, criteria, ())
