"""The feedback panel: one ``Result`` shown so a learner sees at a glance what to fix.

Why the panel is plain HTML built by a function: the same markup is shown in the
kernel (wrapped in an ``ipywidgets.HTML``), written into nbgrader feedback files
and saved in notebook outputs, where no kernel or widget manager exists. All
styling is inline so the HTML survives nbconvert and sanitisers, and every
piece of learner text goes through ``html.escape`` (a ``<script>`` in an answer
renders as text).

Status is never carried by colour alone: each criterion row has an icon AND a
word ("Met" / "Not yet").
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from grader.result import Result

HONESTY_NOTE = (
    "This checker looks for <em>signals</em> in your wording (a question, a reason, a number, "
    "a named next step). It cannot judge whether your point is right or kind in context. "
    "Treat the score as a checklist, not a verdict: your instructor has the final word."
)

_FONT = "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; font-size: 14px; line-height: 1.45;"
_BOX = (
    "border: 1px solid #c8ccd1; border-radius: 6px; padding: 10px 12px; margin: 4px 0; "
    "background: #ffffff; color: #1f2328; max-width: 60rem; " + _FONT
)
_MET_COLOUR = "#1a7f37"
_MISSED_COLOUR = "#b35900"
_MARK_MET = "background: #d2f4d9; color: #1f2328; border-radius: 3px; padding: 0 1px;"
_MARK_MISSED = "background: #ffe2b8; color: #1f2328; border-radius: 3px; padding: 0 1px;"
_MARK_SUGGESTION = "text-decoration: underline dotted #6f42c1; text-decoration-thickness: 2px;"
# The panel is also shown as a plain notebook output, where JupyterLab's rendered-HTML
# stylesheet right-aligns table cells and stripes rows; inline styles override that.
_TR = "border-top: 1px solid #eaeef2; background: transparent;"
_TD = (
    "text-align: left; vertical-align: top; border: none; font-size: 14px; line-height: 1.45; "
    "color: #1f2328; max-width: none;"
)
_LABEL_GAP = 80  # characters: the same label is not repeated closer than this
_TAG = "font-size: 10px; font-weight: 600; color: #444c56; margin-left: 1px;"


def _esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def _number(value: float) -> str:
    """2.0 -> '2', 1.5 -> '1.5': points read like a person wrote them."""
    return f"{value:g}"


def score_bar_html(score: float, max_score: float) -> str:
    """A horizontal bar plus the number: the bar for a glance, the number for certainty."""
    fraction = score / max_score if max_score else 0.0
    percent = max(0, min(100, round(fraction * 100)))
    colour = _MET_COLOUR if fraction >= 0.8 else ("#9a6700" if fraction >= 0.5 else _MISSED_COLOUR)
    return (
        '<div style="display: flex; align-items: center; gap: 10px; margin: 6px 0 10px 0;">'
        f'<div role="progressbar" aria-valuenow="{percent}" aria-valuemin="0" aria-valuemax="100" '
        'style="flex: 0 0 220px; height: 12px; background: #eaeef2; border-radius: 6px; overflow: hidden; '
        'border: 1px solid #c8ccd1;">'
        f'<div style="width: {percent}%; height: 100%; background: {colour};"></div></div>'
        f'<span style="font-weight: 700; font-size: 16px;">{_number(score)} / {_number(max_score)}</span>'
        f'<span style="color: #57606a;">points ({percent}%)</span>'
        "</div>"
    )


def _criterion_row(criterion, todo: bool = False) -> str:  # noqa: ANN001 - a CriterionResult
    if todo:
        icon, word, colour = "&#9744;", "To do", "#57606a"  # ballot box
        detail = ""
    elif criterion.met:
        icon, word, colour = "&#10004;", "Met", _MET_COLOUR  # heavy check mark
        detail = criterion.feedback
    else:
        icon, word, colour = "&#10008;", "Not yet", _MISSED_COLOUR  # heavy ballot x
        detail = criterion.feedback
    points = (
        f"{_number(criterion.points)} pt" if todo else f"{_number(criterion.earned)} / {_number(criterion.points)}"
    )
    detail_html = f'<div style="color: #424a53; margin-top: 2px;">{_esc(detail)}</div>' if detail else ""
    return (
        f'<tr style="{_TR}">'
        f'<td style="{_TD} padding: 6px 8px 6px 0; width: 6.5em; white-space: nowrap; color: {colour}; '
        f'font-weight: 700;"><span aria-hidden="true">{icon}</span> {word}</td>'
        f'<td style="{_TD} padding: 6px 8px; width: 3.5em; white-space: nowrap;">{points}</td>'
        f'<td style="{_TD} padding: 6px 0 6px 8px;"><div><strong>{_esc(criterion.description)}</strong> '
        f'<span style="{_TAG}">[{_esc(criterion.id)}]</span></div>{detail_html}</td>'
        "</tr>"
    )


def criteria_table_html(criteria: Sequence, todo: bool = False) -> str:
    """One row per criterion: status (icon + word), points, description, feedback or hint."""
    rows = "".join(_criterion_row(c, todo=todo) for c in criteria)
    return (
        '<table style="border-collapse: collapse; width: 100%; margin: 4px 0; table-layout: auto; '
        f'font-size: 14px; color: #1f2328;">{rows}</table>'
    )


def _clip(spans: Iterable[Sequence[int]], length: int) -> list[tuple[int, int]]:
    clipped = []
    for start, end in spans:
        start, end = max(0, int(start)), min(length, int(end))
        if end > start:
            clipped.append((start, end))
    return clipped


def highlighted_answer_html(result: Result) -> str:
    """The answer with each triggering span marked and labelled with its criterion id.

    Spans may overlap (two criteria can fire on the same words), so the text is
    cut at every span boundary; each piece is marked if any span covers it, and
    a label is placed where a span ends, naming the criterion (or suggestion).
    """
    text = result.text
    # (start, end, label, kind) with kind in {"met", "missed", "suggestion"}
    marks: list[tuple[int, int, str, str]] = []
    for criterion in result.criteria:
        kind = "met" if criterion.met else "missed"
        marks += [(s, e, criterion.id, kind) for s, e in _clip(criterion.spans, len(text))]
    for number, suggestion in enumerate(result.suggestions, start=1):
        marks += [(s, e, f"s{number}", "suggestion") for s, e in _clip(suggestion.spans, len(text))]
    if not marks:
        return _esc(text)
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in marks} | {e for _, e, _, _ in marks})
    pieces: list[str] = []
    last_label, last_label_at = "", -_LABEL_GAP
    for start, end in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        chunk = _esc(text[start:end])
        kinds = {m[3] for m in covering}
        title = _esc(", ".join(sorted({m[2] for m in covering})))
        if "missed" in kinds:
            chunk = f'<mark style="{_MARK_MISSED}" title="{title}">{chunk}</mark>'
        elif "met" in kinds:
            chunk = f'<mark style="{_MARK_MET}" title="{title}">{chunk}</mark>'
        if "suggestion" in kinds:
            chunk = f'<span style="{_MARK_SUGGESTION}" title="{title}">{chunk}</span>'
        pieces.append(chunk)
        label = ", ".join(sorted({m[2] for m in marks if m[1] == end}))
        # Repeating the same label on every nearby word buries the text; once per stretch is enough
        # (each mark still names its criteria on hover).
        if label and (label != last_label or end - last_label_at > _LABEL_GAP):
            pieces.append(f'<sup style="{_TAG}">[{_esc(label)}]</sup>')
            last_label, last_label_at = label, end
    return "".join(pieces)


def _section(title: str, body: str) -> str:
    return (
        f'<div style="margin-top: 10px;"><div style="font-weight: 700; margin-bottom: 4px;">{title}</div>'
        f"{body}</div>"
    )


def _header(title: str, rubric: str) -> str:
    return (
        f'<div style="font-weight: 700; font-size: 15px;">{_esc(title)} '
        f'<span style="font-weight: 400; color: #57606a; font-size: 12px;">rubric {_esc(rubric)}</span></div>'
    )


def _note() -> str:
    return (
        '<div style="margin-top: 10px; padding-top: 6px; border-top: 1px solid #eaeef2; '
        f'color: #57606a; font-size: 12px;">{HONESTY_NOTE}</div>'
    )


def _guard_notes(result: Result) -> list[str]:
    """The binding cap (when it lowered the score) and every guard's flag, as sentences."""
    notes = []
    if result.cap is not None and result.score < result.uncapped_score:
        notes.append(result.cap.message)
    notes += [f"{flag.name}: {flag.message}" for flag in result.flags
              if result.cap is None or flag.name != result.cap.source or result.score >= result.uncapped_score]
    return notes


def _guard_notes_html(result: Result) -> list[str]:
    notes = _guard_notes(result)
    if not notes:
        return []
    items = "".join(f"<li>{_esc(note)}</li>" for note in notes)
    return [f'<div style="margin: 6px 0; padding: 4px 10px; border-left: 3px solid #bf8700; background: #fff8c5; '
            f'color: #1f2328;"><ul style="margin: 0; padding-left: 18px;">{items}</ul></div>']


def render_result_html(result: Result) -> str:
    """The whole feedback panel for one graded answer, as self-contained HTML."""
    missed = [c for c in result.criteria if not c.met]
    summary = (
        "Every criterion is met." if not missed
        else f"{len(missed)} of {len(result.criteria)} criteria not met yet: the rows marked "
        "&#10008; Not yet say what to add."
    )
    parts = [
        _header(result.title, result.rubric),
        score_bar_html(result.score, result.max_score),
        f'<div style="color: #424a53;">{summary}</div>',
        *_guard_notes_html(result),
        criteria_table_html(result.criteria),
    ]
    legend = (
        '<div style="color: #57606a; font-size: 12px; margin-bottom: 4px;">'
        f'<mark style="{_MARK_MET}">green</mark> = words that met a criterion, '
        f'<mark style="{_MARK_MISSED}">orange</mark> = words that cost a criterion; '
        "the [label] after them names the criterion.</div>"
    )
    answer = (
        f'{legend}<div style="white-space: pre-wrap; border-left: 3px solid #d0d7de; padding: 4px 10px; '
        f'background: #f6f8fa; color: #1f2328;">{highlighted_answer_html(result)}</div>'
    )
    parts.append(_section("Your answer", answer))
    if result.suggestions:
        items = "".join(
            f'<li><span style="{_TAG}">[s{n}]</span> {_esc(s.message)}</li>'
            for n, s in enumerate(result.suggestions, start=1)
        )
        parts.append(_section("Suggestions (not scored)", f'<ul style="margin: 0; padding-left: 20px;">{items}</ul>'))
    parts.append(_note())
    return f'<div class="multiplier-feedback" style="{_BOX}">{"".join(parts)}</div>'


CELL_INSTRUCTION = (
    "replace the placeholder line in the cell with your text, then run the cell (Shift+Enter) to get feedback."
)
EDITOR_INSTRUCTION = "type in the box above; feedback appears as soon as you pause."


def render_empty_html(result: Result, instruction: str = CELL_INSTRUCTION) -> str:
    """The panel for an answer not written yet: the criteria as a to-do list, no score.

    ``result`` is the rubric graded on an empty text; only its title, rubric id
    and criteria are used, so the learner sees what the answer will be checked for.
    """
    parts = [
        _header(result.title, result.rubric),
        '<div style="margin: 6px 0; font-size: 15px;">&#9998; Write your answer here&hellip; '
        f"{_esc(instruction)}</div>",
        _section(f"What your answer will be checked for ({_number(result.max_score)} points)",
                 criteria_table_html(result.criteria, todo=True)),
        _note(),
    ]
    return f'<div class="multiplier-feedback" style="{_BOX}">{"".join(parts)}</div>'


def render_message_html(title: str, message: str, *, error: bool = True) -> str:
    """A short boxed message (unknown rubric, engine failure) instead of a traceback."""
    colour = "#cf222e" if error else "#57606a"
    icon = "&#9888;" if error else "&#8505;"
    return (
        f'<div class="multiplier-feedback" style="{_BOX} border-left: 4px solid {colour};">'
        f'<div style="font-weight: 700; color: {colour};"><span aria-hidden="true">{icon}</span> {_esc(title)}</div>'
        f'<div style="margin-top: 4px; white-space: pre-wrap;">{_esc(message)}</div></div>'
    )


def render_result_text(result: Result) -> str:
    """A plain-text summary: what a terminal, a diff or a screen reader of text/plain shows."""
    lines = [f"{result.title} ({result.rubric}): {result.score:g} / {result.max_score:g} points"]
    lines += [f"  ! {note}" for note in _guard_notes(result)]
    for criterion in result.criteria:
        status = "met" if criterion.met else "NOT YET"
        lines.append(f"  [{status}] {criterion.id}: {criterion.feedback}")
    lines += [f"  suggestion (not scored): {s.message}" for s in result.suggestions]
    return "\n".join(lines)


@dataclass(frozen=True)
class StaticFeedback:
    """Feedback shown as a plain HTML output (the ``%%answer`` cell).

    Why not a widget here: the panel under an answer cell never changes after
    the cell runs, and a plain output is saved with the notebook, so it still
    shows when the learner reopens the notebook tomorrow, without a kernel. A
    widget would show "Error displaying widget: model not found" instead.
    """

    html: str
    text: str

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython protocol
        return {"text/html": self.html, "text/plain": self.text}


class FeedbackPanel:
    """A live panel in the kernel: an ``ipywidgets.HTML`` whose value is one of the renders above.

    Kept as a thin wrapper (not a widget subclass) so that importing this module
    does not require ipywidgets: the nbgrader glue only needs the functions.
    """

    def __init__(self) -> None:
        import ipywidgets as widgets

        self.widget = widgets.HTML(value="", layout=widgets.Layout(width="100%"))

    def show(self, result: Result) -> None:
        self.widget.value = render_result_html(result)

    def show_empty(self, result: Result, instruction: str = CELL_INSTRUCTION) -> None:
        self.widget.value = render_empty_html(result, instruction)

    def show_message(self, title: str, message: str, *, error: bool = True) -> None:
        self.widget.value = render_message_html(title, message, error=error)

    @property
    def html(self) -> str:
        return self.widget.value
