"""How much of an exercise's problem an answer deals with, compared with answers an instructor graded well.

Why this exists: the criteria say *whether* an answer does each part of the job,
not *how much of the situation* it deals with. Two review comments can both be
specific, explain why and suggest a path, and an instructor still grades the one
that deals with the brief's actual failure (the stale manifest, the 14 minutes
of failed searches) above the one that stays general. On the training answers
the criteria leave many such ties (every criterion met at grade 2 and at grade
3); the words an answer shares with the answers graded 2 or 3 on the same
exercise separate them.

How it is measured: each answer is a TF-IDF vector of its words (sublinear term
frequency, stop words dropped, the vocabulary and weights of the course's
training answers); an exercise's *profile* is the mean vector of its training
answers graded 2 or 3 (written on task: not off-topic, harsh, invented or
stuffed). Coverage is the answer's cosine with the profile divided by the median
cosine of those good answers themselves (each measured against a profile built
without its own writer), capped at 1: half of the good answers reach 1, and an
answer about something else scores near 0. The profiles are data
(``grader/models/coverage.json``), built by ``python -m grader.training.coverage``
(also run by ``python -m grader.training.train``) from the labeled answers only.

What it does to the score: at most ``DEDUCTION`` of it, in proportion to what is
missing (an answer at 60 % coverage keeps 96 % of its points), and the feedback
names the profile's words the answer never uses. It never adds points, so
pasting the words can win back at most that share; the stuffing guards still
apply. It runs only with an exercise's brief and only for exercises with a
profile; an answer graded without a brief is scored on its criteria alone.

What it cannot judge: it compares words, not claims. An answer that uses the
brief's words to record the wrong decision keeps its coverage (the invented-*
guards and the criteria are what catch those), and a good answer in unusual
words loses up to ``DEDUCTION`` of its points.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.analysis import Analysis
    from grader.brief import Brief

ARTIFACT = Path(__file__).resolve().parents[1] / "models" / "coverage.json"
# The largest share of the score coverage can take away (benchmarks/bench_coverage.py: Spearman on answers to
# exercises is the same from 2 % to 20 %, 0.827 -> 0.855 on training answers, 0.851 -> 0.890 on validation;
# 10 % keeps it visible without letting word overlap outweigh a criterion).
DEDUCTION = 0.10
# Coverage counts as full from this share of the good answers' median cosine: a model answer, or a good one
# that words one point differently, keeps all its points (validation Spearman 0.890 here, 0.893 at the median
# itself; every model answer in solutions/ reaches full coverage).
FULL_AT = 0.95
# Words of the profile the feedback names when an answer misses them.
MISSING_SHOWN = 5
_TERM = re.compile(r"[^\W\d_]\w+")
# Words the feedback may name: plain words, not ids or hashes ("f1c2e0", "rb").
_SHOWN = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Coverage:
    """An answer's coverage of its exercise's problem and what it costs."""

    share: float  # 0..1: cosine with the exercise's profile over the good answers' median
    deduction: float  # the share of the score taken away: DEDUCTION * (1 - share)
    missing: tuple[str, ...]  # the profile's strongest words the answer never uses

    @property
    def message(self) -> str:
        if self.deduction <= 0:
            return ("Deals with the exercise's problem as fully as the answers an instructor graded well "
                    "(compared by the words they use).")
        missing = f" They also deal with: {', '.join(self.missing)}." if self.missing else ""
        return (f"Covers {self.share * 100:.0f} % of what answers an instructor graded well on this exercise deal with "
                f"(compared by the words they use), so {self.deduction * 100:.1f} % of the score is taken off.{missing}")

    def to_dict(self) -> dict:
        return {"share": round(self.share, 4), "deduction": round(self.deduction, 4), "missing": list(self.missing),
                "message": self.message}


def terms(text: str, stop: frozenset[str]) -> dict[str, int]:
    """Term counts of ``text``: lower-cased words of two or more characters that start with a letter ("chloé" too)."""
    counts: dict[str, int] = {}
    for term in _TERM.findall(text.lower()):
        if term not in stop:
            counts[term] = counts.get(term, 0) + 1
    return counts


def vector(text: str, idf: dict[str, float], stop: frozenset[str]) -> dict[str, float]:
    """The unit-length TF-IDF vector of ``text`` over the known vocabulary (training and grading share it)."""
    weights = {t: (1.0 + math.log(n)) * idf[t] for t, n in terms(text, stop).items() if t in idf}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def cosine(answer: dict[str, float], profile: dict[str, float], norm: float | None = None) -> float:
    """Cosine of a unit vector with a profile (the profile's norm is taken here unless given)."""
    norm = math.sqrt(sum(w * w for w in profile.values())) if norm is None else norm
    if not norm:
        return 0.0
    return sum(w * profile.get(t, 0.0) for t, w in answer.items()) / norm


@lru_cache(maxsize=1)
def model() -> dict:
    """The committed profiles (``idf``, ``stop``, ``profiles``), read once per process."""
    if not ARTIFACT.is_file():
        return {"idf": {}, "stop": [], "profiles": {}}
    return json.loads(ARTIFACT.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return frozenset(model()["stop"])


@lru_cache(maxsize=None)
def _profile(brief_id: str) -> tuple[dict[str, float], float, tuple[str, ...]] | None:
    """One exercise's profile with its norm and its words strongest first, computed once per process."""
    spec = model()["profiles"].get(brief_id)
    if spec is None:
        return None
    terms_ = spec["terms"]
    ranked = tuple(t for t, _ in sorted(terms_.items(), key=lambda pair: (-pair[1], pair[0])))
    return terms_, math.sqrt(sum(w * w for w in terms_.values())), ranked


def of(analysis: "Analysis", brief: "Brief") -> Coverage | None:
    """``measure`` of the analysed answer, once per answer (the guard and the score both read it); missing
    words are spelled as the brief spells its names ("Chloé", "Saturday", "AddressList")."""
    cache = analysis.__dict__.setdefault("_coverage", {})
    if brief.id not in cache:
        spelled = {name.lower(): name for name in (*brief.entities, *brief.names) if " " not in name}
        cache[brief.id] = measure(analysis.text, brief.id, spelled)
    return cache[brief.id]


def measure(text: str, brief_id: str, spelled: dict[str, str] | None = None) -> Coverage | None:
    """The coverage of ``text`` for the exercise ``brief_id``, or None when the exercise has no profile."""
    found = _profile(brief_id)
    if found is None:
        return None
    profile, norm, ranked = found
    answer = vector(text, model()["idf"], _stop())
    full = FULL_AT * model()["profiles"][brief_id]["reference"]
    share = min(1.0, cosine(answer, profile, norm) / full) if full > 0 else 1.0
    missing: tuple[str, ...] = ()
    if share < 1.0:
        missing = tuple((spelled or {}).get(t, t) for t in ranked
                        if t not in answer and _SHOWN.fullmatch(t))[:MISSING_SHOWN]
    return Coverage(share, round(DEDUCTION * (1.0 - share), 4), missing)
