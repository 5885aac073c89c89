"""The guards' phrase finder: trying a phrase only where its first word occurs finds what scanning every position finds."""
from __future__ import annotations

import re

from grader.brief import brief_ids, load_brief
from grader.guards.phrases import _phrase_pattern, find, fold_accents, occurs, word_lists
from grader.training import data


def scanned(phrases: tuple[str, ...], text: str, fold: bool = False) -> list[tuple[tuple[int, int], str]]:
    """The reference: every phrase's regex run over the whole text, overlaps dropped as ``find`` drops them."""
    if fold:
        phrases, text = tuple(fold_accents(p) for p in phrases), fold_accents(text)
    found: list[re.Match[str]] = []
    for phrase in {p.strip() for p in phrases if p.strip()}:
        found += _phrase_pattern(phrase)[1].finditer(text)
    found.sort(key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return [(m.span(), m.group()) for m in kept]


def test_find_agrees_with_a_full_scan_on_the_briefs_and_word_lists_over_labeled_answers() -> None:
    lists = [(load_brief(b).engages, True) for b in brief_ids()] + [(load_brief(b).entities, True) for b in brief_ids()]
    lists += [(words, False) for words in word_lists().values() if isinstance(words, tuple)]
    texts = [item.text for item in data.v2_train()[::25]]
    hits = 0
    for text in texts:
        for phrases, fold in lists:
            expected = scanned(phrases, text, fold)
            assert [(m.span(), m.group()) for m in find(phrases, text, fold)] == expected
            hits += len(expected)
    assert hits > 400


def test_occurs_is_whether_find_finds_the_phrase() -> None:
    text = "Retries hit the Órders API twice; the retry_count stays at 0 and preretry is not a word."
    folded = fold_accents(text)
    for phrase in ("retr*", "orders api", "retry_count", "retry", "twice", "stays at 0", "refund", "pre"):
        assert occurs(phrase, folded, folded.lower()) == bool(scanned((phrase,), folded))


def test_a_phrase_is_not_found_inside_a_longer_word_or_where_lower_casing_moves_offsets() -> None:
    assert find(("retry",), "preretry then retry") and find(("retry",), "preretry then retry")[0].start() == 14
    text = "\u0130stanbul team: the retry loop"  # "\u0130".lower() is two characters
    assert [m.span() for m in find(("retry",), text)] == [m[0] for m in scanned(("retry",), text)] == [(19, 24)]
