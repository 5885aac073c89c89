"""Quality gates for the curriculum (issue 4).

- every model answer in ``solutions/`` earns full marks on its rubric;
- every released answer cell in ``exercises/``, untouched, earns zero;
- every deliberately weak answer kept in ``tests/content/weak_answers/`` earns at most 40 %;
- every rewrite scenario's model answer earns full marks;
- every assignment has at least four graded items, two of them rubric-graded writing;
- together the assignments use all eight contract rubrics;
- every notebook's nbgrader metadata validates.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
import yaml

import grader
from grader.answers import parse_answer_cell
from notebook_files import REPO_ROOT, committed_notebooks, relative

CONTRACT_RUBRICS = {
    "pr-review/comment",
    "stakeholder/pitch",
    "mentorship/feedback",
    "async/help-request",
    "docs/commit-message",
    "docs/readme-why",
    "conflict/adr",
    "conflict/reply",
}
ASSIGNMENTS = [
    "01-pr-review/pr-review",
    "02-stakeholder-buy-in/stakeholder-buy-in",
    "03-mentorship/mentorship",
    "04-async-clarity/async-clarity",
    "05-architecture-conflict/architecture-conflict",
    "06-leading-change/leading-change",
    "07-authors-side/authors-side",
]
# The rubrics added with modules 6 and 7 (issue 10); criteria in tests/calibration/v2/NEW-RUBRICS.md.
CURRICULUM_V2_RUBRICS = {
    "change/rollout-plan",
    "change/status-update",
    "change/deprecation-notice",
    "pr-review/description",
    "pr-review/reply",
    "conflict/escalation-memo",
    "conflict/call-summary",
}
WEAK_ANSWER_CEILING = 0.40


def _answer_cells(path: Path) -> list[tuple[str, str, str]]:
    """(grade_id, rubric, text) for every answer cell of a notebook."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for cell in notebook["cells"]:
        parsed = parse_answer_cell("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
        if cell["cell_type"] == "code" and parsed is not None:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "?")
            found.append((grade_id, parsed.rubric, parsed.text))
    return found


def _weak_answers() -> list[dict]:
    items = []
    for path in sorted((REPO_ROOT / "tests" / "content" / "weak_answers").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            items.append({**item, "_file": path.name})
    return items


def _rewrite_scenarios() -> list[Path]:
    paths = []
    for path in sorted((REPO_ROOT / "grader" / "scenarios").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("kind") == "rewrite":
            paths.append(path)
    return paths


SOLUTIONS = committed_notebooks("solutions")
RELEASED = committed_notebooks("exercises")
MODEL_ANSWERS = [(path, *cell) for path in SOLUTIONS for cell in _answer_cells(path)]
RELEASED_ANSWERS = [(path, *cell) for path in RELEASED for cell in _answer_cells(path)]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_assignment_exists_in_solutions_and_exercises(assignment: str) -> None:
    for folder in ("solutions", "exercises"):
        path = REPO_ROOT / folder / f"{assignment}.ipynb"
        assert path.is_file(), f"missing {folder}/{assignment}.ipynb"


@pytest.mark.parametrize(
    "path, grade_id, rubric, text", MODEL_ANSWERS, ids=[f"{relative(p)}:{g}" for p, g, _, _ in MODEL_ANSWERS]
)
def test_model_answer_earns_full_marks(path: Path, grade_id: str, rubric: str, text: str) -> None:
    result = grader.check(text, rubric)
    missed = [c.id for c in result.criteria if not c.met]
    assert result.score == result.max_score, f"{relative(path)}:{grade_id} ({rubric}) misses {missed}"


@pytest.mark.parametrize(
    "path, grade_id, rubric, text", RELEASED_ANSWERS, ids=[f"{relative(p)}:{g}" for p, g, _, _ in RELEASED_ANSWERS]
)
def test_untouched_released_answer_earns_zero(path: Path, grade_id: str, rubric: str, text: str) -> None:
    assert text == "", f"{relative(path)}:{grade_id} still holds text after release: {text[:80]!r}"
    assert grader.check(text, rubric).score == 0


WEAK = _weak_answers()


@pytest.mark.parametrize("item", WEAK, ids=[f"{w['_file']}:{w['grade_id']}" for w in WEAK])
def test_weak_answer_earns_at_most_40_percent(item: dict) -> None:
    result = grader.check(item["text"], item["rubric"])
    assert result.fraction <= WEAK_ANSWER_CEILING, (
        f"weak answer for {item['grade_id']} earns {result.score}/{result.max_score}: "
        f"met {[c.id for c in result.criteria if c.met]}"
    )


def test_every_writing_exercise_has_a_weak_answer() -> None:
    written = {(relative(p).split("/")[1], g) for p, g, _, _ in MODEL_ANSWERS}
    weak = {(w["_file"].removesuffix(".yaml"), w["grade_id"]) for w in WEAK}
    assert written, "no writing exercises found in solutions/"
    assert written <= weak, f"writing exercises without a weak answer: {sorted(written - weak)}"


@pytest.mark.parametrize("path", _rewrite_scenarios(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_rewrite_scenario_model_answer_earns_full_marks(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = grader.check(data["model_answer"], data["rubric"])
    missed = [c.id for c in result.criteria if not c.met]
    assert result.score == result.max_score, f"{path.name}: model answer misses {missed}"


@pytest.mark.parametrize("path", SOLUTIONS, ids=relative)
def test_assignment_has_enough_graded_items(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    graded = [c for c in notebook["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade")]
    writing = _answer_cells(path)
    judgements = [c for c in graded if parse_answer_cell("".join(c["source"])) is None]
    assert len(graded) >= 4, f"{relative(path)} has {len(graded)} graded items, needs at least 4"
    assert len(writing) >= 2, f"{relative(path)} has {len(writing)} rubric-graded writing exercises, needs 2"
    assert judgements, f"{relative(path)} has no automatically graded judgement item"


def test_assignments_use_every_contract_rubric() -> None:
    used = {rubric for _, _, rubric, _ in MODEL_ANSWERS}
    assert CONTRACT_RUBRICS <= used, f"contract rubrics not used by any assignment: {sorted(CONTRACT_RUBRICS - used)}"


def test_assignments_use_every_curriculum_v2_rubric() -> None:
    used = {rubric for _, _, rubric, _ in MODEL_ANSWERS}
    missing = sorted(CURRICULUM_V2_RUBRICS - used)
    assert not missing, f"rubrics of modules 6 and 7 not used by any assignment: {missing}"


@pytest.mark.parametrize("path", SOLUTIONS + RELEASED, ids=relative)
def test_nbgrader_metadata_validates(path: Path) -> None:
    from nbgrader.nbgraderformat import MetadataValidator

    notebook = nbformat.read(str(path), as_version=4)
    MetadataValidator().validate_nb(notebook)
    grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in notebook.cells if "nbgrader" in c.metadata]
    assert len(grade_ids) == len(set(grade_ids)), f"{relative(path)}: duplicate grade_ids"
