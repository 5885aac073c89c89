"""Curated word lists (``grader/lexicons/*.yaml``) compiled into fast, safe regexes.

An entry is a phrase, matched case-insensitively on word boundaries:

* a space matches any run of whitespace (so line-wrapped phrases still match);
* ``*`` at the end of a word matches any word ending (``break*`` -> breaks, broke
  is a separate entry);
* an entry starting with ``re:`` is a raw, case-insensitive regular expression for
  the rare case a phrase cannot express. It sets its own left boundary (``\\b``);
  the right boundary (no word character follows) is added. No nested quantifiers.

Why a trie: a lexicon of a few hundred phrases as a flat alternation makes the
regex engine try every phrase at every position. Merging common prefixes into a
trie keeps matching fast and strictly linear in the answer length.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from grader.yaml_data import load_yaml


class LexiconError(ValueError):
    """A lexicon file or name is wrong (raised at load time, names the file)."""


@lru_cache(maxsize=1)
def all_lexicons() -> dict[str, tuple[str, ...]]:
    """Every lexicon, by name, from every file in ``grader/lexicons``."""
    lexicons: dict[str, tuple[str, ...]] = {}
    origin: dict[str, str] = {}
    folder = resources.files("grader") / "lexicons"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = load_yaml(entry.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise LexiconError(f"grader/lexicons/{entry.name}: must be a mapping of name -> list of phrases")
        for name, phrases in data.items():
            if name in lexicons:
                raise LexiconError(f"grader/lexicons/{entry.name}: lexicon '{name}' is already defined in {origin[name]}")
            if not isinstance(phrases, list) or not phrases:
                raise LexiconError(f"grader/lexicons/{entry.name}: lexicon '{name}' must be a non-empty list of phrases")
            for number, phrase in enumerate(phrases, 1):
                if not isinstance(phrase, str) or not phrase.strip():
                    raise LexiconError(
                        f"grader/lexicons/{entry.name}: lexicon '{name}': entry #{number} ({phrase!r}) must be a "
                        "non-empty string (quote entries YAML reads as numbers, booleans or mappings)"
                    )
            lexicons[name] = tuple(phrases)
            origin[name] = entry.name
    return lexicons


def lexicon_names() -> list[str]:
    return sorted(all_lexicons())


@lru_cache(maxsize=None)
def compiled(name: str) -> PhraseSet:
    """The matcher for every phrase of lexicon ``name``."""
    lexicons = all_lexicons()
    if name not in lexicons:
        raise LexiconError(f"unknown lexicon '{name}' (known: {', '.join(sorted(lexicons))})")
    return compile_phrases(lexicons[name])


class PhraseSet:
    """The compiled phrases of one lexicon: a trie regex for the literal phrases and
    one regex per raw ``re:`` entry.

    Why separate regexes: Python's regex engine skips quickly over positions where a
    pattern's first character cannot match, but only for a single pattern that
    starts with a literal. One big alternation of raw entries loses that and costs
    several passes' worth of work; separate passes keep each one cheap.
    Offers the subset of the ``re.Pattern`` API the checks use.
    """

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.patterns = patterns

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        for pattern in self.patterns:
            yield from pattern.finditer(text, pos, end)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        hits = [m for m in (p.search(text, pos, end) for p in self.patterns) if m]
        return min(hits, key=lambda m: m.start()) if hits else None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        return next((m for m in (p.match(text, pos, end) for p in self.patterns) if m), None)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return next((m for m in (p.fullmatch(text) for p in self.patterns) if m), None)


def compile_phrases(phrases: tuple[str, ...] | list[str]) -> PhraseSet:
    """Compile phrases (see module docstring) into word-bounded regexes.

    The patterns are meant for the LOWER-CASED text (``Analysis.lower``): literal
    phrases are lower-cased into the trie, and raw ``re:`` entries are compiled
    case-insensitively so an author's ``Error|Exception`` still matches. Matching
    lower-case literals without IGNORECASE roughly halves the cost per lexicon.
    """
    literal = [p for p in phrases if not p.startswith("re:")]
    raw = [p[3:].strip() for p in phrases if p.startswith("re:")]
    # Raw entries that start with "\\b" share the pass of the literal trie (the
    # engine tries them only at word starts); the others (lookbehinds, literal-led)
    # get a pass each. Raw parts are case-insensitive via a scoped (?i:...).
    at_word_start = [f"(?i:{r[2:]})" for r in raw if r.startswith("\\b")]
    patterns = []
    word_led = list(at_word_start)
    if literal:
        trie = _trie_regex(_build_trie([_units(p) for p in literal]))
        # "\\b" is the fast path; phrases that start with punctuation ("!!!", "%") need the lookbehind.
        if all(re.match(r"\w", p.strip()[0]) for p in literal):
            word_led.insert(0, trie)
        else:
            patterns.append(re.compile(rf"(?<![\w])(?:{trie})(?![\w])"))
    if word_led:
        patterns.append(re.compile(r"\b(?:" + "|".join(word_led) + r")(?![\w])"))
    patterns += [re.compile(rf"(?:{r})(?![\w])", re.IGNORECASE) for r in raw if not r.startswith("\\b")]
    return PhraseSet(patterns)


def _units(phrase: str) -> list[str]:
    """A phrase as a list of regex units: one per character, space and star collapsed."""
    units: list[str] = []
    for word_index, word in enumerate(phrase.strip().lower().split()):
        if word_index:
            units.append(r"\s+")
        star = word.endswith("*") and len(word) > 1
        for ch in word[:-1] if star else word:
            units.append("['\u2019]" if ch in "'\u2019" else re.escape(ch))
        if star:
            units.append(r"\w*")
    return units


_END = ""


def _build_trie(sequences: list[list[str]]) -> dict:
    root: dict = {}
    for units in sequences:
        node = root
        for unit in units:
            node = node.setdefault(unit, {})
        node[_END] = {}
    return root


def _trie_regex(node: dict) -> str:
    branches = [unit + _trie_regex(child) for unit, child in sorted(node.items()) if unit != _END]
    optional = _END in node
    if not branches:
        return ""
    if len(branches) == 1 and not optional:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if optional else body
