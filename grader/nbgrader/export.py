"""``nbgrader export`` that first checks the gradebook's seal (``seal.py``).

The CSV is nbgrader's own (same columns, lateness included); before writing it,
every score changed outside the grader and formgrader is logged as a warning
naming the learner and cell, so grades are not exported unnoticed.
"""
from __future__ import annotations

from nbgrader.api import Gradebook
from nbgrader.plugins import CsvExportPlugin

from grader.nbgrader import seal


class CheckedCsvExportPlugin(CsvExportPlugin):
    """nbgrader's CSV export, preceded by the seal check."""

    def export(self, gradebook: Gradebook) -> None:
        for assignment in gradebook.assignments:
            for change in seal.verify(gradebook, assignment.name):
                self.log.warning("[integrity] gradebook changed: %s, %s/%s cell '%s': %s", change["student"],
                                 assignment.name, change["notebook"], change["grade_id"], change["message"])
        super().export(gradebook)
