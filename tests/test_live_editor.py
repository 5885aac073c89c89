"""The live editor: grades as you type (debounced), records attempts, unlocks the model answer."""
from __future__ import annotations

import html
import sys
import time
from pathlib import Path

import pytest

from grader.notebook import live_editor
from grader.notebook.live_editor import history_html, sparkline

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import fake_engine  # noqa: E402 - tests/fixtures/fake_engine.py


@pytest.fixture
def fake(monkeypatch):
    fake_engine.install(monkeypatch)
    monkeypatch.delenv("MULTIPLIER_WORKSPACE", raising=False)  # no drafts on disk unless a test asks


@pytest.fixture
def workspace(fake, monkeypatch, tmp_path):
    """A kernel started by ``softskills lab`` for course/01-pr-review.ipynb in a workspace."""
    monkeypatch.setenv("MULTIPLIER_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("JPY_SESSION_NAME", "course/01-pr-review.ipynb")
    return tmp_path


def test_typing_is_saved_as_a_draft_and_comes_back_when_the_cell_runs_again(workspace):
    editor = live_editor("demo/rewrite", debounce=0)
    editor.editor.value = "Could we keep the lock?"
    editor.editor.value = "Could we keep the lock because workers share it?"
    draft = workspace / ".multiplier/drafts/course/01-pr-review/demo__rewrite.json"
    assert draft.is_file()
    assert not list(draft.parent.glob("*.tmp"))  # written with an atomic replace

    again = live_editor("demo/rewrite", debounce=0)  # the cell runs again in a new kernel
    assert again.editor.value == "Could we keep the lock because workers share it?"
    assert [a.score for a in again.attempts] == [2, 5]
    assert "#2: <strong>5</strong>/5" in again.history.value
    assert not again.model_button.disabled
    assert "is back" in again.status.value
    assert again.attempts == editor.attempts  # restoring is not a new attempt


def test_each_keystroke_is_saved_before_grading(workspace):
    editor = live_editor("demo/rewrite", debounce=60)  # grading would only run a minute later
    editor.editor.value = "Could we keep the lo"
    assert live_editor("demo/rewrite", debounce=0).editor.value == "Could we keep the lo"


def test_drafts_are_per_notebook(workspace, monkeypatch):
    live_editor("demo/rewrite", debounce=0).editor.value = "text in lesson one"
    monkeypatch.setenv("JPY_SESSION_NAME", "course/00-start-here.ipynb")
    assert live_editor("demo/rewrite", debounce=0).editor.value == "Put the lock back.\n"


def test_unreadable_draft_is_reported_and_kept_aside(workspace):
    draft = workspace / ".multiplier/drafts/course/01-pr-review/demo__rewrite.json"
    draft.parent.mkdir(parents=True)
    draft.write_text("{not json")
    editor = live_editor("demo/rewrite", debounce=0)
    assert "could not read your saved draft" in editor.status.value
    assert editor.editor.value == "Put the lock back.\n"
    editor.editor.value = "new text"
    kept = list(draft.parent.glob("demo__rewrite.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"
    assert "new text" in draft.read_text()


def test_static_view_shows_the_text_and_how_to_continue(workspace):
    editor = live_editor("demo/rewrite", debounce=0)
    editor.editor.value = "Could we keep the <b>lock</b>?"
    bundle = editor.static_view.bundle()
    assert "Run this cell to continue \u2014 your draft is kept." in bundle["text/html"]
    assert "Could we keep the &lt;b&gt;lock&lt;/b&gt;?" in bundle["text/html"]
    assert "multiplier-static" in bundle["text/html"] and "multiplier-live" in bundle["text/html"]


def test_criteria_summary_stays_above_the_text_box(fake):
    editor = live_editor("demo/rewrite", debounce=0)
    children = list(editor.widget.children)
    assert children.index(editor.summary) < children.index(editor.editor)
    editor.editor.value = "Could we keep the lock?"
    assert editor.summary.value.count("\u2714") + editor.summary.value.count("\u2718") == len(
        editor._last_result.criteria)


def test_starter_is_graded_as_baseline_not_attempt(fake):
    editor = live_editor("demo/rewrite", debounce=0)
    assert editor.editor.value == "Put the lock back.\n"
    assert "0 / 5" in editor.panel.html
    assert editor.attempts == []
    assert editor.model_button.disabled
    assert "Soften the comment" in editor.intro.value and "asks and explains" in editor.intro.value


def test_typing_updates_panel_and_history(fake):
    editor = live_editor("demo/rewrite", debounce=0)
    editor.editor.value = "Could we keep the lock?"
    assert "2 / 5" in editor.panel.html
    editor.editor.value = "Could we keep the lock because workers share it?"
    assert "5 / 5" in editor.panel.html
    assert [a.score for a in editor.attempts] == [2, 5]
    assert "#2: <strong>5</strong>/5" in editor.history.value
    assert not editor.model_button.disabled


def test_model_answer_only_after_an_attempt(fake):
    editor = live_editor("demo/rewrite", debounce=0)
    editor.show_model_answer()
    assert editor.model_view.value == ""
    editor.editor.value = "Keep it because <b>shared</b>"
    editor.model_button.click()
    assert "It is needed because the cache is shared" in editor.model_view.value


def test_unchanged_text_is_not_a_new_attempt(fake):
    editor = live_editor("demo/rewrite", debounce=0)
    editor.editor.value = "Why?"
    editor.grade_now()
    editor.grade_now()
    assert len(editor.attempts) == 1


def test_debounce_grades_once_after_a_pause(fake):
    editor = live_editor("demo/rewrite", debounce=0.2)
    fake_engine.calls.clear()
    for text in ["C", "Co", "Cou", "Could we?"]:
        editor.editor.value = text
    time.sleep(0.6)
    assert fake_engine.calls == [("Could we?", "demo/comment")]
    assert [a.text for a in editor.attempts] == ["Could we?"]


def test_learner_text_is_escaped_in_panel(fake):
    editor = live_editor("demo/rewrite", debounce=0)
    editor.editor.value = "<script>alert(1)</script>"
    assert "<script>" not in editor.panel.html


def test_empty_text_shows_todo_panel(fake):
    editor = live_editor("demo/rewrite", debounce=0)
    editor.editor.value = ""
    assert "Write your answer here" in editor.panel.html
    assert "type in the box above" in editor.panel.html and "Shift+Enter" not in editor.panel.html
    assert editor.attempts == []


def test_rubric_and_prompt_without_yaml(fake):
    editor = live_editor(rubric="demo/comment", prompt="Review **this** diff", debounce=0)
    assert "<strong>this</strong>" in editor.intro.value
    assert editor.model_button.layout.display == "none"  # no model answer to show
    editor.editor.value = "why?"
    assert len(editor.attempts) == 1


def test_unknown_rubric_is_a_message(fake):
    editor = live_editor(rubric="nope/none", debounce=0)
    assert "There is no rubric called 'nope/none'" in html.unescape(editor.panel.html)
    assert editor.editor.disabled


def test_wrong_kind_and_missing_arguments(fake):
    with pytest.raises(ValueError, match="scenario\\(\\)"):
        live_editor("demo/pick")
    with pytest.raises(TypeError):
        live_editor()


def test_sparkline_and_history():
    assert sparkline([0.0, 0.5, 1.0]) == "\u2581\u2585\u2588"
    assert "none yet" in history_html([])


def test_a_long_history_keeps_every_score_but_only_recent_texts(workspace):
    import json

    editor = live_editor("demo/rewrite", debounce=0)
    for number in range(15):
        editor.editor.value = f"Could we keep the lock? Attempt {number}."
    saved = json.loads((workspace / ".multiplier/drafts/course/01-pr-review/demo__rewrite.json").read_text())
    assert len(saved["attempts"]) == 15
    assert [a["text"] for a in saved["attempts"][:5]] == [""] * 5
    assert saved["attempts"][-1]["text"] == "Could we keep the lock? Attempt 14."
    assert len(live_editor("demo/rewrite", debounce=0).attempts) == 15
