"""generate_feedback: put the item's score, in the item's points, on top of each answer's feedback panel.

The panel is rendered at autograde time in *rubric* points ("3 / 4 points"),
while nbgrader's feedback page shows the cell's score in the *item's* points
("Score: 7.5 / 10.0"), and an instructor's later override is only in the
gradebook. Read side by side they contradicted each other. This step runs after
nbgrader's ``GetGrades`` (which put the gradebook's score on the cell) and adds
one line above the panel: the score that counts, who set it, and the automatic
score marked as such when an instructor overrode it.
"""
from __future__ import annotations

import html

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

PANEL_MARK = "multiplier-feedback"


class AnnotateFeedbackScores(NbGraderPreprocessor):
    """Prefix every answer cell's feedback panel with the score that counts."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            for cell in nb.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                panel = _panel_output(cell)
                if grade_id is None or panel is None:
                    continue
                grade = gradebook.find_grade(grade_id, info["notebook"], info["assignment"], info["student"])
                line = score_line(grade.auto_score, grade.manual_score, grade.max_score)
                panel.data["text/html"] = f'<div class="multiplier-score">{html.escape(line)}</div>' + \
                    _text(panel.data["text/html"])
        return nb, resources


def score_line(auto: float | None, manual: float | None, points: float) -> str:
    """One sentence: the score that counts and where it came from."""
    if manual is not None:
        automatic = f"{auto:g} / {points:g}" if auto is not None else "none"
        return (f"Your score: {manual:g} / {points:g} points, set by your instructor "
                f"(automatic score: {automatic}; the automatic feedback below is for reference).")
    if auto is None:
        return f"Your score: not yet set (0 / {points:g} points until your instructor grades it)."
    return (f"Your score: {auto:g} / {points:g} points (automatic: the rubric points below, "
            f"scaled to this item's {points:g} points).")


def _panel_output(cell: NotebookNode):  # noqa: ANN202 - an nbformat output node or None
    for output in cell.get("outputs", []):
        if output.get("output_type") == "display_data" and PANEL_MARK in _text(output.get("data", {}).get("text/html", "")):
            return output
    return None


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)
