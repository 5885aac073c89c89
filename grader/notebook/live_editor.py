"""The live editor: rewrite a text and watch the feedback panel change as you type.

Grading runs in the kernel on every pause in typing (debounced: the Textarea
sends each keystroke, we wait ``debounce`` seconds of quiet before grading), so
a learner sees cause and effect without pressing anything. Every graded text
that differs from the previous one is an attempt in the history, which is what
lets a learner see themselves improve; the model answer unlocks after the first
attempt so it is a comparison, not a shortcut.
"""
from __future__ import annotations

import asyncio
import html
import threading
from dataclasses import dataclass

import grader
from grader.notebook.markdown import markdown_html
from grader.notebook.panel import EDITOR_INSTRUCTION, FeedbackPanel
from grader.notebook.rubric_info import rubric_exists, rubric_metadata, unknown_rubric_message

DEBOUNCE_SECONDS = 0.3
_SPARK = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
_CARD = (
    "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; font-size: 14px; line-height: 1.45; "
    "color: #1f2328; background: #ffffff; border: 1px solid #c8ccd1; border-radius: 6px; padding: 10px 12px; "
    "max-width: 60rem;"
)


@dataclass(frozen=True)
class Attempt:
    text: str
    score: float
    max_score: float


def sparkline(fractions: list[float]) -> str:
    """Scores as a row of bar characters: a trend readable without a chart."""
    return "".join(_SPARK[min(len(_SPARK) - 1, max(0, round(f * (len(_SPARK) - 1))))] for f in fractions)


def history_html(attempts: list[Attempt], shown: int = 12) -> str:
    """The attempt line. No colours forced: it sits on the notebook background, light or dark theme."""
    if not attempts:
        return '<div style="opacity: 0.8;">Attempts: none yet. Edit the text; each pause in typing is graded.</div>'
    fractions = [a.score / a.max_score if a.max_score else 0.0 for a in attempts]
    recent = attempts[-shown:]
    first_number = len(attempts) - len(recent) + 1
    items = " &rarr; ".join(
        f"<span>#{n}: <strong>{a.score:g}</strong>/{a.max_score:g}</span>"
        for n, a in enumerate(recent, start=first_number)
    )
    best = max(a.score for a in attempts)
    return (
        '<div><strong>Your attempts</strong> '
        f'<span style="font-family: monospace; font-size: 16px; letter-spacing: 1px;" '
        f'title="score of each attempt, oldest first">{sparkline(fractions)}</span> '
        f'(best {best:g}/{attempts[-1].max_score:g})<br><span style="font-size: 12px;">{items}</span></div>'
    )


class LiveEditor:
    """Textarea + feedback panel + attempt history + model-answer reveal; ``.widget`` is displayed."""

    def __init__(
        self,
        rubric: str,
        *,
        title: str = "",
        situation: str = "",
        prompt: str = "",
        starter: str = "",
        model_answer: str = "",
        debounce: float = DEBOUNCE_SECONDS,
    ) -> None:
        import ipywidgets as widgets

        self.rubric = rubric
        self.starter = starter
        self.model_answer = model_answer
        self.debounce = debounce
        self.attempts: list[Attempt] = []
        self._last_graded: str | None = None
        self._pending: object | None = None
        self._lock = threading.Lock()

        intro = ""
        if title:
            intro += f'<div style="font-weight: 700; font-size: 16px;">{html.escape(title)}</div>'
        if situation:
            intro += markdown_html(situation)
        if prompt:
            intro += f'<div style="margin-top: 6px;"><strong>Your task:</strong> {markdown_html(prompt)}</div>'
        self.intro = widgets.HTML(value=f'<div style="{_CARD}">{intro}</div>' if intro else "")
        self.editor = widgets.Textarea(
            value=starter,
            continuous_update=True,
            placeholder="Write here. Feedback updates when you pause typing.",
            layout=widgets.Layout(width="100%", max_width="60rem", height="12em"),
        )
        self.check_button = widgets.Button(description="Check now", icon="refresh",
                                           tooltip="Grade the text immediately")
        self.model_button = widgets.Button(
            description="Show model answer", icon="eye", disabled=True,
            tooltip="Unlocks after your first attempt", layout=widgets.Layout(width="auto"),
        )
        self.status = widgets.HTML(value="")
        self.history = widgets.HTML(value=history_html([]))
        self.model_view = widgets.HTML(value="")
        self.panel = FeedbackPanel()
        self.check_button.on_click(lambda _b: self.grade_now())
        self.model_button.on_click(lambda _b: self.show_model_answer())
        self.editor.observe(self._on_change, names="value")
        buttons = widgets.HBox([self.check_button, self.model_button, self.status])
        self.widget = widgets.VBox([self.intro, self.editor, buttons, self.history, self.panel.widget, self.model_view])
        if not model_answer:
            self.model_button.layout.display = "none"
        if not rubric_exists(rubric):
            self.panel.show_message("Unknown rubric", unknown_rubric_message(rubric))
            self.editor.disabled = True
            self.check_button.disabled = True
        else:
            self._grade(self.editor.value, record=False)  # the starter: a baseline, not an attempt

    # --- grading ---------------------------------------------------------------------
    def _grade(self, text: str, *, record: bool = True) -> None:
        try:
            result = grader.check(text, self.rubric)
        except Exception as error:  # keep the editor usable; the text stays in the box
            self.panel.show_message("The checker failed on this text", f"{type(error).__name__}: {error}")
            return
        if text.strip():
            self.panel.show(result)
        else:
            self.panel.show_empty(result, EDITOR_INSTRUCTION)
        if record and text != self._last_graded and text.strip():
            self.attempts.append(Attempt(text, result.score, result.max_score))
            self.history.value = history_html(self.attempts)
            self.model_button.disabled = False
            self.model_button.tooltip = "Compare your text with one that earns full marks"
        self._last_graded = text

    def grade_now(self) -> None:
        """Grade the current text immediately (Check button, tests)."""
        self._cancel_pending()
        self._grade(self.editor.value)

    def _on_change(self, change: dict) -> None:
        if self.debounce <= 0:
            self._grade(change["new"])
            return
        self._cancel_pending()
        self._schedule(self.debounce, self._fire)

    def _fire(self) -> None:
        with self._lock:
            self._pending = None
        text = self.editor.value
        if text != self._last_graded:
            self._grade(text)

    def _schedule(self, delay: float, callback) -> None:  # noqa: ANN001
        """Run ``callback`` after ``delay`` on the kernel's event loop (or a timer thread outside one)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        with self._lock:
            if loop is not None:
                self._pending = loop.call_later(delay, callback)
            else:
                timer = threading.Timer(delay, callback)
                timer.daemon = True
                self._pending = timer
                timer.start()

    def _cancel_pending(self) -> None:
        with self._lock:
            if self._pending is not None:
                self._pending.cancel()
                self._pending = None

    # --- model answer ------------------------------------------------------------------
    def show_model_answer(self) -> None:
        if not self.attempts:
            return
        self.model_view.value = (
            f'<div style="{_CARD}"><strong>A model answer</strong> (one good way, not the only one; '
            "compare it with yours: what does it say that yours does not?)"
            f'<div style="white-space: pre-wrap; border-left: 3px solid #1a7f37; padding: 4px 10px; '
            f'margin-top: 6px; background: #f6f8fa;">{html.escape(self.model_answer)}</div></div>'
        )

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003 - IPython protocol
        return self.widget._repr_mimebundle_(**kwargs)


def live_editor(scenario_id: str | None = None, *, rubric: str | None = None, prompt: str = "",
                starter: str = "", debounce: float = DEBOUNCE_SECONDS) -> LiveEditor:
    """A live editor for the ``rewrite`` scenario ``skill/name``, or for any rubric with a prompt.

    ``live_editor("pr-review/rewrite-harsh-comment")`` or
    ``live_editor(rubric="pr-review/comment", prompt="Review this diff...")``.
    """
    if scenario_id is None:
        if not rubric:
            raise TypeError("live_editor() needs a scenario id, or rubric=... (and a prompt)")
        meta = rubric_metadata(rubric) if rubric_exists(rubric) else {}
        return LiveEditor(rubric, title=meta.get("title", ""), prompt=prompt or meta.get("prompt", ""),
                          starter=starter, debounce=debounce)
    from grader.scenarios import load_scenario

    scenario = load_scenario(scenario_id)
    if scenario.kind != "rewrite":
        raise ValueError(f"{scenario.path}: '{scenario_id}' is a {scenario.kind} scenario; show it with scenario()")
    return LiveEditor(scenario.rubric, title=scenario.title, situation=scenario.situation, prompt=scenario.prompt,
                      starter=scenario.starter, model_answer=scenario.model_answer, debounce=debounce)
