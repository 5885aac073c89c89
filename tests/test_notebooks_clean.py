"""Course notebooks are committed clean: no outputs, no execution counts.

Outputs in git make diffs unreadable and can leak a model answer's feedback
into a student's copy, so a dirty notebook fails the build.
"""
from __future__ import annotations

import json

import pytest

from notebook_files import committed_notebooks, relative

NOTEBOOKS = committed_notebooks()


def test_there_are_notebooks_to_check() -> None:
    assert NOTEBOOKS, "no notebooks found under course/, solutions/ or exercises/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relative)
def test_notebook_has_no_outputs_or_execution_counts(path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        index
        for index, cell in enumerate(notebook["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not dirty, f"{relative(path)}: cells {dirty} carry outputs or execution counts; strip them before committing"
