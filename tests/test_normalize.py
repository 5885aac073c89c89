"""Normalisation before analysis: invisible characters and look-alike letters, with offsets back to the original."""
from __future__ import annotations

import grader
from grader.normalize import normalize


def test_zero_width_and_soft_hyphen_are_removed_and_spans_map_back() -> None:
    text = "This is st\u200bu\u00adpid."
    normalized = normalize(text)
    assert normalized.text == "This is stupid."
    start = normalized.text.index("stupid")
    assert normalized.to_original((start, start + len("stupid"))) == (8, 16)
    assert text[8:16].replace("\u200b", "").replace("\u00ad", "") == "stupid"
    assert len(normalized.hidden_inside_words()) == 2


def test_cyrillic_and_greek_lookalikes_inside_latin_words_are_folded() -> None:
    normalized = normalize("You are an \u0456d\u0456ot and this is \u03a4\u039f\u03a4\u0391L garbage")
    assert normalized.text == "You are an idiot and this is TOTAL garbage"
    assert len(normalized.disguised) == 2


def test_words_wholly_in_another_script_are_left_alone() -> None:
    assert normalize("\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440").text == "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440"
    assert normalize("na\u00efve caf\u00e9, \u20ac30 \u2014 ok").changed is False


def test_fullwidth_and_mathematical_letters_are_read_as_ascii() -> None:
    assert normalize("\uff53\uff54\uff55\uff50\uff49\uff44").text == "stupid"
    assert normalize("\U0001d42c\U0001d42d\U0001d42e\U0001d429\U0001d422\U0001d41d").text == "stupid"


def test_hidden_characters_no_longer_hide_rude_words_from_the_tone_check() -> None:
    plain = "`retry_count` retries forever, so a failed call charges the card twice. This is stupid. Use a cap."
    hidden = plain.replace("stupid", "st\u200bup\u200bid")
    tone = {t: next(c for c in grader.check(t, "pr-review/comment").criteria if c.id == "respectful-tone")
            for t in (plain, hidden)}
    assert not tone[plain].met and not tone[hidden].met
    assert any("st\u200bup\u200bid" in hidden[s:e] for s, e in tone[hidden].spans)  # spans index what was typed
    assert "hidden-text" in [f.name for f in grader.check(hidden, "pr-review/comment").flags]


def test_homoglyph_spelled_rude_word_is_caught_and_flagged() -> None:
    text = "`retry_count` retries forever, so a failed call charges the card twice. Only an \u0456d\u0456ot writes this."
    result = grader.check(text, "pr-review/comment")
    tone = next(c for c in result.criteria if c.id == "respectful-tone")
    assert not tone.met
    flag = next(f for f in result.flags if f.name == "hidden-text")
    assert flag.for_instructor and [text[s:e] for s, e in flag.spans] == ["\u0456d\u0456ot"]


def test_a_single_stray_soft_hyphen_is_not_flagged() -> None:
    result = grader.check("`retry_count` in worker.py retries for\u00adever, so the card is charged twice. Could we cap it at 3?",
                          "pr-review/comment")
    assert "hidden-text" not in [f.name for f in result.flags]


def test_an_answer_full_of_hidden_characters_is_flagged() -> None:
    text = "\u200b" * 40 + "Looks fine to me." + "\u2060\u200b" * 20
    flag = next(f for f in grader.check(text, "pr-review/comment").flags if f.name == "hidden-text")
    assert flag.for_instructor and "80 invisible characters" in flag.message
    assert not [f for f in grader.check("Ship it \U0001f469\u200d\U0001f4bb!", "pr-review/comment").flags
                if f.name == "hidden-text"]  # an emoji's joiner is not hiding anything
