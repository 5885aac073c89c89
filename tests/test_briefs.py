"""Briefs as data: every written item of the assignments has one, each is valid and read from its notebook."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import grader
from grader.answers import parse_answer_cell
from grader.brief import BriefError, Brief, brief_ids, briefs_root, load_brief, load_file
from grader.guards.invented_names import is_known
from grader.guards.names import fold, name_words
from grader.guards.invented_numbers import LARGEST_EVERYDAY_COUNT
from grader.guards.numbers import numbers, unit_after, values
from grader.guards.phrases import fold_accents

REPO = Path(__file__).resolve().parents[1]


def answer_cells() -> list[tuple[str, str, object]]:
    """(assignment, grade_id, parsed cell) for every %%answer cell in solutions/."""
    found = []
    for path in sorted((REPO / "solutions").glob("*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            parsed = parse_answer_cell("".join(cell["source"])) if cell["cell_type"] == "code" else None
            if parsed is not None:
                found.append((path.parent.name, cell["metadata"]["nbgrader"]["grade_id"], parsed))
    return found


def notebook_text(assignment: str) -> str:
    path = next((REPO / "solutions" / assignment).glob("*.ipynb"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_every_answer_cell_names_its_own_brief_for_its_rubric() -> None:
    cells = answer_cells()
    assert len(cells) >= 14
    for assignment, grade_id, parsed in cells:
        assert parsed.brief == f"{assignment}/{grade_id}", f"{assignment}/{grade_id}: first line must say --brief"
        assert load_brief(parsed.brief).rubric == parsed.rubric


def test_every_brief_belongs_to_an_answer_cell() -> None:
    assert sorted(brief_ids()) == sorted(f"{a}/{g}" for a, g, _ in answer_cells())


@pytest.mark.parametrize("brief_id", brief_ids())
def test_brief_facts_come_from_the_assignment_notebook(brief_id: str) -> None:
    brief = load_brief(brief_id)
    source = notebook_text(brief_id.split("/")[0])
    lowered = " ".join(fold_accents(source).lower().split())
    missing = [e for e in brief.entities if fold_accents(e).lower() not in lowered]
    assert not missing, f"{brief_id}: entities not in the notebook: {missing}"
    stated = set(values(source))
    invented = [figure for figure in brief.numbers if not set(values(figure)) & stated]
    assert not invented, f"{brief_id}: figures not in the notebook: {invented}"


@pytest.mark.parametrize("assignment", sorted({b.split("/")[0] for b in brief_ids()}))
def test_names_of_a_brief_file_come_from_its_notebook_and_cover_it(assignment: str) -> None:
    """Both ways: a listed name the notebook never gives would excuse an invention; a name the notebook gives
    but no brief knows would be reported to a learner as invented. The message lists what to add or remove."""
    source = notebook_text(assignment)
    given = {fold(w) for w in name_words(source)}
    briefs = load_file(briefs_root() / f"{assignment}.yaml")
    listed = next(iter(briefs.values())).names
    assert listed, f"{assignment}: the brief file has no 'names'"
    not_given = [n for n in listed if fold(n) not in given]
    assert not not_given, f"{assignment}: names not in the notebook: {not_given}"
    for brief_id, brief in briefs.items():
        unknown = sorted(w for w in name_words(source) if not is_known(w, brief.known_words))
        assert not unknown, f"{brief_id}: the notebook gives these names, add them to 'names': {unknown}"


@pytest.mark.parametrize("assignment", sorted({b.split("/")[0] for b in brief_ids()}))
def test_figures_of_a_brief_file_come_from_its_notebook_and_cover_it(assignment: str) -> None:
    """Both ways, as for names: a listed figure the notebook never states would excuse an invented one; a figure
    (value and the word after it), year or quarter the notebook states but the list lacks would be reported to a
    learner who quotes it."""
    source = notebook_text(assignment)
    stated = {(v, unit_after(source, end)) for (_, end), v in numbers(source)}
    periods = set(re.findall(r"(?<![\w.\-/:])(?:(?:19|20)\d\d|Q[1-4])(?![\w.\-/:]\w)", source))
    brief = next(iter(load_file(briefs_root() / f"{assignment}.yaml").values()))
    listed = brief.notebook_figures
    years = {f for f in brief.figures if not list(numbers(f))}
    assert listed <= stated and years <= periods, f"{assignment}: figures not in the notebook: " \
        f"{sorted(listed - stated) + sorted(years - periods)}"
    missing = sorted(f for f in stated if f[0] > LARGEST_EVERYDAY_COUNT and f not in listed)
    assert not missing and periods <= years, f"{assignment}: add to 'figures': {missing + sorted(periods - years)}"


def test_a_brief_file_without_names_still_loads_and_bad_names_are_an_error(tmp_path: Path) -> None:
    assert load_file(_write(tmp_path, VALID))["01-demo/part1-comment"].names == ()
    with_names = VALID + 'names: ["Priya", "Airflow"]\n'
    assert load_file(_write(tmp_path, with_names))["01-demo/part1-comment"].names == ("Priya", "Airflow")
    with pytest.raises(BriefError, match="field 'names' must be a list of non-empty strings"):
        load_file(_write(tmp_path, VALID + "names: Priya\n"))


def test_figures_of_a_brief_file_load_with_their_unit_word(tmp_path: Path) -> None:
    brief = load_file(_write(tmp_path, VALID + 'figures: ["60 stores", "12", "2023"]\n'))["01-demo/part1-comment"]
    assert brief.notebook_figures == {(60.0, "store"), (12.0, "")}
    with pytest.raises(BriefError, match="field 'figures' must be a list of non-empty strings"):
        load_file(_write(tmp_path, VALID + "figures: 60 stores\n"))


def _write(tmp_path: Path, text: str, name: str = "01-demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


VALID = """assignment: 01-demo
items:
  part1-comment:
    rubric: pr-review/comment
    task: Write one review comment.
    problem: The query loads the whole table.
    engages: [whole table]
    entities: [build_cohorts]
    numbers: ["16 GB"]
"""


def test_a_valid_brief_file_loads(tmp_path: Path) -> None:
    briefs = load_file(_write(tmp_path, VALID))
    assert briefs["01-demo/part1-comment"] == Brief("01-demo/part1-comment", "pr-review/comment",
                                                     "Write one review comment.", "The query loads the whole table.",
                                                     ("whole table",), ("build_cohorts",), ("16 GB",))


@pytest.mark.parametrize("change, message", [
    (("    numbers: [\"16 GB\"]\n", ""), "item 'part1-comment': field 'numbers' must be a non-empty list"),
    (("16 GB", "sixteen-ish"), "field 'numbers': 'sixteen-ish' holds no number"),
    (("    task:", "    tsak:"), "field 'tsak' is not a brief field"),
    (("pr-review/comment", "pr-review/nope"), "field 'rubric': unknown rubric 'pr-review/nope'"),
    (("assignment: 01-demo", "assignment: 02-other"), "field 'assignment' is '02-other' but the file name says '01-demo'"),
    (("[whole table]", "[whole table, '']"), "field 'engages' has an empty entry"),
    (("items:", "items: [oops"), "cannot read the YAML"),
])
def test_invalid_brief_files_name_the_file_item_and_field(tmp_path: Path, change, message) -> None:
    with pytest.raises(BriefError) as error:
        load_file(_write(tmp_path, VALID.replace(*change)))
    assert str(error.value).startswith("grader/briefs/01-demo.yaml") and message in str(error.value)


def test_unknown_brief_and_brief_for_another_rubric_are_clear_errors() -> None:
    with pytest.raises(BriefError, match="unknown brief '01-pr-review/part9'"):
        grader.check("text", "pr-review/comment", "01-pr-review/part9")
    with pytest.raises(BriefError, match="is for rubric 'pr-review/comment', not 'stakeholder/pitch'"):
        grader.check("text", "stakeholder/pitch", "01-pr-review/part1-comment")


def test_cli_check_takes_a_brief_and_reports_its_flags() -> None:
    text = ("In `fetchInvoices` (handlers/billing.go) the `http.Get` ignores the request context, so abandoned calls "
            "hold a connection for 30 seconds. Could we use `http.NewRequestWithContext` instead?")
    run = subprocess.run([sys.executable, "-m", "grader", "check", "--rubric", "pr-review/comment",
                          "--brief", "01-pr-review/part1-comment", "-"], input=text.encode(), capture_output=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert [f["name"] for f in data["flags"]] == ["off-brief"] and data["score"] <= 0.25 * data["max_score"]
    bad = subprocess.run([sys.executable, "-m", "grader", "check", "--rubric", "pr-review/comment",
                          "--brief", "nope/nope", "-"], input=b"text", capture_output=True, timeout=120)
    assert bad.returncode != 0 and b"unknown brief 'nope/nope'" in bad.stderr
