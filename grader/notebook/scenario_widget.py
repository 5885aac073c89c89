"""Judgement scenarios in lessons: pick the best option (single-choice) or order them (ranking).

The point of a scenario is the explanation, not the score: after Submit, every
option shows why it helps or hurts, with the learner's own choice and the best
answer marked, so a wrong pick teaches as much as a right one.
"""
from __future__ import annotations

import html

from grader.notebook import theme
from grader.notebook.markdown import markdown_html, markdown_inline_html, plain_label
from grader.notebook.static_view import StaticView, display_with_static_view
from grader.scenarios import Scenario

_CARD = theme.CARD
_GOOD, _BAD, _NEUTRAL = theme.MET, theme.MISSED, theme.NEUTRAL
NO_RANK = 0  # the dropdown's "choose a rank" entry (ipywidgets draws a None value as a blank box)
CONTINUE = "Run this cell (Shift+Enter) to answer this scenario."
# Stock RadioButtons give every label one fixed line height, so a long option
# overlaps the next one. A scoped style (plain CSS in an HTML widget, no frontend
# extension) lets labels wrap; the class is added to our RadioButtons only.
_CHOICE_CLASS = "multiplier-choice"
_CHOICE_STYLE = (
    f"<style>.{_CHOICE_CLASS} .widget-radio-box label {{ height: auto !important; white-space: normal; "
    "line-height: 1.4; padding: 3px 0; align-items: flex-start; }} "
    f".{_CHOICE_CLASS} .widget-radio-box input {{ margin-top: 3px; flex-shrink: 0; }}</style>"
)


def _letter(index: int) -> str:
    return chr(ord("A") + index)


LONG_OPTION = 100  # characters: longer options are shown as text blocks, chosen by letter


def has_long_options(scenario: Scenario) -> bool:
    return any(len(o.text.strip()) > LONG_OPTION or "\n" in o.text.strip() for o in scenario.options)


def options_html(scenario: Scenario) -> str:
    """The options as lettered blocks, for options too long to read as radio labels."""
    blocks = "".join(
        f'<div style="border-left: 3px solid {theme.BORDER}; padding: 2px 10px; margin: 8px 0;">'
        f"<strong>{_letter(i)}.</strong> {markdown_inline_html(o.text)}</div>"
        for i, o in enumerate(scenario.options)
    )
    return f'<div style="{_CARD} margin-top: 4px;">{blocks}</div>'


def situation_html(scenario: Scenario) -> str:
    return (
        f'<div style="{_CARD}"><div style="font-weight: 700; font-size: 16px;">{html.escape(scenario.title)}</div>'
        f"{markdown_html(scenario.situation)}"
        f'<div style="font-weight: 700; margin-top: 6px;">{html.escape(scenario.question)}</div></div>'
    )


def _option_block(label: str, option, badges: list[tuple[str, str]], verdict_colour: str) -> str:
    badge_html = " ".join(
        f'<span style="display: inline-block; border: 1px solid {colour}; color: {colour}; border-radius: 10px; '
        f'padding: 0 8px; font-size: 12px; font-weight: 700; margin-left: 4px;">{html.escape(text)}</span>'
        for text, colour in badges
    )
    return (
        f'<div style="border-left: 4px solid {verdict_colour}; padding: 4px 10px; margin: 8px 0;">'
        f'<div><strong>{label}.</strong> {markdown_inline_html(option.text)} {badge_html}</div>'
        f'<div style="color: {theme.MUTED}; margin-top: 2px;">{markdown_html(option.explanation)}</div></div>'
    )


def single_choice_feedback_html(scenario: Scenario, chosen_id: str) -> str:
    """Every option with its explanation; the learner's pick and the best answer marked in words."""
    chosen = scenario.option(chosen_id)
    letter = _letter([o.id for o in scenario.options].index(chosen_id))
    headline = (
        f'<div style="font-weight: 700; color: {_GOOD};">&#10004; Right: {letter} is the best choice. '
        "Every option's reasons are below.</div>"
        if chosen.correct
        else f'<div style="font-weight: 700; color: {_BAD};">&#10008; Not the best choice. '
        "Read why below, the best answer is marked.</div>"
    )
    blocks = []
    for index, option in enumerate(scenario.options):
        badges = []
        if option.id == chosen_id:
            badges.append(("your choice", _GOOD if option.correct else _BAD))
        if option.correct:
            badges.append(("\u2714 best answer", _GOOD))
        colour = _GOOD if option.correct else (_BAD if option.id == chosen_id else _NEUTRAL)
        blocks.append(_option_block(_letter(index), option, badges, colour))
    return f'<div style="{_CARD}">{headline}{"".join(blocks)}</div>'


def ranking_feedback_html(scenario: Scenario, learner_ranks: dict[str, int]) -> str:
    """Options in the expert order, each with the learner's rank next to the expert's."""
    exact = sum(learner_ranks[o.id] == o.rank for o in scenario.options)
    total = len(scenario.options)
    colour = _GOOD if exact == total else (_NEUTRAL if exact else _BAD)
    headline = (
        f'<div style="font-weight: 700; color: {colour};">You placed {exact} of {total} options where '
        "experienced engineers would. The expert order with the reasons:</div>"
    )
    letters = {option.id: _letter(i) for i, option in enumerate(scenario.options)}
    blocks = []
    for option in sorted(scenario.options, key=lambda o: o.rank):
        mine = learner_ranks[option.id]
        same = mine == option.rank
        badges = [
            (f"expert rank {option.rank}", _GOOD),
            (f"your rank {mine}" + (" \u2714" if same else ""), _GOOD if same else _BAD),
        ]
        blocks.append(_option_block(letters[option.id], option, badges, _GOOD if same else _BAD))
    return f'<div style="{_CARD}">{headline}{"".join(blocks)}</div>'


def ranking_problem(ranks: dict[str, int | None], size: int) -> str | None:
    """Why a ranking cannot be submitted yet, or None when each rank 1..size is used once."""
    missing = [option_id for option_id, rank in ranks.items() if rank in (None, NO_RANK)]
    if missing:
        return "Give every option a rank before submitting."
    used = sorted(rank for rank in ranks.values())
    duplicates = sorted({rank for rank in used if used.count(rank) > 1})
    if duplicates:
        return "Each rank can be used once; rank " + ", ".join(map(str, duplicates)) + " is used more than once."
    if used != list(range(1, size + 1)):
        return f"Use the ranks 1 to {size}, each once."
    return None


class ScenarioWidget:
    """The interactive scenario; ``.widget`` is what gets displayed."""

    def __init__(self, scenario: Scenario) -> None:
        import ipywidgets as widgets

        self.scenario = scenario
        self.feedback = widgets.HTML(value="")
        self.status = widgets.HTML(value="")
        self.submit = widgets.Button(description="Submit", button_style="primary", icon="check")
        self.submit.on_click(lambda _button: self.on_submit())
        header = widgets.HTML(value=_CHOICE_STYLE + situation_html(scenario))
        if scenario.kind == "single-choice":
            long_options = has_long_options(scenario)
            self.choice = widgets.RadioButtons(
                options=[(_letter(i) if long_options else f"{_letter(i)}. {plain_label(o.text)}", o.id)
                         for i, o in enumerate(scenario.options)],
                value=None,
                description="Your choice:" if long_options else "",
                orientation="horizontal" if long_options else "vertical",
                layout=widgets.Layout(width="auto", max_width="60rem"),
                style={"description_width": "initial" if long_options else "0px"},
            )
            self.choice.add_class(_CHOICE_CLASS)
            controls = [widgets.HTML(value=options_html(scenario)), self.choice] if long_options else [self.choice]
        elif scenario.kind == "ranking":
            size = len(scenario.options)
            self.rank_inputs = {}
            rows = [widgets.HTML(value=f"<em>Rank each option: 1 = best, {size} = worst. Use each rank once.</em>")]
            for index, option in enumerate(scenario.options):
                dropdown = widgets.Dropdown(
                    options=[("Rank\u2026", NO_RANK)] + [(str(r), r) for r in range(1, size + 1)],
                    value=NO_RANK,
                    layout=widgets.Layout(width="96px"),
                )
                self.rank_inputs[option.id] = dropdown
                text = widgets.HTML(value=f'<div style="line-height: 1.4;"><strong>{_letter(index)}.</strong> '
                                          f"{markdown_inline_html(option.text)}</div>",
                                    layout=widgets.Layout(max_width="52rem"))
                rows.append(widgets.HBox([dropdown, text], layout=widgets.Layout(align_items="center")))
            controls = rows
        else:
            raise ValueError(f"{scenario.path}: scenario kind '{scenario.kind}' is shown with live_editor(), not scenario()")
        self.widget = widgets.VBox([header, *controls, widgets.HBox([self.submit, self.status]), self.feedback])

    def on_submit(self) -> None:
        if self.scenario.kind == "single-choice":
            if self.choice.value is None:
                self.status.value = "<em>Pick one option first.</em>"
                return
            self.status.value = ""
            self.feedback.value = single_choice_feedback_html(self.scenario, self.choice.value)
            return
        ranks = {option_id: dropdown.value for option_id, dropdown in self.rank_inputs.items()}
        problem = ranking_problem(ranks, len(ranks))
        if problem:
            self.status.value = f'<span style="color: {_BAD}; font-weight: 700;">&#9888; {html.escape(problem)}</span>'
            return
        self.status.value = ""
        self.feedback.value = ranking_feedback_html(self.scenario, ranks)

    def static_html(self) -> str:
        """What the saved notebook shows without a kernel: the situation and every option, readable."""
        return situation_html(self.scenario) + options_html(self.scenario)

    def _ipython_display_(self) -> None:
        """Two outputs: the saved static view (shown after a restart) and the live widget."""
        display_with_static_view(self.widget, StaticView(self.static_html(), CONTINUE))


def scenario(scenario_id: str) -> ScenarioWidget:
    """Show the single-choice or ranking scenario ``skill/name`` (a lesson's judgement question)."""
    from grader.scenarios import load_scenario

    return ScenarioWidget(load_scenario(scenario_id))
