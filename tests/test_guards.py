"""Guards against text that says nothing: each attack from issue 8 is flagged and earns (almost) nothing,
while model answers and honest non-native English are left alone."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import grader
from grader.answers import parse_answer_cell
from grader.rubric import RubricError, load_file, load_rubric

REPO = Path(__file__).resolve().parents[1]
PR = "pr-review/comment"
PART1 = "01-pr-review/part1-comment"


def flags(result) -> list[str]:  # noqa: ANN001
    return [f.name for f in result.flags]


def model_answer(brief_id: str) -> tuple[str, str]:
    """(text, rubric) of the model answer in solutions/ for a brief id."""
    assignment, grade_id = brief_id.split("/")
    path = next((REPO / "solutions" / assignment).glob("*.ipynb"))
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            parsed = parse_answer_cell("".join(cell["source"]))
            return parsed.text, parsed.rubric
    raise LookupError(brief_id)


# --- the attacks -------------------------------------------------------------------------------------------------

def test_rubric_key_phrases_repeated_are_flagged_and_capped() -> None:
    text = ("I noticed a potential issue here because it matters for users and it breaks things. "
            "Could we use a concrete alternative instead? ") * 5
    result = grader.check(text, PR)
    assert "repetition" in flags(result)
    assert result.score <= 0.25 * result.max_score


def test_buzzword_lists_without_predicates_are_flagged_and_capped() -> None:
    text = ("Performance, scalability, maintainability, readability.\n\nBest practices, clean code, SOLID, DRY.\n\n"
            "Impact, risk, users, customers, revenue.\n\n`users.length`, L77, worker.py.")
    result = grader.check(text, PR)
    assert "keyword-list" in flags(result)
    assert result.score <= 0.25 * result.max_score


def test_a_well_formed_comment_about_a_different_system_is_off_brief() -> None:
    text = ("In `fetchInvoices` (handlers/billing.go, L142) the outbound `http.Get` doesn't carry the request's "
            "context, so if the browser gives up we keep waiting on the ledger service and hold a connection the "
            "pool needs for live requests. Could we build the request with `http.NewRequestWithContext` instead?")
    alone = grader.check(text, PR)
    assert alone.score == alone.max_score  # a good comment, in general
    result = grader.check(text, PR, PART1)
    assert "off-brief" in flags(result)
    assert result.score <= 0.25 * result.max_score
    assert "Capped at 25 % of the points (off-brief)" in result.cap.message


def test_an_answer_that_names_the_brief_but_not_its_problem_is_capped_at_25_percent() -> None:
    text = ("Priya, nice work on `build_cohorts`: could we rename `first_seen` to `first_event_date` so the "
            "growth dashboard code reads better? The docstring could also say why the cohort is computed this way.")
    result = grader.check(text, PR, PART1)
    assert "misses-the-problem" in flags(result)
    assert result.score <= 0.25 * result.max_score
    assert "Capped at 25 % of the points (misses-the-problem)" in result.cap.message


def test_the_rubrics_own_hints_pasted_as_the_answer_are_flagged_and_capped() -> None:
    rubric = load_rubric(PR)
    for pasted in ("\n\n".join(c.hint for c in rubric.criteria),
                   " ".join(f"{c.description} {c.feedback}" for c in rubric.criteria)):
        result = grader.check(pasted, PR)
        assert "pasted-rubric" in flags(result)
        assert result.score <= 0.25 * result.max_score


def test_the_exercise_instructions_pasted_back_are_flagged() -> None:
    from grader.brief import load_brief

    task = load_brief(PART1).task
    result = grader.check(task + " " + task, PR, PART1)
    assert "pasted-rubric" in flags(result) and result.score <= 0.25 * result.max_score


UNFILLED_TEMPLATE = """**Describe the bug**
A clear and concise description of what the bug is.

**To Reproduce**
Steps to reproduce the behavior:
1. Go to '...'
2. Click on '....'
3. Scroll down to '....'
4. See error

**Expected behavior**
A clear and concise description of what you expected to happen.

**Environment**
 - OS: [e.g. iOS]
 - Version [e.g. 22]

**Additional context**
Add any other context about the problem here.
"""


def test_an_unfilled_issue_template_earns_nothing() -> None:
    result = grader.check(UNFILLED_TEMPLATE, "async/help-request")
    assert result.score == 0 and not any(c.met for c in result.criteria)
    assert "placeholder" in flags(result) and result.cap.at_most == 0


@pytest.mark.parametrize("text", [
    "## Impact\n[describe impact here]\n\n## Suggestion\n<your suggestion>\n\nThanks,\n<your name>",
    "TODO\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit.",
    "Summary: {{summary}}\n\nWhy: {{reason}}",
])
def test_placeholders_earn_nothing(text: str) -> None:
    result = grader.check(text, PR)
    assert result.score == 0 and "placeholder" in flags(result)


def test_placeholders_in_a_real_answer_are_named_and_earn_nothing() -> None:
    text = ("`retry_count` in worker.py retries forever, so one failed call charges the card again and again. "
            "Could we cap it with `max_retries=3`? [add link to the incident here]")
    result = grader.check(text, PR)
    assert result.score == result.max_score  # the real sentences still count
    flag = next(f for f in result.flags if f.name == "placeholder")
    assert [text[s:e] for s, e in flag.spans] == ["[add link to the incident here]"]


@pytest.mark.parametrize("decision", ["Decision: WIP", "## Decision\nTBD", "Decision: to be decided",
                                      "Decision: ???"])
def test_an_undecided_decision_earns_no_decision_point(decision: str) -> None:
    text, rubric = model_answer("05-architecture-conflict/part2-adr")
    undecided = re.sub(r"## Decision\n.*?\n\n", decision + "\n\n", text, flags=re.DOTALL)
    result = grader.check(undecided, rubric, "05-architecture-conflict/part2-adr")
    decision_criterion = next(c for c in result.criteria if c.id == "decision")
    assert not decision_criterion.met and decision_criterion.earned == 0
    assert "undecided" in flags(result)


@pytest.mark.parametrize("text", ["Decision: WIP", "# ADR-009\n\n## Status\nWIP\n\n## Decision\nTBD\n\n## Consequences\nTBD"])
def test_a_tbd_skeleton_earns_nothing(text: str) -> None:
    assert grader.check(text, "conflict/adr").score == 0


def test_decided_adr_with_owner_tbd_elsewhere_keeps_its_decision() -> None:
    text, rubric = model_answer("05-architecture-conflict/part2-adr")
    result = grader.check(text.replace("- Nadia adds RDS Proxy", "- Owner TBD: add RDS Proxy"), rubric)
    assert next(c for c in result.criteria if c.id == "decision").met


def test_figures_not_in_the_brief_get_a_note_and_do_not_earn_quantified() -> None:
    text = ("Hi Hannah, outages on the old portal platform cost us 30 % of renewals and €120,000 a year in lost "
            "customers. Please approve the upgrade before Monday's planning, yes or no.")
    result = grader.check(text, "stakeholder/pitch", "02-stakeholder-buy-in/part1-pitch")
    flag = next(f for f in result.flags if f.name == "invented-numbers")
    assert "'30 %' is not in the brief \u2014 where does it come from?" in flag.message
    assert "'\u20ac120,000' is not in the brief" in flag.message
    assert not next(c for c in result.criteria if c.id == "quantified").met
    assert grader.check(text, "stakeholder/pitch").to_dict()["flags"] == []  # no brief, nothing to compare with


def test_figures_from_the_brief_and_sums_of_them_are_grounded() -> None:
    text = ("Hi Hannah, our scanner lists 12 known security holes in the customer portal, 3 rated high, and 2 of "
            "the last 5 enterprise deals (about €310,000 a year) asked whether we run supported software. The fix "
            "is Lukas and Amira for two sprints. Can you give me a yes or no by Monday's planning?")
    result = grader.check(text, "stakeholder/pitch", "02-stakeholder-buy-in/part1-pitch")
    assert "invented-numbers" not in flags(result)
    assert next(c for c in result.criteria if c.id == "quantified").met


def test_a_bracketed_prompt_in_capitals_is_a_placeholder_and_grading_does_not_crash() -> None:
    result = grader.check("Hi [YOUR NAME HERE], the retry loop in `sync.py` drops events, so orders vanish.", PR)
    assert "placeholder" in flags(result)
    assert grader.check("We hit [THE BIG ONE] again.", PR).max_score == 4


def test_dates_standards_and_limits_are_not_invented_figures() -> None:
    brief = "06-leading-change/part4-deprecation-notice"
    rubric = "change/deprecation-notice"
    for text in ("Office hours are on Wednesday 9 and Thursday 10 December, before the ISO 27001 audit.",
                 "Come to office hours Wed 9 + Thu 10 Dec if the migration fails.",
                 "Writes pause for \u2264 15 min during the switch."):
        assert "invented-numbers" not in flags(grader.check(text, rubric, brief)), text
    made_up = grader.check("Office hours are on 9 and 10 December; last time we lost 4,000 orders.", rubric, brief)
    assert "'4,000 orders' is not in the brief" in next(f.message for f in made_up.flags if f.name == "invented-numbers")


def test_demoralising_tone_caps_a_complete_review_comment_at_40_percent() -> None:
    text = ("Obviously you didn't think about memory. `pd.read_sql(\"SELECT * FROM analytics.events\")` in "
            "`build_cohorts` loads 1.2 billion rows into a 16 GB worker, so the task gets OOM-killed and takes the "
            "06:00 finance report down with it. Could we push the filter into the query with a `WHERE event_date >=` "
            "clause?")
    result = grader.check(text, PR, PART1)
    assert result.uncapped_score == 3
    assert result.score <= 0.4 * result.max_score
    assert result.cap.message.startswith("Capped at 40 % of the points because the tone")


# --- language ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language", [
    ("Die Abfrage lädt die ganze Tabelle in den Speicher, und das ist bei 1,2 Milliarden Zeilen ein Problem. "
     "Können wir den Filter in die SQL-Abfrage verschieben, damit der Worker nicht abstürzt?", "German"),
    ("La requête charge toute la table en mémoire avant de filtrer, et avec 1,2 milliard de lignes le worker "
     "va tomber. Est-ce que on peut mettre le filtre dans la requête SQL pour éviter ça ?", "French"),
    ("La consulta carga toda la tabla en memoria antes de filtrar, y con 1200 millones de filas el worker se "
     "va a caer. ¿Podemos mover el filtro a la consulta SQL para que no pase eso?", "Spanish"),
    ("Запрос загружает всю таблицу в память до фильтрации, и при миллиарде строк воркер упадёт. Давайте "
     "перенесём фильтр в SQL-запрос, чтобы этого не случилось.", "Cyrillic"),
])
def test_answers_not_in_english_are_said_to_be_so_and_left_to_the_instructor(text: str, language: str) -> None:
    result = grader.check(text, PR)
    flag = next(f for f in result.flags if f.name == "not-english")
    assert flag.for_instructor and language in flag.message
    assert result.score == 0 and "your instructor will grade it" in flag.message


NON_NATIVE = [
    "The query is load all table in memory before the filter, it is 1.2 billion rows and worker have only 16 GB. "
    "So the task will be killed at night and also the finance report is stop. Maybe we can put WHERE in the SQL?",
    "Hi Hannah, I want ask you decision for Monday planning. The portal is running on old Node version which not "
    "receive security fix anymore, and scanner is found 12 problems, 3 are high. Can you say yes or no until Monday?",
    "Jonas, I want to give you feedback about Saturday incident. You make the fix from your laptop with kubectl, "
    "and because git still have 50 ms, the deploy of Chloé put back the wrong value and search was failing again.",
    "Sam, I understand your worry, for your team is hard to debug the Kotlin code in the night. But the fare rules "
    "was different three times in six months and riders pay wrong price. We can do small spike two weeks first?",
    "Fix double counting of events in sessions_daily\n\nAndroid SDK 7.3 is sending again the events when connection "
    "is drop, so same event_id come two times. Now load_events is removing the duplicates and keep the first one.",
    "Dani, you have right that backend must not fall at 1,200 rps, this is our part. But also the retries without "
    "delay make the traffic three times bigger. I propose we both fix: we add rate limit, you add backoff in app.",
]


@pytest.mark.parametrize("text", NON_NATIVE)
def test_non_native_english_is_not_flagged(text: str) -> None:
    rubric = "docs/commit-message" if text.startswith("Fix ") else PR
    assert not any(f.name in {"not-english", "keyword-list", "repetition", "pasted-rubric", "placeholder"}
                   for f in grader.check(text, rubric).flags)


# --- good answers are not hurt -----------------------------------------------------------------------------------

def test_every_model_answer_keeps_full_marks_with_its_brief_and_raises_no_flag() -> None:
    cells = []
    for path in sorted((REPO / "solutions").glob("*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            parsed = parse_answer_cell("".join(cell["source"])) if cell["cell_type"] == "code" else None
            if parsed is not None:
                cells.append((path.parent.name, cell["metadata"]["nbgrader"]["grade_id"], parsed))
    assert len(cells) >= 14
    for assignment, grade_id, parsed in cells:
        result = grader.check(parsed.text, parsed.rubric, parsed.brief)
        assert result.score == result.max_score, f"{assignment}/{grade_id}: {result.score}/{result.max_score}"
        assert not result.flags, f"{assignment}/{grade_id}: {flags(result)}"


def test_spans_of_a_normalised_answer_index_the_original_text() -> None:
    text = "`retry_\u200bcount` in worker.py retries forever, so a failed call charges the card twice. Could we cap it at 3?"
    result = grader.check(text, PR)
    specific = next(c for c in result.criteria if c.id == "specific")
    assert any("`retry_\u200bcount`" in text[s:e] for s, e in specific.spans)  # spans index what was typed


# --- caps and vetoes are rubric data -----------------------------------------------------------------------------

RUBRIC = """id: demo/comment
title: Demo
prompt: Write a comment.
criteria:
  - id: tone
    points: 1
    description: Polite.
    check: {tone: {}}
    feedback: Polite.
    hint: Be polite.
"""


@pytest.mark.parametrize("extra, message", [
    ("caps:\n  - when: {missed: nope}\n    at_most: 0.4\n    because: x\n", "caps #1: field 'when': criterion 'nope' is not in this rubric"),
    ("caps:\n  - when: {missed: tone}\n    at_most: 0.4\n", "caps #1: field 'because' is required"),
    ("caps:\n  - when: off-topic\n    at_most: 0.4\n", "caps #1: field 'when': 'off-topic' is not a guard"),
    ("caps:\n  - when: off-brief\n    at_most: 40\n", "caps #1: field 'at_most' must be a share of the points between 0 and 1"),
    ("caps:\n  - when: off-brief\n", "caps #1: must have the fields 'when' and 'at_most'"),
    ("vetoes:\n  undecided: [decision]\n", "field 'vetoes.undecided': criterion 'decision' is not in this rubric"),
    ("vetoes:\n  maybe: [tone]\n", "field 'vetoes': 'maybe' is not a guard"),
])
def test_invalid_caps_and_vetoes_name_the_file_and_field(tmp_path: Path, extra: str, message: str) -> None:
    path = tmp_path / "demo" / "comment.yaml"
    path.parent.mkdir()
    path.write_text(RUBRIC + extra, encoding="utf-8")
    with pytest.raises(RubricError) as error:
        load_file(path, "demo/comment")
    assert message in str(error.value) and "comment.yaml" in str(error.value)


def test_a_rubric_cap_overrides_a_guards_default(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from grader import guards

    path = tmp_path / "demo" / "comment.yaml"
    path.parent.mkdir()
    path.write_text(RUBRIC + "caps:\n  - when: repetition\n    at_most: 0.0\n    because: said nothing new\n",
                    encoding="utf-8")
    rubric = load_file(path, "demo/comment")
    finding = guards.Finding("repetition", "repeats", cap=0.25)
    assert guards._cap_for(finding, rubric) == (0.0, "said nothing new")


def test_list_numbers_dotted_dates_and_integer_limits_are_not_invented_figures() -> None:
    brief, rubric = "07-authors-side/part6-escalation-memo", "conflict/escalation-memo"
    for text in ("Martin, please decide by 17:00 today.\n4. Freeze 18.12\u201304.01; audit 26.01; PG12 unsupported "
                 "since 11/2024.\n5. Key first.",
                 "Kofi, bigint tops out at 9.2 \u00d7 10^18, and an int at about 2.1 billion; we keep bigint."):
        assert "invented-numbers" not in flags(grader.check(text, rubric, brief)), text


def test_a_notebook_figure_grounds_only_the_same_measure() -> None:
    # The stakeholder notebook states "90 days" and "17 nights" (part 2): quoting them is using the material;
    # "90 %" is a different measure.
    brief, rubric = "02-stakeholder-buy-in/part1-pitch", "stakeholder/pitch"
    grounded = grader.check("Hannah, the other team had 17 nights of late orders in 90 days.", rubric, brief)
    assert "invented-numbers" not in flags(grounded)
    made_up = grader.check("Hannah, 90 % of our enterprise customers have asked about Node.js.", rubric, brief)
    assert "'90 %' is not in the brief" in next(f.message for f in made_up.flags if f.name == "invented-numbers")


def test_by_a_deadline_is_a_plan_but_by_a_percentage_states_a_fact() -> None:
    brief, rubric = "04-async-clarity/part2-commit-message", "docs/commit-message"
    text = ("Drop duplicate events in load_events\n\nThe Android SDK re-sends batches, which inflated DAU by about 12 % "
            "in sessions_daily. load_events now keeps the first copy of each event_id.")
    made_up = grader.check(text, rubric, brief)
    assert "'12 %' is not in the brief" in next(f.message for f in made_up.flags if f.name == "invented-numbers")
    planned = text.replace("which inflated DAU by about 12 % in sessions_daily", "so we cut 12 duplicate jobs by Friday")
    assert "invented-numbers" not in flags(grader.check(planned, rubric, brief))


def test_amounts_of_money_derive_from_the_briefs_amounts_not_from_its_counts() -> None:
    brief, rubric = "02-stakeholder-buy-in/part2-pitch", "stakeholder/pitch"
    derived = ("Dorothea, the ordering job was late on 17 nights; at \u20ac9,000 per late morning that is about "
               "\u20ac153,000 in write-offs.")
    assert "invented-numbers" not in flags(grader.check(derived, rubric, brief))
    # 212 stores - 140 stores = 72, but no amount of the brief gives EUR 72: a made-up price, not arithmetic.
    made_up = "Dorothea, a faster server costs \u20ac72 a day and halves the runtime."
    assert "'\u20ac72' is not in the brief" in next(f.message for f in grader.check(made_up, rubric, brief).flags
                                                   if f.name == "invented-numbers")
