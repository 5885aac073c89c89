"""``invented-names``: people, systems and products the answer names that the exercise never mentions.

"'Kafka' is not in the brief — where does it come from?" An answer to an
exercise works with the situation it is given; a named system, vendor,
incident or colleague that appears nowhere in the assignment is usually an
invented fact (a past outage to win the argument, a tool the team does not
use). Known are every word of the brief (task, problem, engages, entities,
figures), the names the assignment's notebook gives (the brief file's
``names``), everyday words, acronyms and tools (``grader/guards/words.yaml``,
``grader/lexicons``). What counts as a name at all: :mod:`grader.guards.names`
(never code, handles, URLs or a word at the start of a sentence).

Without a brief there is nothing to check against: a learner who invents a
free-standing situation names what they like. The guard only notes (no cap, no
veto of its own); a rubric may cap on it (``caps: [{when: invented-names, ...}]``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from grader.guards.base import Finding, GuardContext
from grader.guards.names import fold, names
from grader.guards.phrases import word_lists

NAME = "invented-names"
MAX_NOTES = 5


def check(context: GuardContext) -> Finding | None:
    brief = context.brief
    if brief is None or context.rubric.format != "prose":
        return None
    known = brief.known_words
    invented = [(span, words) for span, words in names(context.text)
                if any(not is_known(word, known) for word in words)]
    if not invented:
        return None
    text = context.text
    quoted = list(dict.fromkeys(text[s:e] for (s, e), _ in invented))
    notes = " ".join(f"'{name}' is not in the brief \u2014 where does it come from?" for name in quoted[:MAX_NOTES])
    return Finding(NAME, notes + " A name the exercise never gives reads as an invented fact.",
                   spans=tuple(span for span, _ in invented))


def is_known(word: str, known: frozenset[str]) -> bool:
    """True when ``word`` is in ``known`` (a brief's folded words), an everyday word, or an alias of a known one."""
    folded = fold(word)
    everyday = everyday_words()
    stem = re.split(r"['\u2019]", folded)[0]  # "you're" is "you"
    for form in (folded, stem, folded[:-1] if folded.endswith("s") else folded, *folded.split(".")):
        if form in known or form in everyday or aliases().get(form, frozenset()) & known:
            return True
    return False


@lru_cache(maxsize=1)
def aliases() -> dict[str, frozenset[str]]:
    """Folded word -> the other words of its alias groups (``name_aliases`` in words.yaml): "postgres" is known
    when the brief says "PostgreSQL"."""
    groups = word_lists()["name_aliases"].values()
    out: dict[str, frozenset[str]] = {}
    for group in groups:
        folded = {fold(w) for name in group for w in name.split()}
        for word in folded:
            out[word] = out.get(word, frozenset()) | (folded - {word})
    return out


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """Words that are no fact of any brief: ordinary words, everyday acronyms and tools (folded)."""
    from grader.analysis.lexicon import all_lexicons

    lexicons = all_lexicons()
    words = word_lists()["everyday_names"] + lexicons.get("common_words", ()) + lexicons.get("everyday_acronyms", ())
    return frozenset(fold(w) for phrase in words for w in phrase.split())
