"""``keyword-list``: labels and buzzwords strung together, with nothing said about them.

"Performance, scalability, maintainability, best practices." names topics; it
states nothing. A sentence (or list item) is a *bare list* when it has at least
three comma/slash/"and"-separated parts of at most three words each and no
predicate (no auxiliary, modal or common verb: see ``predicates`` in
``words.yaml``); a *bare label* is a verbless fragment of at most four words.
When such sentences make up ``MIN_SHARE`` of the answer's words (answers of at
least ``MIN_WORDS`` words), the answer is a keyword list. A terse answer or an
environment line among real sentences stays well below that. Default cap: 25 %.
"""
from __future__ import annotations

import re
from functools import lru_cache

from grader.guards.base import Finding, GuardContext
from grader.guards.phrases import word_lists

NAME = "keyword-list"
CAP = 0.25
MIN_SHARE = 0.6
MIN_WORDS = 8
MIN_BARE_SENTENCES = 2
_SEPARATORS = re.compile(r"\s*(?:[,;/|\u2022\u00b7+&]|\band\b|\bor\b|\s-\s)\s*", re.IGNORECASE)
_CODE = re.compile(r"`[^`\n]+`|```.*?```", re.DOTALL)


def check(context: GuardContext) -> Finding | None:
    total = len(context.words())
    if total < MIN_WORDS:
        return None
    predicates = _predicates()
    bare: list[tuple[int, int]] = []
    bare_words = 0
    for start, end in context.sentences():
        sentence = context.text[start:end]
        if _CODE.search(sentence) or any(w.group().lower() in predicates for w in context.words_in(sentence)):
            continue
        words = context.words_in(sentence)
        if not words:
            continue
        parts = [p for p in _SEPARATORS.split(sentence) if context.words_in(p)]
        is_list = len(parts) >= 3 and all(len(context.words_in(p)) <= 3 for p in parts)
        is_label = len(words) <= 4
        if is_list or is_label:
            bare.append((start, end))
            bare_words += len(words)
    share = bare_words / total
    if len(bare) < MIN_BARE_SENTENCES or share < MIN_SHARE:
        return None
    example = " ".join(context.text[bare[0][0]:bare[0][1]].split())[:60]
    return Finding(NAME, f"Most of this answer ({share:.0%} of its words) is lists of labels or buzzwords with nothing "
                         f"said about them (e.g. '{example}'). Say what happens, to what, and why.",
                   spans=tuple(bare), cap=CAP)


@lru_cache(maxsize=1)
def _predicates() -> frozenset[str]:
    """Auxiliaries, modals and the common verbs in their regular forms ("use", "uses", "used", "using")."""
    lists = word_lists()
    words = {w.lower() for w in lists["predicates"]}
    for verb in lists["verbs"]:
        stem = verb[:-1] if verb.endswith("e") else verb
        words.update({verb, verb + "s", verb + "es", verb + "d", verb + "ed", stem + "ed", stem + "ing",
                      verb + verb[-1] + "ed", verb + verb[-1] + "ing", verb[:-1] + "ies", verb[:-1] + "ied"})
    return frozenset(words)
