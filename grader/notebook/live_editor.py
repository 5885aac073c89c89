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
import hashlib
import html
import threading
from dataclasses import asdict, dataclass
from datetime import datetime

import grader
from grader.notebook import theme
from grader.notebook.drafts import Draft, DraftError, DraftStore
from grader.notebook.markdown import markdown_html
from grader.notebook.panel import EDITOR_INSTRUCTION, FeedbackPanel, criteria_chips_html
from grader.notebook.rubric_info import rubric_exists, rubric_metadata, unknown_rubric_message
from grader.notebook.static_view import CONTINUE, CONTINUE_WITH_DRAFT, StaticView, display_with_static_view

DEBOUNCE_SECONDS = 0.3
_SPARK = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
_CARD = theme.CARD


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
        exercise: str = "",
        drafts: DraftStore | None = None,
    ) -> None:
        import ipywidgets as widgets

        self.rubric = rubric
        self.exercise = exercise or f"{rubric}-{hashlib.sha1(prompt.encode()).hexdigest()[:8]}"
        self.drafts = drafts if drafts is not None else DraftStore.for_this_kernel()
        self.starter = starter
        self.model_answer = model_answer
        self.debounce = debounce
        self.attempts: list[Attempt] = []
        self._last_graded: str | None = None
        self._pending: object | None = None
        self._restoring = False
        self._lock = threading.Lock()

        intro = ""
        if title:
            intro += f'<div style="font-weight: 700; font-size: 16px;">{html.escape(title)}</div>'
        if situation:
            intro += markdown_html(situation)
        if prompt:
            intro += f'<div style="margin-top: 6px;"><strong>Your task:</strong> {markdown_html(prompt)}</div>'
        self.intro_html = f'<div style="{_CARD}">{intro}</div>' if intro else ""
        self.intro = widgets.HTML(value=self.intro_html)
        self.summary = widgets.HTML(value="")  # one chip per criterion, kept above the text while typing
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
        self.widget = widgets.VBox([self.intro, self.summary, self.editor, buttons, self.history, self.panel.widget,
                                    self.model_view])
        self.static_view = StaticView("", CONTINUE_WITH_DRAFT if self.drafts.enabled else CONTINUE)
        self._last_result = None
        if not model_answer:
            self.model_button.layout.display = "none"
        if not rubric_exists(rubric):
            self.panel.show_message("Unknown rubric", unknown_rubric_message(rubric))
            self.editor.disabled = True
            self.check_button.disabled = True
            return
        self._restore_draft()
        self._grade(self.editor.value, record=False)  # the starter or draft: a baseline, not an attempt

    # --- drafts ----------------------------------------------------------------------
    def _restore_draft(self) -> None:
        """Put the saved text and attempts back (a rerun of the cell after a restart or reload)."""
        try:
            draft = self.drafts.load(self.exercise)
        except DraftError as error:
            self.status.value = f'<span style="color: {theme.ERROR};">{html.escape(str(error))}; it is kept ' \
                                "as it is and your new text is saved next to it.</span>"
            return
        if draft is None:
            return
        self.attempts = [Attempt(a["text"], float(a.get("score", 0)), float(a.get("max_score", 0)))
                         for a in draft.attempts]
        self._restoring = True  # putting the draft back is not typing: no save, no attempt
        try:
            self.editor.value = draft.text
        finally:
            self._restoring = False
        self.history.value = history_html(self.attempts)
        if self.attempts:
            self.model_button.disabled = False
        when = datetime.fromtimestamp(draft.saved_at).strftime("%d %b %H:%M") if draft.saved_at else "earlier"
        self.status.value = f"<em>Your draft from {when} is back.</em>"

    def _save_draft(self) -> None:
        try:
            self.drafts.save(self.exercise, Draft(self.editor.value, [asdict(a) for a in self.attempts]))
        except OSError as error:  # a full disk must not break typing; say it where the learner looks
            self.status.value = f'<span style="color: {theme.ERROR};">Draft not saved: ' \
                                f"{html.escape(error.strerror or str(error))}</span>"

    def _static_body(self) -> str:
        chips = criteria_chips_html(self._last_result) if self._last_result is not None else ""
        text = html.escape(self.editor.value) or "<em>(empty)</em>"
        return (
            f"{self.intro_html}<div style=\"margin-top: 8px;\">{chips}</div>"
            f'<div style="white-space: pre-wrap; border-left: 3px solid {theme.BORDER}; padding: 4px 10px; '
            f'margin-top: 6px; background: {theme.SUBTLE_BACKGROUND};">{text}</div>'
            f"<div style=\"margin-top: 6px;\">{history_html(self.attempts)}</div>"
        )

    # --- grading ---------------------------------------------------------------------
    def _grade(self, text: str, *, record: bool = True) -> None:
        try:
            result = grader.check(text, self.rubric)
        except Exception as error:  # keep the editor usable; the text stays in the box
            self.panel.show_message("The checker failed on this text", f"{type(error).__name__}: {error}")
            return
        self._last_result = result
        if text.strip():
            self.panel.show(result)
            self.summary.value = criteria_chips_html(result)
        else:
            self.panel.show_empty(result, EDITOR_INSTRUCTION)
            self.summary.value = criteria_chips_html(result, todo=True)
        if record and text != self._last_graded and text.strip():
            self.attempts.append(Attempt(text, result.score, result.max_score))
            self.history.value = history_html(self.attempts)
            self.model_button.disabled = False
            self.model_button.tooltip = "Compare your text with one that earns full marks"
            self._save_draft()
        self._last_graded = text
        self.static_view.update(self._static_body())

    def grade_now(self) -> None:
        """Grade the current text immediately (Check button, tests)."""
        self._cancel_pending()
        self._grade(self.editor.value)

    def _on_change(self, change: dict) -> None:
        if self._restoring:
            return
        self._save_draft()  # every keystroke: nothing typed is lost, even if the kernel dies before grading
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
            f'<div style="white-space: pre-wrap; border-left: 3px solid {theme.MET}; padding: 4px 10px; '
            f'margin-top: 6px; background: {theme.SUBTLE_BACKGROUND};">{html.escape(self.model_answer)}</div></div>'
        )

    def _ipython_display_(self) -> None:
        """Two outputs: the saved static view (shown after a restart) and the live widget."""
        self.static_view.update(self._static_body())
        display_with_static_view(self.widget, self.static_view)


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
                      starter=scenario.starter, model_answer=scenario.model_answer, debounce=debounce,
                      exercise=scenario_id)
