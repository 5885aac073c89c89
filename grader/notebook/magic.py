"""The ``%%answer <rubric-id>`` cell magic: grade the cell body and show the feedback panel.

The answer lives in the cell source (that is the design: it is saved with the
notebook and graded from the file by nbgrader and ``softskills progress``), so
the magic only shows feedback; it stores nothing. Parsing goes through
``grader.answers`` so the kernel and the file readers agree on what the answer is.
Nothing here raises into the notebook: a bad rubric id or an engine failure
becomes a boxed message under the cell.
"""
from __future__ import annotations

import linecache
import sys
import traceback

from IPython.display import display

import grader
from grader.answers import PLACEHOLDER, parse_answer_cell
from grader.brief import BriefError
from grader.notebook.panel import (
    StaticFeedback,
    render_empty_html,
    render_message_html,
    render_result_html,
    render_result_text,
)
from grader.notebook.rubric_info import rubric_exists, rubric_metadata, unknown_rubric_message


def _message(title: str, message: str) -> StaticFeedback:
    return StaticFeedback(render_message_html(title, message), f"{title}: {message}")


def feedback_for(source: str) -> StaticFeedback:
    """The feedback output for one answer cell source (magic line included). Never raises."""
    answer = parse_answer_cell(source)
    if answer is None or not answer.rubric or not rubric_exists(answer.rubric):
        return _message("Unknown rubric", unknown_rubric_message(answer.rubric if answer else None))
    try:
        result = grader.check(answer.text, answer.rubric, answer.brief)
    except BriefError as error:
        return _message("Unknown brief", f"{error}. The first line of this cell names a brief that does not exist; "
                                         "check it against the exercise as released.")
    except Exception as error:  # the learner's text must never crash their notebook
        return _message(
            "The checker failed on this answer",
            f"{type(error).__name__}: {error}\nYour answer is safe in the cell. "
            "Please report this to your instructor with the text that caused it.",
        )
    if not answer.text.strip():
        return StaticFeedback(render_empty_html(result),
                              f"{result.title}: write your answer in this cell, then run it for feedback.")
    return StaticFeedback(render_result_html(result), render_result_text(result))


def _run_python_answer(shell, code: str) -> None:  # noqa: ANN001 - IPython's InteractiveShell
    """Execute a ``format: python`` answer in the user namespace; show errors as tracebacks.

    The placeholder line of an untouched exercise is not Python, so it is blanked
    (not removed: traceback line numbers keep matching the cell).
    """
    code = code.replace(PLACEHOLDER, "")
    if not code.strip():
        return
    # A leading line stands for "%%answer ...", so traceback line numbers match the cell; the source is
    # registered with linecache so the traceback can show the learner's lines.
    source = "%%answer\n" + code
    filename = "<answer cell>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    try:
        exec(compile("\n" + code, filename, "exec"), shell.user_ns)  # noqa: S102 - the learner's own code
    except Exception:
        error_type, error, traceback_ = sys.exc_info()
        # start the traceback in the answer, not in this function (a SyntaxError has no deeper frame)
        shell.showtraceback((error_type, error, traceback_.tb_next or traceback_))


PROSE_CLASS = "multiplier-prose"  # marks a prose answer's output; the course CSS then shows the cell as prose


def answer(line: str, cell: str, shell=None) -> StaticFeedback:  # noqa: ANN001
    """Body of the ``%%answer`` magic (separate so tests can call it without a kernel)."""
    source = f"%%answer {line.strip()}\n{cell}"
    parsed = parse_answer_cell(source)
    python = False
    if parsed and parsed.rubric and rubric_exists(parsed.rubric):
        try:
            python = rubric_metadata(parsed.rubric).get("format") == "python"
        except Exception:  # unreadable metadata: grade as text, still show feedback
            traceback.print_exc()
        if python and shell is not None:
            _run_python_answer(shell, cell)
    feedback = feedback_for(source)
    if python:
        return feedback
    return StaticFeedback(f'<div class="{PROSE_CLASS}">{feedback.html}</div>', feedback.text)


WIDGET_HELPERS = ("scenario", "live_editor")


def _stay_reloadable(result=None) -> None:  # noqa: ANN001 - IPython's ExecutionResult
    """Forget that ``grader`` was loaded, so running a ``%load_ext grader`` cell again is silent.

    IPython answers a second ``%load_ext`` with "The grader extension is already
    loaded. To reload it...", which reads like an error to a learner who just
    followed "Run All". Loading is idempotent (it only registers the magic and the
    helpers again), so there is nothing to protect.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.extension_manager.loaded.discard("grader")


def load_ipython_extension(ipython) -> None:  # noqa: ANN001
    """Registered by ``%load_ext grader`` and by the course kernel at start (``softskills lab``).

    Registers the ``%%answer`` magic and puts ``scenario`` and ``live_editor``
    into the notebook's namespace (without replacing a name the learner chose),
    so an answer or widget cell also works when it is the first cell run.
    """

    def _answer_magic(line: str, cell: str) -> None:
        display(answer(line, cell, shell=ipython))

    _answer_magic.__doc__ = "Grade this cell's text with the rubric named on the first line and show feedback."
    ipython.register_magic_function(_answer_magic, magic_kind="cell", magic_name="answer")
    from grader.notebook import live_editor, scenario

    helpers = {"scenario": scenario, "live_editor": live_editor}
    ipython.push({name: helpers[name] for name in WIDGET_HELPERS if name not in ipython.user_ns})
    if _stay_reloadable not in ipython.events.callbacks["post_run_cell"]:
        ipython.events.register("post_run_cell", _stay_reloadable)
