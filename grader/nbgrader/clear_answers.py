"""Generate time: turn a model answer into the empty answer cell a learner sees.

Why a subclass of nbgrader's ``ClearSolutions`` rather than a separate step in
front of it: ``ClearSolutions`` replaces every solution cell that has no
``BEGIN SOLUTION`` region left with the *code* stub (``raise
NotImplementedError()``), so any step that removed the region first would have
its work overwritten. Taking ClearSolutions' place in the pipeline and handling
``%%answer`` cells before delegating everything else keeps nbgrader's own
behaviour (and its configuration, e.g. ``c.ClearSolutions.code_stub``) for
ordinary solution cells.
"""
from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import ClearSolutions

from grader.answers import PLACEHOLDER, is_answer_cell, parse_answer_cell


class AnswerCellError(RuntimeError):
    """An answer cell in a source notebook is set up so that it could not be graded."""


class ClearAnswerRegions(ClearSolutions):
    """Replace the SOLUTION region of ``%%answer`` cells with ``grader.answers.PLACEHOLDER``.

    The magic line stays, so the released cell still names its rubric and runs
    the live feedback panel; an untouched released cell parses as an empty
    answer and scores zero.
    """

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, cell_index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type != "code" or not is_answer_cell(cell.source) or not utils.is_solution(cell):
            return super().preprocess_cell(cell, resources, cell_index)
        grade_id = cell.metadata["nbgrader"].get("grade_id", f"cell {cell_index}")
        if not utils.is_grade(cell):
            raise AnswerCellError(
                f"Answer cell '{grade_id}' is a solution cell but not a graded one: "
                "set \"grade\": true and \"points\" in its nbgrader metadata "
                "(in JupyterLab: Create Assignment > 'Manually graded answer')."
            )
        parsed = parse_answer_cell(cell.source)
        _require_rubric(parsed.rubric, grade_id)
        _require_brief(parsed.brief, parsed.rubric, grade_id)
        cell.source = self._clear_answer(cell.source, grade_id)
        return cell, resources

    def _clear_answer(self, source: str, grade_id: str) -> str:
        """Keep the magic line and any text outside the solution region; drop the model answer."""
        magic_line, _, body = source.partition("\n")
        kept: list[str] = []
        in_solution = False
        found_region = False
        for line in body.split("\n"):
            if self.begin_solution_delimeter in line:
                if in_solution:
                    raise AnswerCellError(f"Answer cell '{grade_id}' has a nested BEGIN SOLUTION line.")
                in_solution = found_region = True
                kept.append(PLACEHOLDER)
            elif self.end_solution_delimeter in line:
                if not in_solution:
                    raise AnswerCellError(f"Answer cell '{grade_id}' has END SOLUTION without BEGIN SOLUTION.")
                in_solution = False
            elif not in_solution:
                kept.append(line)
        if in_solution:
            raise AnswerCellError(f"Answer cell '{grade_id}' has BEGIN SOLUTION without END SOLUTION.")
        if not found_region:
            # Like nbgrader for a solution cell without a region: the whole body is the solution.
            kept = [PLACEHOLDER]
        return "\n".join([magic_line, *kept]).rstrip("\n")



def _require_brief(brief_id: str | None, rubric_id: str, grade_id: str) -> None:
    """An answer cell's ``--brief`` must name a brief for the cell's rubric (checked at generate time)."""
    if brief_id is None:
        return
    from grader.brief import BriefError, load_brief

    try:
        brief = load_brief(brief_id)
    except BriefError as error:
        raise AnswerCellError(f"Answer cell '{grade_id}': {error}") from None
    if brief.rubric != rubric_id:
        raise AnswerCellError(f"Answer cell '{grade_id}': brief '{brief_id}' is for rubric '{brief.rubric}', "
                              f"not '{rubric_id}'.")


def _require_rubric(rubric_id: str | None, grade_id: str) -> None:
    """Fail at generate time, not at autograde time, when an answer cell names no loadable rubric."""
    from grader.rubric import RubricError, load_rubric

    if not rubric_id:
        raise AnswerCellError(f"Answer cell '{grade_id}' names no rubric: its first line must be "
                              "'%%answer <rubric-id>', e.g. '%%answer pr-review/comment'.")
    try:
        load_rubric(rubric_id)
    except RubricError as error:
        raise AnswerCellError(f"Answer cell '{grade_id}': {error}") from None
