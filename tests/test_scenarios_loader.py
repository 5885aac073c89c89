"""Scenario YAML: valid files load; every schema mistake names the file and the field."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from grader.scenarios import ScenarioError, all_scenario_ids, load_scenario, scenario_from_dict
from grader.notebook.scenario_widget import (
    ScenarioWidget,
    ranking_feedback_html,
    ranking_problem,
    single_choice_feedback_html,
)

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import fake_engine  # noqa: E402 - tests/fixtures/fake_engine.py

FIXTURES = fake_engine.SCENARIOS


@pytest.fixture
def fake(monkeypatch):
    fake_engine.install(monkeypatch)


def good_single() -> dict:
    return yaml.safe_load((FIXTURES / "demo/pick.yaml").read_text())


def test_fixture_scenarios_load(fake):
    pick = load_scenario("demo/pick")
    assert pick.kind == "single-choice" and [o.id for o in pick.options] == ["a", "b", "c"]
    assert pick.option("b").correct
    order = load_scenario("demo/order")
    assert [o.rank for o in order.options] == [1, 2, 3]
    rewrite = load_scenario("demo/rewrite")
    assert rewrite.rubric == "demo/comment" and rewrite.starter.startswith("Put the lock back")


def test_missing_file_names_known_scenarios(fake):
    with pytest.raises(ScenarioError) as error:
        load_scenario("demo/nope")
    assert "demo/nope.yaml" in str(error.value) and "demo/pick" in str(error.value)


def test_id_must_match_path():
    with pytest.raises(ScenarioError, match=r"x\.yaml: field 'id': is 'demo/pick' but the file's path says 'demo/other'"):
        scenario_from_dict(good_single(), Path("x.yaml"), expected_id="demo/other")


@pytest.mark.parametrize("mutate, field", [
    (lambda d: d.pop("title"), "title"),
    (lambda d: d.update(kind="quiz"), "kind"),
    (lambda d: d.update(situation=""), "situation"),
    (lambda d: d["options"][0].pop("explanation"), "options[0].explanation"),
    (lambda d: d["options"][1].update(id="a"), "options[1].id"),
    (lambda d: d["options"][0].update(correct=True), "options"),
    (lambda d: d["options"][1].update(correct=False), "options"),
    (lambda d: d["options"][2].update(correct="yes"), "options[2].correct"),
    (lambda d: d.update(options=[d["options"][1]]), "options"),
])
def test_single_choice_errors_name_the_field(mutate, field):
    data = good_single()
    mutate(data)
    with pytest.raises(ScenarioError) as error:
        scenario_from_dict(data, Path("pr-review/x.yaml"))
    assert error.value.field == field
    assert str(error.value).startswith(f"pr-review/x.yaml: field '{field}'")


@pytest.mark.parametrize("ranks", [[1, 2, 2], [1, 2, 4], [0, 1, 2]])
def test_ranking_ranks_must_be_a_permutation(ranks):
    data = yaml.safe_load((FIXTURES / "demo/order.yaml").read_text())
    for option, rank in zip(data["options"], ranks):
        option["rank"] = rank
    with pytest.raises(ScenarioError, match="ranks must be 1..3"):
        scenario_from_dict(data, Path("o.yaml"))


def test_ranking_option_without_rank():
    data = yaml.safe_load((FIXTURES / "demo/order.yaml").read_text())
    del data["options"][2]["rank"]
    with pytest.raises(ScenarioError) as error:
        scenario_from_dict(data, Path("o.yaml"))
    assert error.value.field == "options[2].rank"


def test_rewrite_needs_an_existing_rubric_and_model_answer(fake):
    data = yaml.safe_load((FIXTURES / "demo/rewrite.yaml").read_text())
    scenario_from_dict(dict(data), Path("r.yaml"))
    with pytest.raises(ScenarioError) as error:
        scenario_from_dict(dict(data, rubric="demo/none"), Path("r.yaml"))
    assert error.value.field == "rubric"
    without = dict(data)
    del without["model_answer"]
    with pytest.raises(ScenarioError) as error:
        scenario_from_dict(without, Path("r.yaml"))
    assert error.value.field == "model_answer"


def test_not_a_mapping_and_bad_yaml(tmp_path):
    with pytest.raises(ScenarioError, match="must be a YAML mapping"):
        scenario_from_dict(["a"], Path("l.yaml"))
    (tmp_path / "s").mkdir()
    (tmp_path / "s/bad.yaml").write_text("id: [unclosed\n")
    with pytest.raises(ScenarioError, match=r"bad\.yaml: is not valid YAML"):
        load_scenario("s/bad", root=tmp_path)


def test_single_choice_feedback_explains_every_option_and_marks_choice(fake):
    scenario = load_scenario("demo/pick")
    html = single_choice_feedback_html(scenario, "a")
    for option in scenario.options:
        assert option.explanation in html
    assert "your choice" in html and "best answer" in html
    assert "Not the best choice" in html
    assert "Right:" in single_choice_feedback_html(scenario, "b")


def test_ranking_validation():
    assert ranking_problem({"x": 1, "y": None, "z": 3}, 3) == "Give every option a rank before submitting."
    assert "rank 1 is used more than once" in ranking_problem({"x": 1, "y": 1, "z": 3}, 3)
    assert ranking_problem({"x": 2, "y": 1, "z": 3}, 3) is None


def test_ranking_feedback_compares_with_expert_order(fake):
    scenario = load_scenario("demo/order")
    html = ranking_feedback_html(scenario, {"x": 2, "y": 1, "z": 3})
    assert "You placed 1 of 3" in html
    assert html.index("Could we add a test") < html.index("nit: trailing comma")  # expert order
    assert "your rank 2" in html and "expert rank 1" in html
    for option in scenario.options:
        assert option.explanation in html


def test_widget_submit_flow_single_choice(fake):
    widget = ScenarioWidget(load_scenario("demo/pick"))
    widget.on_submit()
    assert "Pick one option first" in widget.status.value and widget.feedback.value == ""
    widget.choice.value = "b"
    widget.submit.click()
    assert "Right: B is the best choice" in widget.feedback.value


def test_widget_submit_flow_ranking(fake):
    widget = ScenarioWidget(load_scenario("demo/order"))
    widget.rank_inputs["x"].value = 1
    widget.rank_inputs["y"].value = 1
    widget.rank_inputs["z"].value = 3
    widget.submit.click()
    assert "used more than once" in widget.status.value and widget.feedback.value == ""
    widget.rank_inputs["y"].value = 2
    widget.submit.click()
    assert "You placed 3 of 3" in widget.feedback.value and widget.status.value == ""


def test_rewrite_scenario_is_refused_by_scenario(fake):
    from grader.notebook import scenario

    with pytest.raises(ValueError, match="live_editor"):
        scenario("demo/rewrite")


@pytest.mark.parametrize("scenario_id", all_scenario_ids())
def test_shipped_scenarios_are_valid(scenario_id):
    """Every scenario the content authors ship loads (rewrite ones need their rubric to exist)."""
    load_scenario(scenario_id)


@pytest.mark.parametrize("scenario_id", [i for i in all_scenario_ids() if load_scenario(i).kind == "rewrite"])
def test_shipped_model_answers_earn_full_marks(scenario_id):
    """The schema promises it: the revealed model answer is a full-marks answer on its rubric."""
    import grader

    scenario = load_scenario(scenario_id)
    result = grader.check(scenario.model_answer, scenario.rubric)
    missed = [c.id for c in result.criteria if not c.met]
    assert result.score == result.max_score, f"{scenario.path}: model_answer misses {missed}"


def test_option_markdown_renders_in_feedback_and_is_plain_in_labels(fake):
    from grader.notebook.markdown import markdown_inline_html, plain_label

    assert markdown_inline_html("`subsList` is fine") == "<code>subsList</code> is fine"
    assert plain_label("`subsList`\n  is fine") == "subsList is fine"


def test_long_options_are_blocks_chosen_by_letter(fake):
    from grader.scenarios import scenario_from_dict

    data = good_single()
    data["options"][2]["text"] = '"@oncall The release lane fails at signing since 17:32.\nError: no certificate."'
    widget = ScenarioWidget(scenario_from_dict(data, Path("demo/pick.yaml")))
    assert [label for label, _ in widget.choice.options] == ["A", "B", "C"]
    assert widget.choice.orientation == "horizontal"
    blocks = widget.widget.children[1].value
    assert "17:32.<br />" in blocks and "<strong>C.</strong>" in blocks


def test_short_options_are_radio_labels(fake):
    from dataclasses import replace

    pick = load_scenario("demo/pick")
    widget = ScenarioWidget(replace(pick, options=pick.options[:2]))
    assert [label for label, _ in widget.choice.options] == [
        "A. Block the PR until the rename is reverted.",
        "B. Leave a non-blocking nit with the reason.",
    ]
