"""The tamper detector compares a submitted notebook (raw JSON) with the master copy."""
from __future__ import annotations

import copy

from grader.answers import PLACEHOLDER
from grader.nbgrader.master import MasterCell, MasterNotebook
from grader.nbgrader.tamper import detect_tampering, graded_copy, hidden_output_flag

ANSWER = f"%%answer pr-review/comment\n{PLACEHOLDER}"
TEST_MASTER = 'assert choice in "ABCD"\n### BEGIN HIDDEN TESTS\nassert choice == "B"\n### END HIDDEN TESTS'
TEST_RELEASED = 'assert choice in "ABCD"'

MASTER = MasterNotebook("a1", "nb", (
    MasterCell("setup", "code", "%load_ext grader", "x", True, False, False, False, None, None),
    MasterCell("answer", "code", ANSWER, "y", False, True, True, False, 10.0, "pr-review/comment"),
    MasterCell("choice", "code", "raise NotImplementedError()", "z", False, False, True, False, None, None),
    MasterCell("test", "code", TEST_MASTER, "w", True, True, False, False, 2.0, None),
), "python3")


def _cell(source: str, **nbgrader) -> dict:
    meta = {"nbgrader": {"schema_version": 3, **nbgrader}} if nbgrader else {}
    return {"cell_type": "code", "source": source, "metadata": meta, "outputs": [], "execution_count": None}


def released() -> dict:
    return {"metadata": {"kernelspec": {"name": "python3"}}, "cells": [
        _cell("%load_ext grader", grade_id="setup", locked=True, grade=False, solution=False),
        _cell(ANSWER, grade_id="answer", grade=True, solution=True, locked=False, points=10),
        _cell('choice = "C"', grade_id="choice", grade=False, solution=True, locked=False),
        _cell(TEST_RELEASED, grade_id="test", grade=True, solution=False, locked=True, points=2),
    ]}


def kinds(nb: dict) -> list[str]:
    return sorted(flag.kind for flag in detect_tampering(nb, MASTER))


def test_an_honest_submission_has_no_flags() -> None:
    nb = released()
    nb["cells"][1]["source"] = "%%answer pr-review/comment\nBlocking: this retries declined cards."
    assert detect_tampering(nb, MASTER) == []


def test_edited_and_deleted_test_cells() -> None:
    edited = released()
    edited["cells"][3]["source"] = "pass"
    assert kinds(edited) == ["edited-locked-cell"]
    deleted = released()
    del deleted["cells"][3]
    (flag,) = detect_tampering(deleted, MASTER)
    assert flag.kind == "missing-cell" and "Test cell 'test' was deleted" in flag.message


def test_changed_metadata_is_named_field_by_field() -> None:
    nb = released()
    nb["cells"][1]["metadata"]["nbgrader"].update(points=100, grade=False)
    (flag,) = detect_tampering(nb, MASTER)
    assert flag.kind == "changed-metadata" and flag.grade_id == "answer"
    assert "points 10 -> 100" in flag.message and "grade True -> False" in flag.message


def test_renamed_grade_id_leaves_the_answer_missing() -> None:
    nb = released()
    nb["cells"][1]["metadata"]["nbgrader"]["grade_id"] = "mine"
    assert kinds(nb) == ["missing-cell", "unknown-cell"]


def test_rubric_changed_or_magic_removed() -> None:
    nb = released()
    nb["cells"][1]["source"] = "%%answer docs/commit-message\nfixed stuff"
    assert kinds(nb) == ["rubric-changed"]
    nb["cells"][1]["source"] = "fixed stuff"
    assert kinds(nb) == ["magic-line-changed"]


def test_duplicate_answer_cell_grades_the_last_copy() -> None:
    nb = released()
    second = copy.deepcopy(nb["cells"][1])
    second["source"] = "%%answer pr-review/comment\nthe second copy"
    nb["cells"].insert(2, second)
    assert kinds(nb) == ["duplicate-cell"]
    assert graded_copy(nb, "answer")["source"].endswith("the second copy")


def test_extra_answer_cell_without_metadata() -> None:
    nb = released()
    nb["cells"].append(_cell("%%answer pr-review/comment\nanother answer"))
    assert kinds(nb) == ["extra-answer-cell"]


def test_kernel_redefinition_and_changed_kernel() -> None:
    nb = released()
    nb["cells"].insert(1, _cell("import grader\ngrader.check = lambda text, rubric: None"))
    nb["metadata"]["kernelspec"]["name"] = "ir"
    assert kinds(nb) == ["kernel-changed", "kernel-tampering"]


def test_leftover_metadata_on_an_ordinary_cell_is_not_a_flag() -> None:
    nb = released()
    nb["cells"].append(_cell("x = 1", grade_id="cell-3f2a", grade=False, solution=False, locked=False))
    assert kinds(nb) == []


def test_text_hidden_in_outputs() -> None:
    cell = _cell(ANSWER)
    prose = ("Blocking: retry_payment retries on every exception including CardDeclined, so a declined card is "
             "charged three times once the issuer recovers; could we retry only on timeouts and reuse the key?")
    cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": prose}]
    flag = hidden_output_flag(cell, cell["source"], "answer")
    assert flag is not None and flag.kind == "text-in-outputs"
    # the same words in the answer itself are what its feedback panel shows: no flag
    assert hidden_output_flag(cell, prose, "answer") is None


def test_malformed_metadata_does_not_crash() -> None:
    nb = released()
    nb["cells"][2]["metadata"]["nbgrader"] = "garbage"
    nb["cells"].append("not a cell")
    assert "invalid-metadata" in kinds(nb)


def test_feedback_of_an_earlier_run_is_not_hidden_text() -> None:
    """Learner ran the empty cell (to-do panel), then wrote the answer and saved without re-running."""
    import grader
    from grader.nbgrader.feedback import live_panel_text
    from grader.notebook.panel import render_empty_html

    text = "Blocking: `retry_payment()` retries on CardDeclined, so declined cards get charged twice. Retry on timeouts?"
    cell = _cell(f"%%answer pr-review/comment\n{text}")
    empty_panel = render_empty_html(grader.check("", "pr-review/comment"))
    cell["outputs"] = [{"output_type": "display_data", "metadata": {}, "data": {
        "text/html": empty_panel, "text/plain": "HTML(value='', layout=Layout(width='100%'))"}}]
    known = cell["source"] + "\n" + live_panel_text(grader.check(text, "pr-review/comment"))
    assert hidden_output_flag(cell, known, "answer") is None
