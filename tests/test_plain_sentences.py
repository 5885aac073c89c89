"""The plain-paragraph fast path gives exactly pysbd's spans wherever it answers, and leaves the rest to pysbd."""
from __future__ import annotations

import random

import pytest

from grader.analysis import Analysis
from grader.analysis import segments
from grader.analysis.plain_sentences import plain_sentence_spans
from grader.training import data


def pysbd_spans(text: str) -> tuple[tuple[int, int], ...]:
    """What segments would return without the fast path."""
    return tuple(segments._char_spans(text, segments._segmenter().processor(text).process()))


def paragraphs_of_the_labeled_answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every paragraph the engine hands to sentence splitting, over the project's labeled answers."""
    seen: list[str] = []
    monkeypatch.setattr(segments, "plain_sentence_spans", lambda text: seen.append(text))
    segments._pysbd_spans.cache_clear()
    for item in data.v2_train()[::2]:
        segments.units(Analysis(item.text))
    segments._pysbd_spans.cache_clear()
    return sorted(set(seen))


def test_on_the_labeled_answers_it_agrees_with_pysbd_and_answers_for_a_good_share(monkeypatch) -> None:
    paragraphs = paragraphs_of_the_labeled_answers(monkeypatch)
    answered = [(text, spans) for text in paragraphs if (spans := plain_sentence_spans(text)) is not None]
    assert len(paragraphs) > 1000
    assert len(answered) > 0.3 * len(paragraphs)  # a fast path that never answers would be dead code
    assert [text for text, spans in answered if spans != pysbd_spans(text)] == []


def test_on_generated_paragraphs_with_the_constructs_pysbd_has_rules_for_it_agrees_or_abstains() -> None:
    rng = random.Random(7)
    sentences = [
        "The export job timed out after 30 s for tenants with more than 200k rows.",
        "Kofi moved the upload into its own module.",
        "Could you check `config.yaml` before Friday?",
        "We measured it on staging with the March data.",
        "It works!",
        "Then the retry loop ran again without a pause.",
        "Ana reviewed the migration and approved it.",
    ]
    constructs = ["(a) pin it, or (b) move it?", "ii) and iii)", "e.g. this", "at 5 p.m. Then", "No. 5 is",
                  "v1.2.3. Then", "the U.S. team", "Mr. Smith", "Yahoo! Then", "etc. Then", "(see above. Then)",
                  "\"It broke. Then\"", "`a.b`. Then", "[x. Y]", "1. First. 2. Second", "in 2023. Then", "12.50",
                  "Workshop.12 Then", "-- aside. Then --", "\u2014 so. Then \u2014", "'quoted. Text'", "approx. 5",
                  "(#12) Then", "file.py. Then", "**Note.** Then", ". `x` is", "\n", "A. B.", "ok. Then"]
    answered = 0
    for _ in range(3000):
        words = " ".join(rng.sample(sentences, rng.randint(2, 5))).split(" ")
        for _ in range(rng.randint(0, 2)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(constructs))
        text = " ".join(words)
        spans = plain_sentence_spans(text)
        if spans is not None:
            answered += 1
            assert spans == pysbd_spans(text), text
    assert answered > 300


@pytest.mark.parametrize(
    "text",
    [
        "We pin it (see the ADR. It explains why) and move on.",  # a sentence end inside brackets
        "He said \"it broke. Then it came back\" and left.",  # between double quotes
        "Use the flag, e.g. Then it works.",  # an abbreviation before the period
        "It took 5 s. Then it passed.",  # a single letter before the period
        "It failed on step 12. Then it passed.",  # a one- or two-digit number before the period (a list item?)
        "We chose (a) Postgres over (b) Dynamo. It was cheaper.",  # list markers
        "The fix -- finally. It works -- landed.",  # a dash pair
        "It failed. then it passed.",  # a lower-case word after the period
        "First line.\tSecond line.",  # a tab
    ],
)
def test_paragraphs_with_something_pysbd_has_a_rule_for_go_to_pysbd(text: str) -> None:
    assert plain_sentence_spans(text) is None


def test_plain_prose_is_cut_after_each_sentence_and_its_spaces() -> None:
    text = "The job timed out. Kofi moved the upload!  Could you check `export.py` today?"
    assert plain_sentence_spans(text) == ((0, 19), (19, 43), (43, len(text))) == pysbd_spans(text)


def test_years_and_decimals_are_read_as_pysbd_reads_them() -> None:
    text = "The p95 went from 2.5 s to 0.8 s in 2023. Then `billing.yaml` doubled the pool."
    assert plain_sentence_spans(text) == ((0, 42), (42, len(text))) == pysbd_spans(text)


def test_a_line_break_ends_a_sentence_as_pysbd_ends_it() -> None:
    text = "hi all\nanyone around?\n\n  The deploy of `billing` failed. Logs are in the channel."
    assert plain_sentence_spans(text) == ((0, 7), (7, 25), (25, 57), (57, len(text))) == pysbd_spans(text)
