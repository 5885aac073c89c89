"""Say in one line what is wrong with a submitted notebook file nbgrader could not grade.

nbgrader reports a damaged file as a Python traceback in the middle of a long
log; an instructor grading 40 learners needs "alice: pr-review.ipynb is not
valid JSON (line 212, column 3)" and the reassurance that the file was left as
it was. Read-only: nothing here writes to submitted/.
"""
from __future__ import annotations

import json
from pathlib import Path


def diagnose_submission(folder: Path, notebooks: list[str]) -> list[str]:
    """Problems found in ``folder`` (submitted/<student>/<assignment>) for the expected notebook names."""
    import nbformat

    problems = []
    if not folder.is_dir():
        return [f"no submission folder {folder}"]
    for name in notebooks:
        path = folder / f"{name}.ipynb"
        if not path.is_file():
            problems.append(f"{path.name} was not submitted (nbgrader scores it 0)")
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(f"{path.name} is not a text file (not UTF-8); ask the learner to re-submit it")
            continue
        except json.JSONDecodeError as error:
            problems.append(f"{path.name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
                            "the file is damaged, ask the learner to re-submit it")
            continue
        try:
            nbformat.validate(nbformat.from_dict(data), version=4)
        except Exception as error:  # nbformat raises several types; the message is what matters
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            problems.append(f"{path.name} is JSON but not a valid notebook ({first_line})")
    return problems
