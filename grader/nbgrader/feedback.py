"""What a learner and an instructor read about one graded answer: the comment and the cell output.

The comment (nbgrader's automatic comment) is prose that reads the same as plain
text in formgrader and as Markdown in the feedback HTML. The cell output is the
learner's feedback panel, rendered by the same function the live widget uses
(``grader.notebook.panel``), so the feedback file shows exactly what the
learner saw while writing: score, every criterion met or missed with its hint,
and the highlighted words.
"""
from __future__ import annotations

from functools import lru_cache

from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_output

from grader.nbgrader.tamper import Flag
from grader.notebook.panel import criteria_table_html, render_empty_html, render_message_html, render_result_html
from grader.result import Result


def comment_text(result: Result | None, points: float, auto_score: float | None, flags: list[Flag],
                 *, blank: bool, error: str | None = None) -> str:
    """The automatic comment for one answer cell."""
    lines: list[str] = []
    if error is not None:
        lines.append(f"Automatic grading failed ({error}). The instructor will grade this answer by hand.")
    elif blank:
        lines.append(f"No answer: the cell still held the placeholder. Score 0 / {points:g}.")
    else:
        met = sum(1 for c in result.criteria if c.met)
        lines.append(f"Automatic score {auto_score:g} / {points:g} on rubric {result.rubric} "
                     f"({met} of {len(result.criteria)} criteria met, {result.score:g} / {result.max_score:g} "
                     "rubric points):")
        lines.append("")
        if result.cap_binds:
            lines += [result.cap.message, ""]
        if result.coverage_lowers:
            lines += [result.coverage.message, ""]
        for criterion in result.criteria:
            mark = "✔ Met" if criterion.met else "✘ Not yet"
            detail = f": {criterion.feedback}" if criterion.feedback else ""
            lines.append(f"- {mark}, {criterion.description} ({criterion.earned:g}/{criterion.points:g}){detail}")
    guard_flags = [f for f in (result.flags if result is not None and not blank and error is None else ())]
    if guard_flags:
        lines += ["", "Checks on the whole answer:"]
        lines += [f"- {flag.name}{' (for the instructor)' if flag.for_instructor else ''}: {flag.message}"
                  for flag in guard_flags]
    if flags:
        lines += ["", "Integrity flags (the instructor reviews these):"]
        lines += [f"- {flag.message}" for flag in flags]
    return "\n".join(lines)


def feedback_output(result: Result | None, points: float, flags: list[Flag], *, blank: bool,
                    error: str | None = None, comment: str) -> NotebookNode:
    """The display_data output that replaces whatever the learner's kernel left under the answer."""
    if error is not None:
        html = render_message_html("Automatic grading failed", f"{error}\nYour instructor will grade this by hand.")
    elif blank:
        html = render_message_html(
            "No answer submitted",
            f"This answer cell still held the placeholder line: 0 / {points:g} points. "
            "This is what the answer was checked for:", error=False,
        ) + criteria_table_html(result.criteria, todo=True)
    else:
        html = render_result_html(result)
    if flags:
        html += render_message_html("Integrity flags", "\n".join(f"• {flag.message}" for flag in flags))
    return new_output("display_data", data={"text/html": html, "text/plain": comment})


def live_panel_text(result: Result | None) -> str:
    """Everything the live ``%%answer`` panel can show for this rubric and text, as one string.

    A learner's saved output legitimately holds one of these panels (for the
    text as it was when they last ran the cell, possibly still empty), so their
    words are not "hidden text" in an output.
    """
    if result is None:
        return ""
    return render_result_html(result) + "\n" + render_empty_html(result)


@lru_cache(maxsize=64)
def rubric_vocabulary(rubric_id: str | None) -> str:
    """Every sentence the course itself can put in an answer's panel: titles, criteria, hints, suggestions.

    A learner who edits an answer and saves without re-running keeps the panel of
    the earlier draft, with hints for criteria the new text now meets; those are
    the course's words, not text hidden by the learner.
    """
    from grader.rubric import RubricError, load_rubric

    if not rubric_id:
        return ""
    try:
        rubric = load_rubric(rubric_id)
    except RubricError:
        return ""
    import grader

    pieces = [rubric.title, rubric.prompt]
    try:
        empty = grader.check("", rubric_id)  # the panel's own wording: summary lines, legend, headings
        pieces += [render_result_html(empty), render_empty_html(empty)]
    except Exception:  # noqa: BLE001 - a failing engine is reported by the grading step itself
        pass
    for criterion in rubric.criteria:
        pieces += [criterion.description, criterion.feedback, criterion.hint]
    pieces += [rule.message for rule in rubric.suggestions]
    return "\n".join(p for p in pieces if p)
