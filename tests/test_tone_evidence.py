"""The tone evidence labels point at real sentences of real training answers written harsh."""
from __future__ import annotations

from grader.rubric import load_rubric
from grader.training import data


def test_every_quote_is_in_the_answer_it_labels_and_that_answer_was_written_harsh() -> None:
    evidence = data.tone_evidence()
    assert evidence, "tests/calibration/tone-evidence.yaml is missing or empty"
    answers = {f"{item.origin}:{item.id}": item for item in data.course_answers() + data.v2_train()}
    for key, quotes in evidence.items():
        item = answers.get(key)
        assert item is not None, f"{key}: no such training answer"
        assert item.kind == "harsh", f"{key}: tone evidence for an answer not written harsh"
        assert not any(c.move == "disrespect" for c in load_rubric(item.rubric).criteria), \
            f"{key}: its rubric has a tone criterion of its own"
        for quote in quotes:
            assert quote in item.text, f"{key}: {quote!r} is not in the answer"


def test_answers_never_quote_the_shared_calibration_set() -> None:
    """Sentences from ../shared stay there (the data licence note in the developers' guide)."""
    assert not [key for key in data.tone_evidence() if key.startswith("shared-calibration:")]


def test_texts_written_for_tone_quote_their_own_words_and_only_harsh_ones_quote_anything() -> None:
    texts = data.tone_texts()
    assert len({t.id for t in texts}) == len(texts) > 0
    for text in texts:
        load_rubric(text.rubric)  # a rubric that exists
        assert bool(text.offending) == text.harsh, \
            f"{text.id}: harsh texts quote their offending words, civil ones none"
        for quote in text.offending:
            assert quote in text.text, f"{text.id}: {quote!r} is not in the text"


def test_a_blind_second_labeler_agrees_with_the_tone_texts_labels() -> None:
    """The sample in tests/calibration/tone/second/ covers every text whose crc32(id) % 5 == 0."""
    import zlib

    from grader.yaml_data import load_yaml

    first = {t.id: t.harsh for t in data.tone_texts()}
    second = load_yaml((data.CALIBRATION / "tone" / "second" / "sample.yaml").read_text(encoding="utf-8"))
    assert {s["id"] for s in second} == {i for i in first if zlib.crc32(i.encode("utf-8")) % 5 == 0}
    agree = sum(first[s["id"]] == (s["kind"] == "harsh") for s in second)
    assert agree / len(second) >= 0.9, f"the second labeler agrees on {agree} of {len(second)}"
