"""Sentence spans found with ``str.find`` must be exactly pysbd's own character spans.

``grader.analysis.segments`` asks pysbd for its sentences and locates them itself
(``_char_spans``) instead of letting pysbd compile a regex per sentence. These
tests compare the two on paragraphs built to provoke the cases where locating a
sentence is not trivial (a sentence repeated, white space of every kind after a
sentence, abbreviations, quotes, lists) and on the project's own labeled answers.
"""
from __future__ import annotations

import random
from pathlib import Path

from grader.analysis import Analysis, segments
from grader.yaml_data import load_yaml

PIECES = (
    "The cache was cold.", "It broke at 3 p.m. on Friday.", "See Dr. Smith about it.",
    'He said "stop it. Now." and left.', "We use `--flag` here.", "Then -- as usual -- it failed.",
    "Version 1.2.3 fixed it.", "Why did it fail?", "It worked!", "the U.S. Army uses it.",
    "It's fine. Don't worry.", "No. 5 is the one.", "I like it... Really.", "Same. Same. Same.",
    "Ok.\u00a0Next one.", "Tab.\tThen this.", "\u2003Em space. Here.", "1. First 2. Second", "x",
    "Fixed it. Fixed it.", "(see above.) Then below.",
)
CALIBRATION = Path(__file__).resolve().parent / "calibration"


def _pysbd(text: str) -> list[tuple[int, int]]:
    return [(piece.start, piece.end) for piece in segments._segmenter().segment(text)]


def _ours(text: str) -> list[tuple[int, int]]:
    return segments._char_spans(text, segments._segmenter().processor(text).process())


def test_spans_match_pysbd_on_tricky_paragraphs() -> None:
    rng = random.Random(5)
    for _ in range(800):
        paragraph = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 9)))
        assert _ours(paragraph) == _pysbd(paragraph), paragraph


def test_a_repeated_sentence_gets_each_of_its_places() -> None:
    text = "Same. Same. Same."
    assert _ours(text) == [(0, 6), (6, 12), (12, 17)]


def test_spans_match_pysbd_on_the_course_answers() -> None:
    paragraphs: list[str] = []
    original = segments._pysbd_spans
    try:
        segments._pysbd_spans = lambda text: paragraphs.append(text) or original(text)
        for path in sorted(p for p in CALIBRATION.rglob("*.yaml") if "holdout" not in p.parts):
            for item in (load_yaml(path.read_text(encoding="utf-8")) or [])[::6]:  # a sixth keeps it quick
                if isinstance(item, dict) and isinstance(item.get("text"), str):
                    segments.units(Analysis(item["text"]))
    finally:
        segments._pysbd_spans = original
    assert len(paragraphs) > 800
    different = [p for p in paragraphs if _ours(p) != _pysbd(p)]
    assert not different, different[:3]
