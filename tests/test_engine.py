"""The text analysis and the engine: offsets, structure, and the Result contract."""
from __future__ import annotations

import subprocess
import sys

import grader
from grader.analysis import Analysis


def _texts(analysis: Analysis, spans) -> list[str]:
    return [analysis.text[s:e] for s, e in spans]


def test_sentences_tokens_and_paragraphs_have_offsets_into_the_original() -> None:
    text = "Hi Dana,\r\n\r\nThe job fails, e.g. on staging. Could we retry?\r\nThanks!"
    analysis = Analysis(text)
    assert _texts(analysis, analysis.sentences) == ["Hi Dana,", "The job fails, e.g. on staging.", "Could we retry?", "Thanks!"]
    assert [t.text for t in analysis.tokens][:3] == ["Hi", "Dana", "The"]
    assert all(text[t.start:t.end] == t.text for t in analysis.tokens)
    assert len(analysis.paragraphs) == 2
    assert len(analysis.norm) == len(text)


def test_old_mac_line_endings_are_line_breaks() -> None:
    analysis = Analysis("first line\rsecond line")
    assert _texts(analysis, analysis.nonblank_lines) == ["first line", "second line"]


def test_markdown_structure() -> None:
    text = (
        "## Steps\n"
        "1. Run `make test`\n"
        "2. Open [the run](https://ci.example.com/runs/42)\n"
        "- a bullet\n"
        "**Evidence:** see below\n"
        "```\nTraceback (most recent call last):\n```\n"
        "Context: moving the export\n"
    )
    md = Analysis(text).markdown
    analysis = Analysis(text)
    assert _texts(analysis, md.headings) == ["Steps"]
    assert len(md.numbered) == 2 and len(md.bullets) == 1
    assert _texts(analysis, md.inline_code) == ["`make test`"]
    assert _texts(analysis, md.links) == ["[the run](https://ci.example.com/runs/42)"]
    assert len(md.code_blocks) == 1 and analysis.text[md.code_blocks[0][0]:].startswith("```")
    assert [analysis.text[s:e].strip("*: ") for s, e in md.labels] == ["Evidence", "Context"]
    # A heading's body runs to the next heading, labels inside it included.
    (title, body), *_ = md.sections
    assert analysis.text[title[0]:title[1]] == "Steps" and analysis.text[body[0]:body[1]].rstrip().endswith("moving the export")


def test_labels_and_sections_without_headings() -> None:
    text = "Context: the cron VM failed twice.\nOptions:\n- CronJobs: no cost\n- Airflow: $400/month\n**Decision:** CronJobs\nDecision drivers. Cost first."
    analysis = Analysis(text)
    titles = [analysis.text[t[0]:t[1]].strip("*:. ") for t, _ in analysis.markdown.sections]
    assert titles == ["Context", "Options", "Decision", "Decision drivers"]
    bodies = [analysis.text[b[0]:b[1]].strip(" *\n") for _, b in analysis.markdown.sections]
    assert bodies[1] == "- CronJobs: no cost\n- Airflow: $400/month"
    assert bodies[2] == "CronJobs"


def test_quantities_need_units_and_exclude_versions_and_quarters() -> None:
    text = (
        "It costs €18,000 a year and 480 engineer-hours; two engineers for three weeks; 40% of orders; "
        "6 incidents last quarter. Not quantities: Postgres 12, v2.3.1, Python 3.11, Q2, PR #4412, React 16 to 18."
    )
    analysis = Analysis(text)
    found = _texts(analysis, analysis.signal("quantity"))
    for expected in ["€18,000", "480 engineer-hours", "two engineers", "three weeks", "40%", "6 incidents"]:
        assert any(expected in f for f in found), (expected, found)
    for label in ["12", "2.3.1", "3.11", "Q2", "4412", "16", "18"]:
        assert not any(f.strip() == label or f.startswith(label + " ") for f in found), (label, found)


def test_code_references_take_many_shapes() -> None:
    text = "See `fetchInvoices` in handlers/billing.go:142, L58, line 12, retry_count, parseDate(), PR #4412, JIRA-123."
    found = _texts(Analysis(text), Analysis(text).signal("code_ref"))
    for expected in ["`fetchInvoices`", "handlers/billing.go:142", "L58", "line 12", "retry_count", "parseDate("]:
        assert any(expected in f for f in found), (expected, found)
    # A ticket or PR number names a piece of work, not the code: its own signal.
    assert not any("4412" in f or "JIRA" in f for f in found)
    assert _texts(Analysis(text), Analysis(text).signal("ticket_ref")) == ["PR #4412", "JIRA-123"]
    assert not Analysis("We should talk about this approach and/or the plan.").signal("code_ref")


def test_lexicons_skip_code_and_labels() -> None:
    analysis = Analysis("Impact: see `obviously_wrong()` above")
    assert not analysis.signal("condescension")
    assert not analysis.signal("buzzwords") or all(analysis.text[s:e].lower() != "impact" for s, e in analysis.signal("buzzwords"))


def test_check_returns_the_result_contract() -> None:
    text = "`datetime.now()` on L58 returns local time, so the 1-hour reset link lasts 3 hours for users in Frankfurt. Could we use `datetime.now(timezone.utc)`?"
    result = grader.check(text, "pr-review/comment")
    data = result.to_dict()
    assert set(data) == {"rubric", "score", "max_score", "criteria", "suggestions", "uncapped_score", "caps", "flags",
                         "coverage"}
    assert data["caps"] == [] and data["flags"] == [] and data["uncapped_score"] == data["score"]
    assert data["coverage"] is None  # graded without an exercise's brief: scored on its criteria alone
    assert data["rubric"] == "pr-review/comment"
    assert [c["id"] for c in data["criteria"]] == ["respectful-tone", "specific", "explains-why", "suggests-path"]
    assert data["score"] == data["max_score"] == 4
    for criterion in data["criteria"]:
        assert criterion["earned"] == criterion["points"] and criterion["met"] and criterion["feedback"]
    specific = next(c for c in data["criteria"] if c["id"] == "specific")
    # Spans are whole sentences: the one that points at the code.
    assert [text[s:e] for s, e in specific["spans"]][:1] == [text.split(". ")[0] + "."]
    assert specific["move"] == "points-at-code" and "This sentence points at" in specific["feedback"]


def test_missed_criteria_point_at_the_words_that_cost_the_point() -> None:
    text = "Obviously `users.length` on L77 is wrong. Did you even run this?"
    result = grader.check(text, "pr-review/comment")
    tone = next(c for c in result.criteria if c.id == "respectful-tone")
    assert not tone.met and tone.earned == 0
    assert {text[s:e] for s, e in tone.spans} == {"Obviously `users.length` on L77 is wrong.", "Did you even run this?"}
    assert "Obviously" in tone.feedback


def test_import_grader_is_cheap() -> None:
    code = "import sys, grader; print(sorted(m for m in sys.modules if m.startswith(('yaml', 'textstat', 'vaderSentiment', 'grader.'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['grader.result']"


def test_style_suggestions_are_shown_but_never_scored() -> None:
    plain = "`retry()` on L12 never resets the counter, so customers get paged twice. Could we reset it in `on_success()`?"
    wordy = plain + " It is very, really, quite basically broken. It was written, was reviewed and was merged in order to ship."
    a, b = grader.check(plain, "pr-review/comment"), grader.check(wordy, "pr-review/comment")
    assert not a.suggestions and len(b.suggestions) >= 2
    assert a.score == b.score
    assert any("\u201cin order to\u201d \u2192 \u201cto\u201d" in s.message for s in b.suggestions)
    assert all(s.spans for s in b.suggestions)


def test_plain_title_lines_and_inline_labels_are_sections() -> None:
    text = (
        "ADR-9: Move to Cloud SQL\n\nContext\nThe VM was down 3 hours.\n\nDecision\nOption B.\n\n"
        "Notes: the SLA is 99.9%. Options: Cloud SQL, AlloyDB. Drivers: stay under $1,000/month."
    )
    analysis = Analysis(text)
    titles = [analysis.text[t[0]:t[1]].strip(":") for t, _ in analysis.markdown.sections]
    assert titles == ["ADR-9", "Context", "Decision", "Notes", "Options", "Drivers"]
    bodies = {analysis.text[t[0]:t[1]].strip(":"): analysis.text[b[0]:b[1]].strip() for t, b in analysis.markdown.sections}
    assert bodies["Decision"].startswith("Option B.")  # a heading's body runs to the next heading
    assert bodies["Options"] == "Cloud SQL, AlloyDB."


def test_a_heading_section_contains_its_sub_headings() -> None:
    text = "## Options\n### Option A\nKafka, durable.\n### Option B\nSQS, simpler.\n## Decision\nOption B."
    analysis = Analysis(text)
    bodies = {analysis.text[t[0]:t[1]]: analysis.text[b[0]:b[1]].strip() for t, b in analysis.markdown.sections}
    assert bodies["Options"].startswith("### Option A") and bodies["Options"].endswith("SQS, simpler.")
    assert bodies["Option A"] == "Kafka, durable."
    # The decision's rule check sees "Option B." under "## Decision" as naming a described option.
    from grader.rubric import load_rubric

    decision = next(c for c in load_rubric("conflict/adr").criteria if c.id == "decision")
    assert decision.check.evaluate(analysis).holds
