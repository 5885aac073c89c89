"""Autograde (sanitize step): put the master's nbgrader metadata back on every known cell.

nbgrader's own ``OverwriteCells`` restores points, locked state, cell type and
locked sources, but trusts the submission's ``grade`` / ``solution`` / ``task``
flags: a learner who unticks "grade" on a test cell would turn it into an
ungraded cell, and a cell whose grade_id was renamed makes the notebook fail
metadata validation, so the whole submission errors out. This step runs before
``DeduplicateIds`` and ``OverwriteCells`` and makes every cell either exactly
what the master says (known grade_id) or an ordinary cell (unknown grade_id or
unreadable metadata). Reporting what was changed is ``tamper.py``'s job.
"""
from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from grader.nbgrader.master import MasterNotebook, load_master


class RestoreMasterMetadata(NbGraderPreprocessor):
    """Overwrite each cell's nbgrader flags and points with the master copy's."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            self._master = load_master(gradebook, info["notebook"], info["assignment"])
        return super().preprocess(nb, resources)

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, cell_index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        if "nbgrader" not in cell.metadata:
            return cell, resources
        restored = _restored_metadata(cell.metadata["nbgrader"], self._master)
        if restored is None:
            self.log.warning("Cell %d has nbgrader metadata for no cell of the assignment; treating it as "
                             "an ordinary cell", cell_index + 1)
            del cell.metadata["nbgrader"]
        else:
            cell.metadata["nbgrader"] = from_dict(restored)
        return cell, resources


def _restored_metadata(meta: object, master: MasterNotebook) -> dict | None:
    grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
    master_cell = master.cell(grade_id) if isinstance(grade_id, str) else None
    if master_cell is None:
        return None
    # Only the master's keys survive: anything a learner added (a "score", a
    # future schema_version) is dropped; OverwriteCells then sets the checksum.
    return {**master_cell.nbgrader_metadata(), "cell_type": master_cell.cell_type}
