"""``not-english``: an answer in another language is said to be so, and left to the instructor.

The checks read English signals; on German or Russian they would produce an
arbitrary score. Light and deterministic: an answer whose letters are mostly
non-Latin, or whose share of another language's common function words
(``function_words`` in ``words.yaml``) is above ``MIN_OTHER_SHARE`` and higher than
its share of English ones, is flagged for the instructor and scored 0 by the
checks. Non-native English keeps English function words ("the", "is", "to")
and is not flagged; code, identifiers and short answers (under ``MIN_WORDS``
words) are never judged.
"""
from __future__ import annotations

import re
from functools import lru_cache

from grader.guards.base import Finding, GuardContext
from grader.guards.phrases import word_lists

NAME = "not-english"
CAP = 0.0
MIN_WORDS = 12
MIN_OTHER_SHARE = 0.15
MIN_NON_LATIN_SHARE = 0.5
_CODE = re.compile(r"```.*?(?:```|\Z)|`[^`\n]+`", re.DOTALL)
_LETTER = re.compile(r"[^\W\d_]")


def check(context: GuardContext) -> Finding | None:
    prose = _CODE.sub(" ", context.text)
    words = [w.group().lower() for w in context.words_in(prose) if _LETTER.search(w.group())]
    if len(words) < MIN_WORDS:
        return None
    if not prose.isascii():  # ASCII letters are Latin: most answers skip the per-letter test
        letters = _LETTER.findall(prose)
        non_latin = sum(
            1 for c in letters if not c.isascii() and not ("a" <= c.lower() <= "z" or "\u00c0" <= c <= "\u024f"))
        if non_latin / len(letters) > MIN_NON_LATIN_SHARE:
            return _finding(f"{_script(letters)} script")
    shares = {language: sum(map(vocabulary.__contains__, words)) / len(words)
              for language, vocabulary in _vocabularies().items()}
    english = shares.pop("English")
    language, share = max(shares.items(), key=lambda item: item[1])
    if share >= MIN_OTHER_SHARE and share > english:
        return _finding(language)
    return None


def _script(letters: list[str]) -> str:
    """The commonest non-Latin script among ``letters`` ("CJK", "Cyrillic", "Arabic" ...)."""
    import unicodedata
    from collections import Counter

    names = Counter(unicodedata.name(c, "OTHER").split()[0] for c in letters if not c.isascii())
    return names.most_common(1)[0][0].title().replace("Cjk", "CJK") if names else "another"


def _finding(language: str) -> Finding:
    return Finding(NAME, f"This answer does not look like English (it reads as {language}). The automatic checks only "
                         "read English, so they do not score it; your instructor will grade it.",
                   cap=CAP, for_instructor=True)


@lru_cache(maxsize=1)
def _vocabularies() -> dict[str, frozenset[str]]:
    return {language: frozenset(w.lower() for w in words)
            for language, words in word_lists()["function_words"].items()}
