"""Every lesson and every instructor source notebook runs top to bottom in a fresh kernel.

Released exercises are excluded on purpose: their scenario cells hold
``raise NotImplementedError()`` until the learner answers.
"""
from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from notebook_files import committed_notebooks, relative

RUNNABLE = committed_notebooks("course", "solutions")


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
