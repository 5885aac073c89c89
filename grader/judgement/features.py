"""Feature names of each unit of an answer: words, structure, neighbours and analysis signals.

Why hashed feature names: the committed weights stay small and need no
vocabulary file; ``zlib.crc32`` is stable across processes and platforms
(Python's ``hash`` is salted per process). Training and grading call this same
code, so a feature means the same thing in both.

A unit's features are split in two: ``base`` (its words and bigrams, its kind,
list/quote context, position, section title, length, the rubric) shared by
every move, and ``signals`` (which analysis signals fall in the unit or its
neighbours) from which each move uses only the signals it declares.
"""
from __future__ import annotations

import re
import zlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from grader.analysis import Analysis
from grader.analysis.segments import Unit, units

DIM_BITS = 18
MASK = (1 << DIM_BITS) - 1
# Units kept per answer for judgement: a 5 MB paste must not build millions of features.
MAX_UNITS = 400


def bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & MASK


@dataclass
class UnitFeatures:
    unit: Unit
    base: list[int]
    signals: dict[str, str]  # signal name -> "in" | "prev" | "next" (nearest first)


def _length_bucket(words: int) -> str:
    return "1-3" if words <= 3 else "4-8" if words <= 8 else "9-20" if words <= 20 else "21+"


def _words(analysis: Analysis, unit: Unit) -> list[str]:
    out: list[str] = []
    code = analysis.code if analysis.code else None  # most answers have no code: skip the per-token lookup
    in_code = False
    for token in analysis.tokens_in((unit.start, unit.end)):
        if code is not None and code.contains(token.start):
            if not in_code:
                out.append("<code>")
            in_code = True
            continue
        in_code = False
        text = token.text.lower()
        out.append(text if text.isalpha() or not any(c.isdigit() for c in text) else "<num>")
        if len(out) >= 80:
            break
    return out


# Title lexicons (grader/lexicons/section_titles.yaml) a unit's section heading is matched against:
# "Steps to reproduce the behavior" and "Reproduction steps" become one feature, so the model
# learns the convention once instead of once per template's wording.
SECTION_TITLES = ("context_title", "options_title", "drivers_title", "tradeoffs_title", "consequences_title",
                  "decision_title", "evidence_title", "steps_title", "environment_title", "expected_title",
                  "observed_title", "ask_title")
_TITLE_NOISE = re.compile(r"^[\s#*_\d.)(-]+|\([^)]*\)|[^\w\s'/&,-]+")
_TITLE_JOINERS = re.compile(r"\s*(?:/|&|,|\band\b|:)\s*")
# "**Steps:**", "OS:", "Expected behaviour:" at the start of a unit: a section title written inline.
_LABEL = re.compile(r"[*_]*([A-Za-z][\w /&'()-]{0,40}?)[*_]*\s*:[*_]*(?:\s|$)")


@lru_cache(maxsize=1024)
def section_kinds(section: str) -> tuple[str, ...]:
    """The title lexicons a section heading is (as a whole, or one part of "Options / trade-offs")."""
    from grader.analysis.lexicon import compiled

    text = " ".join(_TITLE_NOISE.sub(" ", section.lower()).split())
    if not text:
        return ()
    parts = [text] + [p for p in _TITLE_JOINERS.split(text) if p and p != text]
    return tuple(name for name in SECTION_TITLES if any(compiled(name).fullmatch(part) for part in parts))


def judged_units(analysis: Analysis) -> list[Unit]:
    """Units a move can be carried by: everything but git trailers (metadata)."""
    return [u for u in units(analysis) if u.kind != "trailer"][:MAX_UNITS]


def unit_features(analysis: Analysis, rubric: str, signal_names: set[str] | frozenset[str]) -> list[UnitFeatures]:
    """Features of every judged unit of ``analysis`` for grading against ``rubric``."""
    base = _base_features(analysis)
    if not base:
        return []
    judged = [unit for unit, _ in base]
    starts = [u.start for u in judged]
    hits: list[set[str]] = [set() for _ in judged]
    for name in signal_names:
        for s, e in analysis.signal(name):
            i = bisect_right(starts, s) - 1
            j = bisect_left(starts, e)
            for k in range(max(i, 0), min(j, len(judged))):
                if judged[k].start < e and s < judged[k].end:
                    hits[k].add(name)
    rubric_bucket = bucket(f"rubric:{rubric}")
    last = len(judged) - 1
    out: list[UnitFeatures] = []
    for index, (unit, buckets) in enumerate(base):
        signals: dict[str, str] = {}
        for name in hits[index]:
            signals[name] = "in"
        for neighbour, where in ((index - 1, "prev"), (index + 1, "next")):
            if 0 <= neighbour <= last and judged[neighbour].block == unit.block:
                for name in hits[neighbour]:
                    signals.setdefault(name, where)
        out.append(UnitFeatures(unit, buckets + [rubric_bucket], signals))
    return out


def _base_features(analysis: Analysis) -> list[tuple[Unit, list[int]]]:
    """Each judged unit with its rubric-independent buckets, cached per analysis (a guard that judges the
    answer as another rubric would, e.g. its tone as a review comment's, reuses them)."""
    cached = analysis.__dict__.get("_base_features")
    if cached is not None:
        return cached
    judged = judged_units(analysis)
    norm = analysis.norm
    last = len(judged) - 1
    out: list[tuple[Unit, list[int]]] = []
    for index, unit in enumerate(judged):
        words = _words(analysis, unit)
        names = [f"w:{w}" for w in words]
        names += [f"b:{a}_{b}" for a, b in zip(words, words[1:])]
        if words:
            names.append(f"first:{words[0]}")
            if len(words) > 1:
                names.append(f"first2:{words[0]}_{words[1]}")
        tail = norm[unit.end - 1] if unit.end > unit.start else ""
        names.append(f"end:{tail if tail in '?!.:' else 'other'}")
        names.append(f"kind:{unit.kind}")
        names.append(f"len:{_length_bucket(len(words))}")
        if unit.in_list:
            names.append("list")
        if unit.in_quote:
            names.append("quote")
        if index == 0:
            names.append("pos:first")
        if index == last:
            names.append("pos:last")
        if index and judged[index - 1].block != unit.block:
            names.append("block:first")
        for word in unit.section.lower().split()[:5]:
            names.append(f"sec:{word.strip('*_:#`')}")
        for kind in section_kinds(unit.section):
            names.append(f"sectitle:{kind}")
        label = _LABEL.match(norm, unit.start, unit.end)
        if label:  # "**Steps:** run ...", "OS: Ubuntu 22.04": a label is a section title inline
            for kind in section_kinds(label.group(1)):
                names.append(f"label:{kind}")
        if index and norm[judged[index - 1].end - 1] == "?":
            names.append("prev:question")
        out.append((unit, [bucket(n) for n in names]))
    analysis.__dict__["_base_features"] = out
    return out


def move_buckets(features: UnitFeatures, signal_names: tuple[str, ...]) -> list[int]:
    """The buckets one move sees for one unit: the base features plus its own signals."""
    return features.base + signal_buckets(features, signal_names)


def signal_buckets(features: UnitFeatures, signal_names: tuple[str, ...]) -> list[int]:
    """The buckets of the move's own signals in (or next to) one unit."""
    found = features.signals
    return [_signal_bucket(found[name], name) for name in signal_names if name in found]


@lru_cache(maxsize=4096)
def _signal_bucket(where: str, name: str) -> int:
    # a few dozen distinct names, hashed on every unit of every answer: worth remembering
    return bucket(f"s:{where}:{name}")
