"""Tone on heated issue-thread text: the profanity veto, the frustration features and how training picks the tone threshold."""
from __future__ import annotations

import pytest

from grader.analysis import Analysis
from grader.checks import build
from grader.judgement.moves import catalogue


def found(signal: str, text: str) -> list[str]:
    analysis = Analysis(text)
    return [analysis.slice(span) for span in analysis.signal(signal)]


def tone(text: str):
    return build({"tone": {}}).evaluate(Analysis(text))


@pytest.mark.parametrize(
    "text, culprit",
    [
        ("This f*cking build broke again.", "f*cking"),
        ("What the hell is this migration doing?", "the hell"),
        ("For fuck's sake, read the changelog.", "For fuck's sake"),
        ("Whoever wrote this is a jackass.", "jackass"),
        ("Do you not understand that the two inputs differ?", "Do you not understand"),
        ("Imagine thinking a global lock scales.", "Imagine thinking"),
    ],
)
def test_profanity_and_talking_down_fail_the_tone_rule_and_point_at_the_words(text: str, culprit: str) -> None:
    outcome = tone(text)
    assert not outcome.holds
    assert culprit in [text[s:e] for s, e in outcome.spans]


@pytest.mark.parametrize(
    "text, culprit",
    [
        ("RTFM: https://docs.gradle.org/current/userguide/build_cache.html", "RTFM"),
        ("Rookie move: the retry loop in `sync_orders` never sleeps.", "Rookie move"),
        ("`userData2`, really? Name it after what it holds.", "really?"),
        ("How did this ever pass CI? `test_refund` is skipped on every platform.", "How did this ever"),
        ("Sloppy and lazy code: the cursor in `export_rows` is never closed.", "lazy code"),
        ("Ship it like this and you'll find out soon enough why we pin versions.", "you'll find out soon enough"),
        ("Friendly reminder that we agreed on typed errors in the last retro. `fetchUser` throws strings.", "Friendly reminder"),
        ("I'm sure you know this, but `datetime.now()` is local time on the build agents.", "I'm sure you know"),
        ("> `# FIXME: works on my machine`\n\nBold.", "Bold."),
        ("Ah yes, a 900-line `utils.py`.", "Ah yes"),
        ("Flaky tests in `billing/` are not our problem; the payments team owns them.", "not our problem"),
        ("This is what happens when nobody writes an integration test: `sync()` drops the last page.", "This is what happens when"),
        ("Merge it if you like, but don't blame us when the cache stampedes on Monday.", "don't blame us"),
        ("No offense, but `retry_forever()` is not a retry policy.", "No offense, but"),
        ("What were you thinking with a 30-second lock around `charge()`?", "What were you thinking"),
        ("A variable called `final_final_v3`? Come on.", "Come on"),
        ("Even the QA interns know better than to log the card number in `charge()`.", "Even the QA interns know better"),
    ],
)
def test_digs_in_labels_and_snide_asides_fail_the_tone_rule(text: str, culprit: str) -> None:
    """A label ("RTFM:", "Rookie move:") is read as much as the prose, and a snide aside
    ("really?", "you'll find out soon enough") puts the author on the defensive as insults do; so do the
    polite-sounding digs reviewers recognise ("friendly reminder", "I'm sure you know"), one-word sarcasm
    and washing one's hands of a problem."""
    outcome = tone(text)
    assert not outcome.holds
    assert culprit in [text[s:e] for s, e in outcome.spans]


@pytest.mark.parametrize(
    "text",
    [
        "Is this lock really needed? `refresh_token` already runs under the session mutex.",
        "Lazy loading the thumbnails would cut the first paint; could `Gallery` defer them?",
        "The garbage collector pauses for 300 ms when `ImageCache` holds 2 GB; can we cap it at 512 MB?",
        "Note: the migration should be reviewed by someone in the payments team before Friday.",
        "Could the heading be bold? It reads as body text on the settings page.",
        "As usual for this service, the migration runs in two steps: add the column, then backfill.",
        "It's not a problem for the batch job; only the API path holds the lock.",
        "Come on over to #payments-dev and we can pair on the retry test tomorrow.",
        "Even the platform team could not reproduce the timeout on staging, so a trace from production would help.",
    ],
)
def test_sincere_uses_of_the_same_words_keep_the_tone_point(text: str) -> None:
    assert tone(text).holds


@pytest.mark.parametrize(
    "text",
    [
        "Kill the worker process before you restart the master node.",
        "The foobar fixture leaks a file handle; could we close it in teardown?",
        "Screw terminals need a torque value in the BOM, so the install guide should list it.",
        "The `assert` in `class_path()` fires when the path is empty.",
    ],
)
def test_technical_words_a_generic_profanity_list_flags_are_not_profanity(text: str) -> None:
    assert found("profanity", text) == []
    assert tone(text).holds


@pytest.mark.parametrize(
    "text",
    [
        "Any update on this? We still see it on 2.3.",
        "This is still broken in 2.4: the upload fails with a 413 over 10 MB.",
        "Once again the nightly build failed on the same test.",
    ],
)
def test_impatience_and_frustration_are_features_not_a_veto(text: str) -> None:
    assert found("impatience", text) or found("frustration", text)
    assert tone(text).holds


def test_the_heated_thread_lexicons_find_their_phrases() -> None:
    assert found("impatience", "Any update?? It is still broken.") == ["Any update", "still broken"]
    assert found("frustration", "Honestly, this is ridiculous. I give up.") == ["Honestly,", "this is ridiculous", "I give up"]
    assert found("entitlement", "We pay for this, so it's your job to fix it.") == ["We pay", "it's your job"]


def test_exasperation_is_a_doubled_question_mark_outside_code_not_a_friendly_double_bang() -> None:
    assert found("exasperation", "Why?? Really?! Fine.") == ["??", "?!"]
    assert found("exasperation", "Congrats on your first PR!!") == []
    assert found("exasperation", "Use `a ?? b` here.") == []


def test_scare_quotes_are_one_or_two_quoted_words_not_quoted_sentences_or_code() -> None:
    assert found("scare_quotes", 'Your "fix" broke the "fast path" again.') == ['"fix"', '"fast path"']
    assert found("scare_quotes", 'She wrote "we will ship it next week" in the thread.') == []
    assert found("scare_quotes", 'Set `name = "app"` in the config.') == []


def test_the_disrespect_move_is_given_the_new_signals() -> None:
    signals = set(catalogue()["disrespect"].signals)
    assert {"profanity", "frustration", "impatience", "entitlement", "exasperation", "scare_quotes"} <= signals


# ------------------------------------------------------------ how training picks the tone threshold
def outcome(hits: int, rule_hits: int, vcu: list[tuple[bool, bool]]) -> tuple:
    """The shape train._outcomes returns: hits, rule hits, n, real-writing counts, vcu (met, holds, label)."""
    return hits, rule_hits, 100, [0, 0, 0], [(met, True, label) for met, label in vcu]


def test_the_threshold_with_the_best_vcu_balanced_accuracy_wins_among_those_as_good_as_the_rule() -> None:
    train = pytest.importorskip("grader.training.train")
    vcu_weak = [(True, True), (True, False)]  # misses the uncivil comment: balanced accuracy 0.5
    vcu_strong = [(True, True), (False, False)]  # finds it: 1.0
    outcomes = {0.5: outcome(90, 90, vcu_weak), 0.3: outcome(90, 90, vcu_strong), 0.2: outcome(85, 90, vcu_strong)}
    assert train._choose(outcomes) == 0.3


def test_when_no_threshold_agrees_with_the_course_as_often_as_the_rule_the_most_agreeing_one_is_kept() -> None:
    train = pytest.importorskip("grader.training.train")
    outcomes = {0.5: outcome(80, 90, []), 0.3: outcome(85, 90, [(True, True), (False, False)])}
    assert train._choose(outcomes) == 0.3  # and choose_deciders lets the rule decide (its gain is negative)


def test_without_vcu_comments_the_most_agreeing_threshold_wins() -> None:
    train = pytest.importorskip("grader.training.train")
    outcomes = {0.5: outcome(90, 88, []), 0.4: outcome(93, 88, []), 0.3: outcome(91, 88, [])}
    assert train._choose(outcomes) == 0.4


def test_balanced_accuracy_weighs_both_classes_equally() -> None:
    from grader.training.metrics import balanced_accuracy

    pairs = [(True, True)] * 9 + [(True, False)]  # every civil one right, the one uncivil missed
    assert balanced_accuracy(pairs) == 0.5
    assert balanced_accuracy([(True, True), (False, False)]) == 1.0


def test_vcu_comments_are_review_comments_labeled_for_tone_only() -> None:
    train = pytest.importorskip("grader.training.train")
    from grader.training.data import shared_dir

    if shared_dir() is None:
        pytest.skip("../shared is absent: the vcu-incivility data is not here")
    docs = train.incivility_docs()
    assert docs and all(d.rubric == "pr-review/comment" and list(d.labels) == ["respectful-tone"] for d in docs)
    assert all(d.group.startswith("vcu:") for d in docs)
    assert {d.labels["respectful-tone"] for d in docs} == {True, False}


# ------------------------------------------------------------ end to end: the learned part of tone
def _tone_result(text: str):
    import grader

    return next(c for c in grader.check(text, "pr-review/comment").criteria if c.id == "respectful-tone")


def test_a_heated_comment_without_veto_words_is_missed_and_the_heated_sentence_is_quoted() -> None:
    text = ("This has been broken for two years now. Every release I check and it is still broken. Any update?? "
            "Nobody on this team seems to care about users on Windows.")
    assert tone(text).holds  # the rule alone lets it through
    result = _tone_result(text)
    assert not result.met
    quoted = [text[s:e] for s, e in result.spans]
    assert quoted and set(quoted) <= {"Any update??", "Nobody on this team seems to care about users on Windows."}
    assert f"This sentence may put the reader on the defensive: \u201c{quoted[0]}\u201d" in result.feedback


@pytest.mark.parametrize(
    "text",
    [
        "The cache in `price_lookup.py` has no TTL, so a price change takes a day to show. Could we set a TTL of "
        "five minutes? Happy to pair on it.",
        "This PR is really nice work. The retry loop is clear and the tests cover the edge cases. One question: "
        "should the backoff cap at 30 seconds?",
    ],
)
def test_direct_or_warm_review_comments_keep_their_tone_point(text: str) -> None:
    assert _tone_result(text).met
