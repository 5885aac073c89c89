"""Generate time: ``ClearAnswerRegions`` empties answer cells and leaves other cells to nbgrader."""
from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from grader.answers import PLACEHOLDER, parse_answer_cell
from grader.nbgrader import AnswerCellError, ClearAnswerRegions


def _cell(source: str, **nbgrader) -> object:
    meta = {"grade": True, "solution": True, "locked": False, "points": 4, "grade_id": "a1", "schema_version": 3}
    meta.update(nbgrader)
    return new_code_cell(source, metadata={"nbgrader": meta})


def _run(*cells) -> list:
    nb = new_notebook(cells=list(cells), metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}})
    out, _ = ClearAnswerRegions().preprocess(nb, {})
    return out.cells


def test_answer_region_becomes_placeholder_and_keeps_magic_line() -> None:
    source = "%%answer pr-review/comment\n### BEGIN SOLUTION\nBlocking: retries re-charge declined cards.\n### END SOLUTION"
    (cell,) = _run(_cell(source))
    assert cell.source == f"%%answer pr-review/comment\n{PLACEHOLDER}"
    parsed = parse_answer_cell(cell.source)
    assert parsed.rubric == "pr-review/comment" and parsed.text == ""


def test_text_outside_the_region_is_kept() -> None:
    source = "%%answer docs/commit-message\nSummary line:\n### BEGIN SOLUTION\nFix retries\n### END SOLUTION\nRefs: INC-1"
    (cell,) = _run(_cell(source))
    assert cell.source == f"%%answer docs/commit-message\nSummary line:\n{PLACEHOLDER}\nRefs: INC-1"


def test_answer_without_region_is_cleared_whole() -> None:
    (cell,) = _run(_cell("%%answer pr-review/comment\nThe whole model answer."))
    assert cell.source == f"%%answer pr-review/comment\n{PLACEHOLDER}"


def test_ordinary_solution_cells_still_get_nbgrader_stub() -> None:
    (cell,) = _run(_cell('### BEGIN SOLUTION\nchoice = "B"\n### END SOLUTION', grade=False))
    assert "raise NotImplementedError()" in cell.source and "choice" not in cell.source


def test_ungraded_answer_solution_cell_is_refused() -> None:
    with pytest.raises(AnswerCellError, match="not a graded one"):
        _run(_cell("%%answer pr-review/comment\n### BEGIN SOLUTION\nx\n### END SOLUTION", grade=False))


def test_unterminated_region_is_refused() -> None:
    with pytest.raises(AnswerCellError, match="without END SOLUTION"):
        _run(_cell("%%answer pr-review/comment\n### BEGIN SOLUTION\nx"))


def test_unknown_rubric_is_refused_at_generate_time() -> None:
    with pytest.raises(AnswerCellError, match="'a1'.*unknown rubric 'pr-review/no-such-rubric'"):
        _run(_cell("%%answer pr-review/no-such-rubric\n### BEGIN SOLUTION\nx\n### END SOLUTION"))


def test_brief_stays_on_the_magic_line() -> None:
    first = "%%answer pr-review/comment --brief 01-pr-review/part1-comment"
    (cell,) = _run(_cell(f"{first}\n### BEGIN SOLUTION\nx\n### END SOLUTION"))
    assert cell.source == f"{first}\n{PLACEHOLDER}"
    assert parse_answer_cell(cell.source).brief == "01-pr-review/part1-comment"


def test_unknown_brief_is_refused_at_generate_time() -> None:
    with pytest.raises(AnswerCellError, match="'a1'.*unknown brief '01-pr-review/part9'"):
        _run(_cell("%%answer pr-review/comment --brief 01-pr-review/part9\n### BEGIN SOLUTION\nx\n### END SOLUTION"))


def test_brief_for_another_rubric_is_refused_at_generate_time() -> None:
    with pytest.raises(AnswerCellError, match="brief '01-pr-review/part1-comment' is for rubric 'pr-review/comment'"):
        _run(_cell("%%answer stakeholder/pitch --brief 01-pr-review/part1-comment\n### BEGIN SOLUTION\nx\n### END SOLUTION"))
