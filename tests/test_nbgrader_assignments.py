"""Every assignment under solutions/ grades sensibly through the real nbgrader pipeline.

One course with all assignments, three learners each: the model answers and
solutions must earn full marks, the content authors' weak answers less, an
untouched notebook zero. This is the integration check between the content
(notebooks, hidden tests, rubrics) and the grading glue.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402

pytestmark = pytest.mark.nbgrader
ASSIGNMENTS = sorted(p.name for p in (C.REPO / "solutions").glob("*") if any(p.glob("*.ipynb")))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    if not ASSIGNMENTS:
        pytest.skip("no assignment under solutions/ yet")
    root = tmp_path_factory.mktemp("assignments")
    shutil.copy(C.REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(C.REPO / "solutions", root / "solutions", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    C.run(root, "nbgrader", "generate_assignment", "*")
    assignments = {}
    for name in ASSIGNMENTS:
        a = assignments[name] = C.Assignment.from_course(root, name)
        for student, build in (("model", C.excellent), ("weak", C.weak), ("blank", C.blank)):
            C.write(root, student, a, build(a))
    run = C.run(root, "nbgrader", "autograde", "*", check=False)
    return root, assignments, run


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_assignment_grades_model_weak_and_blank(course, name: str) -> None:
    root, assignments, run = course
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    a = assignments[name]
    scores = C.gradebook_scores(root, name)
    totals = {s: sum(v[0] or 0.0 for k, v in scores.items() if k[0] == s) for s in ("model", "weak", "blank")}
    not_full = {k[2]: v for k, v in scores.items() if k[0] == "model" and v[0] != v[2]}
    assert not not_full, f"{name}: model answers/solutions below full marks: {not_full}"
    assert totals["model"] == sum(a.points.values())
    assert 0 < totals["weak"] < totals["model"]
    assert totals["blank"] == 0.0
    model_flags = [line for line in (run.stdout + run.stderr).splitlines() if "[integrity] student 'model'" in line]
    assert all("repeats the model answer in solutions/" in line for line in model_flags), model_flags
