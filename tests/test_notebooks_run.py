"""Every lesson, instructor source and released exercise runs top to bottom in a fresh kernel.

A released exercise is what a learner runs with "Run All" before writing
anything: it must reach the last cell, each unanswered part saying so instead
of raising (nbgrader still scores those parts 0, see test_nbgrader_assignments).
"""
from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from notebook_files import committed_notebooks, relative

RUNNABLE = committed_notebooks("course", "solutions", "exercises")


@pytest.mark.parametrize("path", RUNNABLE, ids=relative)
def test_notebook_runs_top_to_bottom(path, tmp_path) -> None:
    notebook = nbformat.read(str(path), as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors, f"{relative(path)} raised {errors[0].get('ename')}: {errors[0].get('evalue')}"
    if relative(path).startswith("exercises"):  # nothing answered yet: every format check says so
        printed = "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                          for output in cell.get("outputs", []) if output.get("output_type") == "stream")
        checks = [cell for cell in notebook.cells if cell.cell_type == "code" and "not in globals()" in cell.source]
        assert checks and printed.count("is not answered yet") == len(checks)

