"""The invented-names guard: a person, system or product the exercise never mentions gets a visible note,
while the brief's own names, code, handles, ordinary capitalised words and answers without a brief are left alone."""
from __future__ import annotations

import grader
from grader.brief import load_brief
from grader.guards.names import names
from grader.rubric import load_rubric

PR = "pr-review/comment"
PART2 = "01-pr-review/part2-comment"


def invented(result) -> str | None:  # noqa: ANN001
    return next((f.message for f in result.flags if f.name == "invented-names"), None)


def test_systems_and_incidents_the_brief_never_mentions_get_a_note() -> None:
    text = ("`RelatedProducts` queries with `context.Background()`, so the query keeps running after the app gives "
            "up, exactly the bug behind last Black Friday's outage at Cash App. Please pass `r.Context()` instead; "
            "SQLAlchemy would not have saved us either.")
    message = invented(grader.check(text, PR, PART2))
    assert message is not None
    for name in ("Black Friday", "Cash App", "SQLAlchemy"):
        assert f"'{name}' is not in the brief \u2014 where does it come from?" in message
    assert "Black Friday's'" not in message  # the possessive is not part of the name


def test_the_spans_point_at_the_invented_names_in_the_learners_text() -> None:
    text = "Jonas, this pool is shared with cart and checkout, so we should ask Kafka to cancel the query."
    result = grader.check(text, PR, PART2)
    flag = next(f for f in result.flags if f.name == "invented-names")
    assert [text[s:e] for s, e in flag.spans] == ["Kafka"]


def test_names_of_the_brief_and_of_its_notebook_are_known() -> None:
    # Jonas, RelatedProducts, Postgres: the item's brief; WorkManager: another part of the same notebook;
    # PostgreSQL: an alias of Postgres; Slack, API, Nov: everyday names.
    text = ("Jonas, RelatedProducts still uses the background context, so a slow PostgreSQL query holds one of "
            "the 20 connections after the app has given up. Like WorkManager in part 3, it needs a deadline: "
            "pass the request context to the API call. Happy to pair on Slack before Nov 12.")
    assert invented(grader.check(text, PR, PART2)) is None


def test_generic_technical_acronyms_are_not_invented_names() -> None:
    # Vocabulary, not facts about the situation: a labeler graded answers using them 2-3 while the guard capped them.
    text = ("Jonas, RelatedProducts uses the background context, so after a JWT expires and the app gives up, the "
            "query still holds one of the 20 connections. The driver we pin is EOL with two open CVEs anyway; "
            "please pass the request context, as the SSO handlers do.")
    assert invented(grader.check(text, PR, PART2)) is None


def test_code_handles_urls_and_sentence_starts_are_not_names() -> None:
    text = ("@hana Agreed, that one is mine. Otherwise `SomeNewHelper.run()` keeps the query alive, see "
            "https://Example.com/Docs and #Backend-Team.\n\n## Suggested Fix\n\n- Pass the request context.\n"
            "Thanks, I'm on it; option B in PR-4412 is I think simpler.")
    assert list(names(text)) == []


def test_sql_keywords_and_shouting_in_capitals_are_not_names() -> None:
    text = "we then run ALTER TABLE with DROP COLUMN and the index stays INVALID.\nTHIS IS WHY WE NEVER MERGE ON FRIDAY"
    assert list(names(text)) == []


def test_ticket_ids_and_words_with_digits_are_labels_not_names() -> None:
    assert list(names("it was fixed in MOB-2207 and shipped in the Q3 release of PG12 by the team")) == []


def test_camel_case_and_acronyms_count_anywhere_and_mid_sentence_capitals_count() -> None:
    found = [words for _, words in names("PgBouncer would help, and we could move it to AWS like Netflix did.")]
    assert found == [("PgBouncer",), ("AWS",), ("Netflix",)]


def test_without_a_brief_a_learners_own_situation_names_what_it_likes() -> None:
    text = "Kafka consumers in `OrderSync` drop messages when Karen's team restarts the broker, so orders vanish."
    result = grader.check(text, PR)
    assert invented(result) is None


def test_the_rubric_caps_an_answer_with_an_invented_name_and_says_why() -> None:
    text = ("`RelatedProducts` uses `context.Background()`, so when the app gives up after 2 seconds the query keeps "
            "one of the 20 pool connections that cart and checkout share, as it did for Kafka. Could you pass "
            "`r.Context()` to `s.db.Query` instead?")
    result = grader.check(text, PR, PART2)
    assert invented(result) is not None
    cap = next(c for c in result.caps if c.source == "invented-names")
    declared = next(rule for rule in load_rubric(PR).caps if rule.guard == "invented-names")
    assert cap.at_most == declared.at_most < 1
    assert cap.message.startswith("Capped at 40 % of the points (invented-names): it names people or systems")
    assert result.score <= declared.at_most * result.max_score
    clean = grader.check(text.replace(", as it did for Kafka", ""), PR, PART2)
    assert invented(clean) is None and all(c.source != "invented-names" for c in clean.caps)


def test_every_name_of_a_brief_is_known_to_that_brief() -> None:
    brief = load_brief(PART2)
    for entity in brief.entities:
        assert invented(grader.check(f"Please look at this with {entity} before it merges, it holds the pool.",
                                     PR, PART2)) is None, entity


def test_a_word_opening_a_numbered_item_is_not_a_name() -> None:
    text = "2.2 Watching: the on-calls\n3) Otherwise we wait\nwe then ask Kafka, and 3 Kafka brokers"
    assert [text[s:e] for (s, e), _ in names(text)] == ["Kafka", "Kafka"]
