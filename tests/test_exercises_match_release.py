"""The committed ``exercises/`` are exactly what ``nbgrader generate_assignment`` makes of ``solutions/``.

Self-study learners open exercises/ directly, and nbgrader checksums tie a
submission to the released cells: a hand-edited exercise would be graded
against a master it does not match. The whole generation runs in a temporary
copy (solutions/ + nbgrader_config.py), so the repository is never touched.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402

FIX = "fix: from the repository root run `nbgrader generate_assignment {a} --force` and commit exercises/{a}/"


@pytest.mark.nbgrader
def test_exercises_are_the_generated_release(tmp_path) -> None:
    solutions = C.REPO / "solutions"
    assignments = sorted(p.name for p in solutions.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))
    if not assignments:
        pytest.skip("no assignment under solutions/ yet")
    shutil.copytree(solutions, tmp_path / "solutions", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(C.REPO / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    C.run(tmp_path, "nbgrader", "generate_assignment", "*")

    problems = []
    for assignment in assignments:
        generated = _files(tmp_path / "exercises" / assignment)
        committed = _files(C.REPO / "exercises" / assignment)
        for name in sorted(set(generated) | set(committed)):
            if name not in committed:
                problems.append(f"exercises/{assignment}/{name} is missing; {FIX.format(a=assignment)}")
            elif name not in generated:
                problems.append(f"exercises/{assignment}/{name} has no source in solutions/{assignment}/")
            elif not _same(generated[name], committed[name]):
                problems.append(f"exercises/{assignment}/{name} differs from the generated release "
                                f"({_first_difference(generated[name], committed[name])}); {FIX.format(a=assignment)}")
    assert not problems, "\n".join(problems)


def _files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p for p in folder.rglob("*")
            if p.is_file() and ".ipynb_checkpoints" not in p.parts}


def _same(a: Path, b: Path) -> bool:
    if a.suffix == ".ipynb":  # compare notebooks as data: JSON formatting is not a difference
        return json.loads(a.read_text("utf-8")) == json.loads(b.read_text("utf-8"))
    return a.read_bytes() == b.read_bytes()


def _first_difference(generated: Path, committed: Path) -> str:
    if generated.suffix != ".ipynb":
        return "file contents"
    new, old = json.loads(generated.read_text("utf-8")), json.loads(committed.read_text("utf-8"))
    if len(new["cells"]) != len(old["cells"]):
        return f"{len(old['cells'])} cells committed, {len(new['cells'])} generated"
    for number, (n, o) in enumerate(zip(new["cells"], old["cells"]), start=1):
        if n != o:
            field = next((k for k in sorted(set(n) | set(o)) if n.get(k) != o.get(k)), "?")
            return f"cell {number}, field '{field}'"
    return "notebook metadata"
