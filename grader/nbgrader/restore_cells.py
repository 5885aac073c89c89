"""Autograde (sanitize step): give the submission exactly the master's graded cells, before nbgrader looks.

nbgrader's own sanitize steps trust too much or break on tampered files:
``OverwriteCells`` restores points, lock state and locked sources but keeps the
submission's ``grade``/``solution`` flags (untick "grade" on a test cell and it
is no longer graded); a renamed grade_id or a duplicated cell makes the
notebook fail metadata validation, so the learner gets an error instead of a
grade; and its ``add_missing_cells`` option crashes when a deleted cell follows
a locked-only cell or after ``DeduplicateIds`` emptied a duplicate's metadata.

This step runs right after ``ClearOutput`` and leaves a notebook in which

* every cell with a known grade_id carries the master's metadata (flags, points);
* cells with unknown grade_ids or unreadable metadata are ordinary cells;
* of several cells sharing a grade_id only the last keeps it (nbgrader's rule);
* deleted grade cells (tests, answers) are back, from the master copy, in
  their place in the source notebook, so a deleted test is run, not skipped,
  and a deleted answer is an empty answer.

Reporting what was changed is ``tamper.py``'s job; this step only logs.
"""
from __future__ import annotations

import json
import os

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbformat.v4 import new_code_cell, new_markdown_cell
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from grader.nbgrader.course import course_directory
from grader.nbgrader.master import MasterCell, MasterNotebook, load_master


class RestoreMasterCells(NbGraderPreprocessor):
    """Make the submission's nbgrader cells exactly the master copy's."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            master = load_master(gradebook, info["notebook"], info["assignment"])
        self._restore_metadata(nb, master)
        self._drop_duplicates(nb)
        self._put_back_missing(nb, master, self._source_order(info))
        return nb, resources

    def _restore_metadata(self, nb: NotebookNode, master: MasterNotebook) -> None:
        for number, cell in enumerate(nb.cells, start=1):
            if "nbgrader" not in cell.metadata:
                continue
            meta = cell.metadata["nbgrader"]
            grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
            master_cell = master.cell(grade_id) if isinstance(grade_id, str) else None
            if master_cell is None:
                self.log.warning("Cell %d has nbgrader metadata for no cell of the assignment (%r); treating it "
                                 "as an ordinary cell", number, grade_id)
                del cell.metadata["nbgrader"]
            else:
                cell.metadata["nbgrader"] = from_dict(_master_metadata(master_cell))

    def _drop_duplicates(self, nb: NotebookNode) -> None:
        last = {_grade_id(cell): index for index, cell in enumerate(nb.cells) if _grade_id(cell)}
        for index, cell in enumerate(nb.cells):
            grade_id = _grade_id(cell)
            if grade_id and last[grade_id] != index:
                self.log.warning("Cell %d repeats grade_id '%s'; only the last copy is graded", index + 1, grade_id)
                del cell.metadata["nbgrader"]

    def _put_back_missing(self, nb: NotebookNode, master: MasterNotebook, order: list[str]) -> None:
        present = {_grade_id(cell) for cell in nb.cells} - {None}
        for master_cell in master.cells:
            if not master_cell.grade or master_cell.grade_id in present:
                continue
            self.log.warning("Graded cell '%s' is missing from the submission; putting the master copy back",
                             master_cell.grade_id)
            nb.cells.insert(_position(nb, master_cell.grade_id, order), _master_cell(master_cell))
            present.add(master_cell.grade_id)

    def _source_order(self, info: dict) -> list[str]:
        """grade_ids in the order of the instructor's source notebook (the gradebook keeps no order)."""
        coursedir = course_directory(self)
        folder = coursedir.format_path(coursedir.source_directory, ".", info["assignment"])
        try:
            with open(os.path.join(folder, f"{info['notebook']}.ipynb"), encoding="utf-8") as handle:
                cells = json.load(handle)["cells"]
        except (OSError, ValueError, KeyError) as error:
            self.log.warning("Cannot read the source notebook for cell order (%s); missing cells go last", error)
            return []
        return [c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in cells]


def _grade_id(cell: NotebookNode) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def _master_metadata(master_cell: MasterCell) -> dict:
    # Only the master's keys survive: anything a learner added (a "score", another
    # schema_version) is dropped; OverwriteCells then sets the checksum.
    return {**master_cell.nbgrader_metadata(), "cell_type": master_cell.cell_type}


def _master_cell(master_cell: MasterCell) -> NotebookNode:
    make = new_code_cell if master_cell.cell_type == "code" else new_markdown_cell
    return make(source=master_cell.source, metadata={"nbgrader": _master_metadata(master_cell)})


def _position(nb: NotebookNode, grade_id: str, order: list[str]) -> int:
    """Right after the nearest cell that precedes ``grade_id`` in the source notebook; else at the end."""
    if grade_id not in order:
        return len(nb.cells)
    index_of = {_grade_id(cell): index for index, cell in enumerate(nb.cells) if _grade_id(cell)}
    for earlier in reversed(order[:order.index(grade_id)]):
        if earlier in index_of:
            return index_of[earlier] + 1
    return 0
