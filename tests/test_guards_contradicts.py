"""``contradicts-the-brief``: a figure the exercise gives, given with another value (grader/guards/contradicts.py),
and the reader of figures with what they measure behind it (grader/guards/measures.py)."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import grader
from grader.brief import BriefError, brief_ids, load_brief, load_file
from grader.guards import contradicts
from grader.guards.measures import measures
from grader.guards.numbers import values
from test_briefs import answer_cells

REPO = Path(__file__).resolve().parents[1]
ROLLOUT = "06-leading-change/part1-rollout-plan"
ADR = "05-architecture-conflict/part2-adr"
AGREED = (
    "Scope: orders moves from PostgreSQL 12 to 16 on Tuesday 8 December at 05:30 UTC; no schema changes.\n"
    "Owners: Hana makes the calls, Piotr is backup; Tiago, Aylin, Samir and Grace watch their services.\n"
    "Go/no-go at 05:00 UTC (Hana): replication lag under 5 s for the 30 minutes before, rehearsal passed, "
    "row counts of the 12 largest tables match, all four on-calls in #orders-db-cutover.\n"
    "Rollback: if orders-api 5xx stays above 2 % for 5 minutes or a row count fails, repoint PgBouncer to the "
    "12 cluster. Possible until 12:00 UTC.\n"
    "Comms: #eng-announce today, status page on 5 December, support macro on 6 December, outcome by 07:00 UTC.\n"
)


def flag(result) -> object | None:
    return next((f for f in result.flags if f.name == contradicts.NAME), None)


def kinds(text: str) -> list[tuple[str, str, float]]:
    return [(text[m.span[0]:m.span[1]], m.kind, m.value) for m in measures(text)]


def test_figures_are_read_with_their_kind_and_a_value_in_one_scale() -> None:
    assert kinds("the job took 6 min 40 s and lag stayed under 4 s") == [
        ("6 min 40 s", "duration", 400.0), ("4 s", "duration", 4.0)]
    assert kinds("a 15-minute window, four days each, 2 h 10 min") == [
        ("15-minute", "duration", 900.0), ("four days", "duration", 345600.0), ("2 h 10 min", "duration", 7800.0)]
    assert kinds("on 15 December at 05:30 UTC, or Dec 9") == [
        ("15 December", "date", 11 * 31 + 15.0), ("05:30", "time", 330.0), ("Dec 9", "date", 11 * 31 + 9.0)]
    assert kinds("errors above 2 % cost €8,000; WAL grew 4×") == [
        ("2 %", "%", 2.0), ("€8,000", "money", 8000.0), ("4×", "multiple", 4.0)]
    assert kinds("the 10-million-row copy, batches of 50,000 rows, 200.000 rows") == [
        ("10-million", "count:row", 1e7), ("50,000", "count:row", 50000.0), ("200.000", "count:row", 200000.0)]


def test_rates_offsets_idioms_and_bare_numbers_are_not_figures_to_compare() -> None:
    assert kinds("24 hours a day, three days after the deadline, one day we will, 97 and 12") == []


def test_anchors_are_the_content_words_near_a_figure_not_months_or_units() -> None:
    [measure] = measures("Martin decides by Thursday 3 December")
    assert measure.anchors == {"marti", "decid"}
    [lag] = [m for m in measures("replication lag under 5 s") if m.kind == "duration"]
    assert lag.anchors == {"repli", "lag"}


def test_an_answer_that_agrees_with_the_exercise_is_not_flagged() -> None:
    result = grader.check(AGREED, "change/rollout-plan", ROLLOUT)
    assert flag(result) is None


def test_other_values_for_the_same_things_are_named_with_the_exercise_version_and_capped() -> None:
    wrong = (AGREED.replace("under 5 s", "under 30 s").replace("above 2 %", "above 5 %")
             .replace("until 12:00 UTC", "until 18:00 UTC"))
    result = grader.check(wrong, "change/rollout-plan", ROLLOUT)
    found = flag(result)
    assert found is not None
    assert "'30 s'" in found.message and "replication lag under 5 s" in found.message
    assert "'5 %'" in found.message and "above 2 % for 5 minutes" in found.message
    assert "'18:00'" in found.message and "until 12:00 UTC" in found.message
    assert [wrong[s:e] for s, e in found.spans] == ["30 s", "5 %", "18:00"]
    assert result.score <= 0.4 * result.max_score < grader.check(AGREED, "change/rollout-plan", ROLLOUT).score
    assert any(cap.because.startswith("'30 s' does not match the exercise") for cap in result.caps)


def test_figures_a_writer_works_out_from_the_exercise_are_not_contradictions() -> None:
    derived = ("Status: accepted. We chose Aurora PostgreSQL. Finance reconciles alone in 3 min. "
               "We pay about $750/month more than DynamoDB costs, and 13 ms of p99.")
    assert flag(grader.check(derived, "conflict/adr", ADR)) is None
    invented = derived.replace("$750/month", "$4,800/month")
    found = flag(grader.check(invented, "conflict/adr", ADR))
    assert found is not None and "'$4,800'" in found.message


def test_proposals_targets_and_code_are_not_reports_of_fact() -> None:
    for text in ("Could we roll back if orders-api 5xx stays above 1 % for 5 minutes instead?",
                 "How about a stricter lag limit: replication lag under 2 s?",
                 "Set `lag_limit = 30 s` for replication lag in the runbook."):
        assert flag(grader.check(AGREED + text, "change/rollout-plan", ROLLOUT)) is None, text
    pr = ("Rui, #827 changed 1,380 lines in 46 files and Sam skimmed the last third. Please keep PRs under 300 "
          "lines from now on; I can help you split #840.")
    assert flag(grader.check(pr, "mentorship/feedback", "03-mentorship/part2-feedback")) is None


def test_without_a_brief_or_its_facts_the_guard_is_silent() -> None:
    wrong = AGREED.replace("under 5 s", "under 30 s")
    assert flag(grader.check(wrong, "change/rollout-plan", ROLLOUT)) is not None
    assert flag(grader.check(wrong, "change/rollout-plan")) is None
    without_facts = replace(load_brief(ROLLOUT), facts=())
    assert flag(grader.check(wrong, "change/rollout-plan", without_facts)) is None


@pytest.mark.parametrize("brief_id", [b for b in brief_ids() if load_brief(b).facts])
def test_every_fact_states_figures_the_notebook_states(brief_id: str) -> None:
    """A fact the notebook does not give would flag a learner who quotes the notebook correctly."""
    path = next((REPO / "solutions" / brief_id.split("/")[0]).glob("*.ipynb"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    stated = {(m.kind, m.value) for m in measures(source)}
    numbers = set(values(source))  # a table cell or "batches of 50,000" states the number without its unit
    for measure, fact in load_brief(brief_id).facts_measured:
        figure = fact[measure.span[0]:measure.span[1]]
        ok = (measure.kind, measure.value) in stated or (
            measure.kind not in ("date", "time") and set(values(figure)) <= numbers)
        assert ok, f"{brief_id}: {fact!r} gives a figure the notebook does not state"


def test_facts_must_give_a_figure_the_grader_can_measure(tmp_path: Path) -> None:
    base = ("assignment: 01-demo\nitems:\n  part1-comment:\n    rubric: pr-review/comment\n    task: Write it.\n"
            "    problem: The query loads the whole table.\n    engages: [whole table]\n    entities: [x]\n"
            "    numbers: [\"16 GB\"]\n")
    path = tmp_path / "01-demo.yaml"
    path.write_text(base + '    facts: ["the workers have 16 GB of RAM"]\n', encoding="utf-8")
    assert load_file(path)["01-demo/part1-comment"].facts == ("the workers have 16 GB of RAM",)
    for bad, message in (('["the workers are shared"]', "gives no figure the grader can measure"),
                         ("the workers have 16 GB", "must be a list of non-empty strings")):
        path.write_text(base + f"    facts: {bad}\n", encoding="utf-8")
        with pytest.raises(BriefError, match=message):
            load_file(path)


def test_the_model_answers_contradict_nothing() -> None:
    for assignment, grade_id, parsed in answer_cells():
        result = grader.check(parsed.text, parsed.rubric, parsed.brief)
        assert flag(result) is None, f"{assignment}/{grade_id}: {flag(result).message}"
