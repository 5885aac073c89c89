"""Rubric files: every shipped rubric loads; broken ones fail with located messages."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import grader
from grader.rubric import RubricError, UnknownRubricError, load_file, load_rubric, rubric_ids

CONTRACT = {
    "pr-review/comment": {"respectful-tone", "specific", "explains-why", "suggests-path"},
    "stakeholder/pitch": {"business-impact", "quantified", "plain-language", "clear-ask"},
    "mentorship/feedback": {"situation", "behavior", "impact", "next-step", "respectful-tone"},
    "async/help-request": {"context", "observed-behavior", "expected-behavior", "steps-to-reproduce", "evidence", "environment", "clear-ask"},
    "docs/commit-message": {"summary-line", "describes-what", "explains-why"},
    "docs/readme-why": {"explains-why", "trade-offs"},
    "conflict/adr": {"context", "options", "decision-drivers", "trade-offs", "decision", "consequences"},
    "conflict/reply": {"acknowledges-view", "product-framing", "proposes-next-step", "respectful-tone"},
}


# Rubrics of modules 6 and 7 (issue 10); each criterion is defined in tests/calibration/v2/NEW-RUBRICS.md.
CURRICULUM_V2 = {
    "change/rollout-plan": {"scope", "owners", "go-no-go", "rollback", "communication"},
    "change/status-update": {"headline", "what-changed", "confidence", "asks", "no-spin"},
    "change/deprecation-notice": {"what-and-when", "why", "who-is-affected", "migration-steps", "help"},
    "pr-review/description": {"what-and-why", "review-guide", "testing", "risk"},
    "pr-review/reply": {"accepts-valid", "evidence-pushback", "defers-taste", "respectful-tone"},
    "conflict/escalation-memo": {"decision-asked", "options-fairly", "shared-facts", "consequences"},
    "conflict/call-summary": {"context", "decisions", "open-questions", "next-steps"},
}


def test_every_curriculum_v2_rubric_has_exactly_its_documented_criteria() -> None:
    documented = (Path(__file__).parent / "calibration" / "v2" / "NEW-RUBRICS.md").read_text(encoding="utf-8")
    for rubric_id, criteria in CURRICULUM_V2.items():
        assert {c.id for c in load_rubric(rubric_id).criteria} == criteria, rubric_id
        assert f"## {rubric_id} " in documented, f"{rubric_id} has no section in NEW-RUBRICS.md"
        missing = [c for c in criteria if f"- `{c}`:" not in documented]
        assert not missing, f"{rubric_id}: criteria without a definition in NEW-RUBRICS.md: {missing}"


def test_every_contract_rubric_has_its_criteria() -> None:
    for rubric_id, criteria in CONTRACT.items():
        rubric = load_rubric(rubric_id)
        assert criteria <= {c.id for c in rubric.criteria}, rubric_id
        assert all(c.points >= 1 for c in rubric.criteria)


def test_all_rubric_files_load_and_ids_match_paths() -> None:
    ids = rubric_ids()
    assert set(CONTRACT) | {"async/self-documenting-code"} <= set(ids)
    for rubric_id in ids:
        assert load_rubric(rubric_id).id == rubric_id
    assert load_rubric("async/self-documenting-code").format == "python"


def test_list_rubrics_is_exported_with_titles() -> None:
    listed = dict(grader.list_rubrics())
    assert listed["pr-review/comment"]


def test_rubrics_are_cached() -> None:
    assert load_rubric("pr-review/comment") is load_rubric("pr-review/comment")


@pytest.mark.parametrize("bad_id", ["nope/nothing", "pr-review", "../../etc/passwd", "", "PR-REVIEW/COMMENT"])
def test_unknown_rubric_lists_the_known_ids(bad_id: str) -> None:
    with pytest.raises(UnknownRubricError) as caught:
        grader.check("text", bad_id)
    assert isinstance(caught.value, grader.RubricError)
    assert "pr-review/comment" in str(caught.value)


GOOD = """
id: demo/example
title: Demo
prompt: A demo rubric.
criteria:
  - id: specific
    points: 1
    description: Points at code.
    check: {code_references: {}}
    feedback: Good.
    hint: Name the function.
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "grader" / "rubrics" / "demo" / "example.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_valid_file_loads(tmp_path: Path) -> None:
    rubric = load_file(_write(tmp_path, GOOD), "demo/example")
    assert rubric.criteria[0].id == "specific"


@pytest.mark.parametrize(
    "change, message",
    [
        (("points: 1", "points: -2"), "grader/rubrics/demo/example.yaml: criterion 'specific': field 'points' must be a positive number"),
        (("points: 1", "points: many"), "criterion 'specific': field 'points' must be a positive number"),
        (("id: demo/example", "id: demo/other"), "field 'id' is 'demo/other' but the file path says 'demo/example'"),
        (("    hint: Name the function.\n", ""), "criterion 'specific': field 'hint' must be a non-empty string"),
        (("{code_references: {}}", "{code_refs: {}}"), "criterion 'specific': field 'check' names unknown check type 'code_refs'"),
        (("{code_references: {}}", "{code_references: {min: zero}}"), "field 'check.code_references.min' must be int or float"),
        (("{code_references: {}}", "{code_references: {mni: 1}}"), "field 'check.code_references.mni' is not a known parameter"),
        (("{code_references: {}}", "{contains: {find: no_such_lexicon}}"), "field 'check.contains.find' names unknown signal or lexicon 'no_such_lexicon'"),
        (("{code_references: {}}", "{contains: {find: {pattern: '(a+)+b'}}}"), "nested quantifier"),
        (("{code_references: {}}", "{contains: {find: {pattern: '([a-z'}}}"), "is not a valid regular expression"),
        (("{code_references: {}}", "{all: []}"), "field 'check.all' must be a non-empty list of checks"),
        (("title: Demo", "title: ''"), "field 'title' must be a non-empty string"),
        (("prompt: A demo rubric.", "prompt: A demo rubric.\nformat: latex"), "field 'format' must be one of prose, python"),
        (("    feedback: Good.", "    feedback: Good.\n    weight: 3"), "criterion 'specific': field 'weight' is not a criterion field"),
        (("    feedback: Good.", "    feedback: Good.\n    move: explains-everything"), "criterion 'specific': field 'move' must name a move of grader/moves.yaml"),
    ],
)
def test_invalid_files_name_file_criterion_and_field(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RubricError) as caught:
        load_file(path, "demo/example")
    assert message in str(caught.value)
    assert str(caught.value).startswith("grader/rubrics/demo/example.yaml")


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: [unclosed\n")
    with pytest.raises(RubricError, match="grader/rubrics/demo/example.yaml: cannot read the YAML"):
        load_file(path, "demo/example")


def test_duplicate_criterion_ids_are_rejected(tmp_path: Path) -> None:
    doubled = GOOD + GOOD[GOOD.index("  - id: specific"):]
    with pytest.raises(RubricError, match="criterion 'specific' is defined twice"):
        load_file(_write(tmp_path, doubled), "demo/example")
