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

from grader.notebook import theme
from grader.result import Result

HONESTY_NOTE = (
    "This checker looks for <em>signals</em> in your wording (a question, a reason, a number, "
    "a named next step). It cannot judge whether your point is right or kind in context. "
    "Treat the score as a checklist, not a verdict: your instructor has the final word."
)

_BOX = f"{theme.CARD} margin: 4px 0;"
_MET_COLOUR = theme.MET
_MISSED_COLOUR = theme.MISSED
# The panel is also shown as a plain notebook output, where JupyterLab's rendered-HTML
# stylesheet right-aligns table cells and stripes rows; inline styles override that.
_TR = f"border-top: 1px solid {theme.RULE}; background: transparent;"
_TD = (
    "text-align: left; vertical-align: top; border: none; font-size: 14px; line-height: 1.45; "
    f"color: {theme.TEXT}; max-width: none;"
)
_TAG = f"font-size: 11px; font-weight: 600; color: {theme.MUTED}; margin-left: 1px;"
_LABEL = (
    f"font-size: 11px; font-weight: 600; color: {theme.MUTED}; border: 1px solid {theme.RULE}; "
    "border-radius: 8px; padding: 0 5px; margin: 0 2px; white-space: nowrap; vertical-align: 1px;"
)
_MARKS = {"met": theme.MARK_MET, "missed": theme.MARK_MISSED}


def _esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def _number(value: float) -> str:
    """2.0 -> '2', 1.5 -> '1.5': points read like a person wrote them."""
    return f"{value:g}"


def score_bar_html(score: float, max_score: float) -> str:
    """A horizontal bar plus the number: the bar for a glance, the number for certainty."""
    fraction = score / max_score if max_score else 0.0
    percent = max(0, min(100, round(fraction * 100)))
    colour = _MET_COLOUR if fraction >= 0.8 else (theme.PARTIAL if fraction >= 0.5 else _MISSED_COLOUR)
    return (
        '<div style="display: flex; align-items: center; gap: 10px; margin: 6px 0 10px 0;">'
        f'<div role="progressbar" aria-valuenow="{percent}" aria-valuemin="0" aria-valuemax="100" '
        f'style="flex: 0 0 220px; height: 12px; background: {theme.SUBTLE_BACKGROUND}; border-radius: 6px; '
        f'overflow: hidden; border: 1px solid {theme.BORDER};">'
        f'<div style="width: {percent}%; height: 100%; background: {colour};"></div></div>'
        f'<span style="font-weight: 700; font-size: 16px;">{_number(score)} / {_number(max_score)}</span>'
        f'<span style="color: {theme.MUTED};">points ({percent}%)</span>'
        "</div>"
    )


def _criterion_row(criterion, todo: bool = False) -> str:  # noqa: ANN001 - a CriterionResult
    if todo:
        icon, word, colour = "&#9744;", "To do", theme.MUTED  # ballot box
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
    detail_html = f'<div style="color: {theme.MUTED}; margin-top: 2px;">{_esc(detail)}</div>' if detail else ""
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
        f'font-size: 14px; color: {theme.TEXT};">{rows}</table>'
    )


def _clip(spans: Iterable[Sequence[int]], length: int) -> list[tuple[int, int]]:
    clipped = []
    for start, end in spans:
        start, end = max(0, int(start)), min(length, int(end))
        if end > start:
            clipped.append((start, end))
    return clipped


@dataclass(frozen=True)
class Evidence:
    """One highlighted stretch of the answer (a sentence) and the criteria it counts for."""

    start: int
    end: int
    met: tuple[str, ...]  # criterion ids this sentence met
    missed: tuple[str, ...]  # criterion ids this sentence cost, or came closest to
    suggestions: tuple[int, ...]  # numbers of the style suggestions about this sentence

    @property
    def kind(self) -> str:
        return "missed" if self.missed else "met"

    @property
    def label(self) -> str:
        parts = [f"\u2714 {c}" for c in self.met] + [f"\u2718 {c}" for c in self.missed]
        return " \u00b7 ".join(parts + [f"s{n}" for n in self.suggestions])


def _sentence_units(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Widen each span to the sentence(s) it touches; a span outside any sentence stays as it is.

    Why sentences: a highlight on every triggering word buried the answer under
    labels. The engine may report word spans or whole sentences; either way
    the learner sees one highlight per sentence.
    """
    from grader.analysis.text import Analysis

    analysis = Analysis(text)
    units = []
    for start, end in spans:
        first, last = analysis.sentence_of(start), analysis.sentence_of(max(start, end - 1))
        units.append((first[0] if first else start, last[1] if last else end))
    return units


def evidence(result: Result) -> list[Evidence]:
    """The answer's highlighted sentences, in text order, each naming every criterion that fired there.

    Overlapping stretches are merged, so a sentence that meets two criteria is
    one highlight listing both.
    """
    text = result.text
    marks: list[tuple[int, int, str, object]] = []  # (start, end, kind, criterion id or suggestion number)
    for criterion in result.criteria:
        kind = "met" if criterion.met else "missed"
        spans = _clip(criterion.spans, len(text))
        marks += [(s, e, kind, criterion.id) for s, e in _sentence_units(text, spans)]
    for number, suggestion in enumerate(result.suggestions, start=1):
        spans = _clip(suggestion.spans, len(text))
        marks += [(s, e, "suggestion", number) for s, e in _sentence_units(text, spans)]
    groups: list[list] = []  # [start, end, marks]
    for start, end, kind, what in sorted(marks, key=lambda m: (m[0], m[1])):
        if groups and start < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2].append((kind, what))
        else:
            groups.append([start, end, [(kind, what)]])
    found = []
    for start, end, members in groups:
        def ids(kind: str) -> tuple:
            return tuple(dict.fromkeys(what for k, what in members if k == kind))
        met, missed, suggestions = ids("met"), ids("missed"), ids("suggestion")
        found.append(Evidence(start, end, tuple(c for c in met if c not in missed), missed, suggestions))
    return found


def highlighted_answer_html(result: Result) -> str:
    """The answer with one highlight per sentence that counted, followed by a label naming the criteria.

    Sentences that only carry a style suggestion are not tinted (a suggestion
    costs nothing); they get a label so the numbered suggestion can be found.
    """
    text = result.text
    pieces: list[str] = []
    position = 0
    for unit in evidence(result):
        pieces.append(_esc(text[position:unit.start]))
        chunk = _esc(text[unit.start:unit.end])
        if unit.met or unit.missed:
            chunk = f'<mark style="{_MARKS[unit.kind]}" title="{_esc(unit.label)}">{chunk}</mark>'
        pieces.append(f'{chunk}<span class="multiplier-label" style="{_LABEL}">{_esc(unit.label)}</span>')
        position = unit.end
    pieces.append(_esc(text[position:]))
    return "".join(pieces)


def legend_html() -> str:
    """What the highlight colours and labels mean, shown above the highlighted answer."""
    return (
        f'<div style="color: {theme.MUTED}; font-size: 12px; margin-bottom: 4px;">'
        f'<mark style="{theme.MARK_MET}">met</mark> a sentence that met a criterion &nbsp; '
        f'<mark style="{theme.MARK_MISSED}">not yet</mark> a sentence that cost a criterion or came closest '
        f'to it &nbsp; <span style="{_LABEL}">\u2714 id \u00b7 \u2718 id</span> the criteria it counts for '
        "(s1, s2: a style suggestion below)</div>"
    )


def criteria_chips_html(result: Result, *, todo: bool = False) -> str:
    """Every criterion as a one-line chip (icon + id): the whole rubric visible in a single row.

    The live editor keeps this above the text box, so a learner typing sees all
    criteria at once without scrolling to the full panel.
    """
    chips = []
    for criterion in result.criteria:
        if todo:
            icon, colour, state = "\u2610", theme.MUTED, "to do"
        elif criterion.met:
            icon, colour, state = "\u2714", theme.MET, "met"
        else:
            icon, colour, state = "\u2718", theme.MISSED, "not yet"
        tip = _esc(f"{criterion.description} ({state}, {_number(criterion.earned)}/{_number(criterion.points)})")
        chips.append(
            f'<span title="{tip}" style="display: inline-block; border: 1px solid {colour}; color: {colour}; '
            'border-radius: 10px; padding: 0 8px; margin: 2px 4px 2px 0; font-size: 12px; font-weight: 600; '
            f'white-space: nowrap;">{icon} {_esc(criterion.id.replace("-", " "))}</span>'
        )
    score = "" if todo else (
        f'<strong style="margin-right: 8px;">{_number(result.score)}/{_number(result.max_score)}</strong>'
    )
    return f'<div class="multiplier-chips" style="{theme.FONT} color: {theme.TEXT};">{score}{"".join(chips)}</div>'


def _section(title: str, body: str) -> str:
    return (
        f'<div style="margin-top: 10px;"><div style="font-weight: 700; margin-bottom: 4px;">{title}</div>'
        f"{body}</div>"
    )


def _header(title: str, rubric: str) -> str:
    return (
        f'<div style="font-weight: 700; font-size: 15px;">{_esc(title)} '
        f'<span style="font-weight: 400; color: {theme.MUTED}; font-size: 12px;">rubric {_esc(rubric)}</span></div>'
    )


def _note() -> str:
    return (
        f'<div style="margin-top: 10px; padding-top: 6px; border-top: 1px solid {theme.RULE}; '
        f'color: {theme.MUTED}; font-size: 12px;">{HONESTY_NOTE}</div>'
    )


def _guard_notes(result: Result) -> list[str]:
    """The binding cap (when it lowered the score), every guard's flag and what coverage took off, as sentences."""
    notes = []
    if result.cap_binds:
        notes.append(result.cap.message)
    notes += [f"{flag.name}: {flag.message}" for flag in result.flags
              if not result.cap_binds or flag.name != result.cap.source]
    if result.coverage_lowers:
        notes.append(result.coverage.message)
    return notes


def _guard_notes_html(result: Result) -> list[str]:
    notes = _guard_notes(result)
    if not notes:
        return []
    items = "".join(f"<li>{_esc(note)}</li>" for note in notes)
    return [f'<div style="margin: 6px 0; padding: 4px 10px; border-left: 3px solid {theme.PARTIAL}; '
            f'background: {theme.tint(theme.PARTIAL, 14)}; color: {theme.TEXT};">'
            f'<ul style="margin: 0; padding-left: 18px;">{items}</ul></div>']


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
        f'<div style="color: {theme.MUTED};">{summary}</div>',
        *_guard_notes_html(result),
        criteria_table_html(result.criteria),
    ]
    answer = (
        f'{legend_html()}<div style="white-space: pre-wrap; border-left: 3px solid {theme.BORDER}; '
        f'padding: 4px 10px; background: {theme.SUBTLE_BACKGROUND}; color: {theme.TEXT};">'
        f"{highlighted_answer_html(result)}</div>"
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
    colour = theme.ERROR if error else theme.MUTED
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
