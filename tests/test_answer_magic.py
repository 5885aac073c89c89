"""The %%answer magic: feedback under the cell, clear messages, never a crash."""
from __future__ import annotations

import html
import sys
from pathlib import Path

import pytest
from IPython.testing.globalipapp import get_ipython

from grader.answers import PLACEHOLDER
from grader.notebook import magic

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import fake_engine  # noqa: E402 - tests/fixtures/fake_engine.py


@pytest.fixture
def fake(monkeypatch):
    fake_engine.install(monkeypatch)


@pytest.fixture(scope="module")
def shell():
    ip = get_ipython()
    ip.run_line_magic("load_ext", "grader")
    return ip


def test_answer_is_graded_and_panel_shows_criteria(fake):
    panel = magic.answer("demo/comment", "Could we keep it because workers share it?\n")
    assert fake_engine.calls == [("Could we keep it because workers share it?", "demo/comment")]
    assert "5 / 5" in panel.html
    assert panel.html.count("Met</td>") == 2


def test_missed_criterion_shows_hint(fake):
    panel = magic.answer("demo/comment", "Put the lock back.")
    assert "Not yet</td>" in panel.html
    assert "Say why" in panel.html


def test_unknown_rubric_is_a_message_not_an_exception(fake):
    panel = magic.answer("nope/missing", "text")
    assert "There is no rubric called 'nope/missing'" in html.unescape(panel.html)
    assert "demo/comment" in panel.html  # lists what exists
    assert fake_engine.calls == []


def test_missing_rubric_id_is_explained(fake):
    panel = magic.answer("", "text")
    assert "does not name a rubric" in panel.html


def test_placeholder_answer_shows_todo_panel(fake):
    panel = magic.answer("demo/comment", PLACEHOLDER + "\n")
    assert "Write your answer here" in panel.html
    assert "To do</td>" in panel.html


def test_engine_failure_is_shown_and_answer_kept(fake, monkeypatch):
    import grader

    def broken(text, rubric, brief=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(grader, "check", broken)
    panel = magic.answer("demo/comment", "hello")
    assert "RuntimeError: boom" in panel.html
    assert "Your answer is safe" in panel.html


def test_magic_is_registered_by_load_ext(shell):
    assert "answer" in shell.magics_manager.magics["cell"]


def test_python_answer_runs_in_user_namespace_and_is_graded(fake, shell):
    code = 'def cache_ttl():\n    """Five minutes: the upstream API rate-limits us."""\n    return 300\n'
    panel = magic.answer("demo/code", code, shell=shell)
    assert shell.user_ns["cache_ttl"]() == 300
    assert "2 / 2" in panel.html


def test_python_answer_error_shows_traceback_and_still_feedback(fake, shell, capsys):
    panel = magic.answer("demo/code", "def f(:\n    pass\n", shell=shell)
    out = capsys.readouterr()
    assert "SyntaxError" in out.out + out.err
    assert "0 / 2" in panel.html


def test_prose_answer_is_not_executed(fake, shell):
    shell.user_ns.pop("leaked", None)
    magic.answer("demo/comment", "leaked = 1")
    magic.answer("demo/comment", "leaked = 1", shell=shell)
    assert "leaked" not in shell.user_ns


def test_cell_magic_displays_panel_through_ipython(fake, shell, capsys):
    shell.run_cell("%%answer demo/comment\nWhy not keep it because it is shared?\n")
    out = capsys.readouterr().out
    assert "Error" not in out
    assert fake_engine.calls[-1] == ("Why not keep it because it is shared?", "demo/comment")


def test_real_engine_and_rubric_end_to_end():
    """With the shipped engine and rubric: a weak comment misses criteria and says which."""
    panel = magic.answer("pr-review/comment", "Put the lock back.\n")
    assert "Not yet</td>" in panel.html
    assert "[explains-why]" in panel.html


def test_real_python_rubric_executes_code(shell):
    code = 'def refund_cents(days_left: int) -> int:\n    """Why: prorate monthly plans."""\n    return days_left * 10\n'
    magic.answer("async/self-documenting-code", code, shell=shell)
    assert shell.user_ns["refund_cents"](3) == 30


def test_output_is_plain_html_saved_with_the_notebook(fake):
    """No widget: the panel must survive closing and reopening the notebook without a kernel."""
    bundle = magic.answer("demo/comment", "Why keep it?")._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    assert "Demo review comment (demo/comment): 2 / 5 points" in bundle["text/plain"]


def test_untouched_python_answer_is_not_a_syntax_error(fake, shell, capsys):
    """A released code exercise holds the (non-Python) placeholder line until the learner writes."""
    panel = magic.answer("demo/code", PLACEHOLDER + "\n", shell=shell)
    captured = capsys.readouterr()
    assert "SyntaxError" not in captured.out + captured.err
    assert "Write your answer here" in panel.html


def test_python_traceback_line_numbers_match_the_cell(fake, shell, capsys):
    magic.answer("demo/code", "x = 1\nraise ValueError('on cell line 3')\n", shell=shell)
    captured = capsys.readouterr()
    assert "line 3" in captured.out + captured.err


def test_brief_on_the_magic_line_is_parsed_and_passed_to_the_grader(fake):
    from grader.answers import parse_answer_cell

    parsed = parse_answer_cell("%%answer demo/comment --brief 01-pr-review/part1-comment\nWhy not?\n")
    assert (parsed.rubric, parsed.brief, parsed.text) == ("demo/comment", "01-pr-review/part1-comment", "Why not?")
    assert parse_answer_cell("%%answer demo/comment\nWhy not?").brief is None
    magic.answer("demo/comment --brief 01-pr-review/part1-comment", "Why not?\n")
    assert fake_engine.calls[-1] == ("Why not?", "demo/comment", "01-pr-review/part1-comment")


def test_unknown_brief_is_a_message_not_an_exception():
    panel = magic.answer("pr-review/comment --brief 01-pr-review/no-such-part", "Could we cap `retries` at 3?\n")
    assert "Unknown brief" in panel.html and "no-such-part" in html.unescape(panel.html)


def test_loading_twice_is_silent_and_helpers_are_ready(shell, capsys):
    shell.run_cell("%load_ext grader")
    shell.run_cell("%load_ext grader")
    assert "already loaded" not in capsys.readouterr().out
    assert callable(shell.user_ns["scenario"]) and callable(shell.user_ns["live_editor"])


def test_loading_keeps_a_name_the_learner_chose(shell):
    shell.user_ns["scenario"] = "my own variable"
    try:
        shell.run_cell("%load_ext grader")
        assert shell.user_ns["scenario"] == "my own variable"
    finally:
        del shell.user_ns["scenario"]


def test_prose_answers_are_marked_so_the_cell_reads_as_prose():
    assert 'class="multiplier-prose"' in magic.answer("pr-review/comment", "Why keep it?").html
    code = magic.answer("async/self-documenting-code", "def f():\n    return 1\n")
    assert "multiplier-prose" not in code.html
