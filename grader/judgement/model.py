"""The learned weights of the moves and the decision they lead to (pure Python at grading time).

Why pure Python over a small JSON artifact: the grader must import in Pyodide
and in 300 ms, so there is no scikit-learn at run time. The artifact
(``grader/models/moves.json``, written by ``python -m grader.training.train``)
holds, per move, a sparse linear model over hashed feature buckets (int8
weights with one scale), and, per rubric criterion, a tiny decision model that
weighs the strongest sentence, the answer as a whole and the criterion's rule check:

    p(met) = sigmoid(a * best_sentence_logit + b * whole_answer_logit + c * rule_holds + d * rule_progress + e)

so the rule checks stay as features (and as the fallback for criteria without
a move or without training data). A move is loaded on first use only.
"""
from __future__ import annotations

import base64
import json
import math
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat
from sys import byteorder

from grader.analysis import Analysis
from grader.analysis.segments import Unit
from grader.judgement.features import UnitFeatures, move_buckets, unit_features
from grader.judgement.moves import Move, catalogue

ARTIFACT = "models/moves.json"
# A unit is quoted as carrying a move from this probability on.
QUOTE_PROBABILITY = 0.5
# Below this a unit is too far from the move to be called "the closest sentence".
CANDIDATE_PROBABILITY = 0.15


@dataclass(frozen=True)
class Judgement:
    """The decision on one criterion and the units that show it."""

    met: bool
    probability: float
    carriers: tuple[Unit, ...]  # met: the units that carry the move; absent-moves missed: the offending units
    nearest: Unit | None  # missed: the unit that came closest (None when nothing did)


@lru_cache(maxsize=1)
def _artifact() -> dict:
    path = resources.files("grader") / ARTIFACT
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"moves": {}, "decisions": {}}


@lru_cache(maxsize=None)
def _weights(move: str, part: str = "moves") -> tuple[float, dict[int, float]] | None:
    """One move's weights: per sentence (``moves``) or over the whole answer (``documents``)."""
    spec = _artifact().get(part, {}).get(move)
    if spec is None:
        return None
    index = array("I")
    index.frombytes(base64.b64decode(spec["idx"]))
    values = array("b")
    values.frombytes(base64.b64decode(spec["w"]))
    if byteorder != "little":
        index.byteswap()
    scale = spec["scale"]
    return spec["bias"], {i: v * scale for i, v in zip(index, values)}


def decision_for(rubric: str, criterion: str) -> dict | None:
    """The decision weights of one criterion, or None (then its rule check decides alone)."""
    return _artifact()["decisions"].get(f"{rubric}#{criterion}")


def has_model(rubric: str, criterion: str, move: str | None) -> bool:
    return (move is not None and decision_for(rubric, criterion) is not None
            and _weights(move) is not None and _weights(move, "documents") is not None)


def unit_logits(analysis: Analysis, rubric: str, move: str) -> list[tuple[Unit, float]]:
    """Every judged unit with the move's logit, cached per analysis (and rubric: its name is a feature)."""
    cache = analysis.__dict__.setdefault("_move_logits", {})
    if (rubric, move) in cache:
        return cache[(rubric, move)]
    bias, weights = _weights(move)
    signals = catalogue()[move].signals
    get = weights.get
    # sum() from ``bias`` adds in the same order as a loop would: the same float, computed in C
    scored = [(features.unit, sum(map(get, move_buckets(features, signals), repeat(0.0)), bias))
              for features in _features(analysis, rubric, move)]
    cache[(rubric, move)] = scored
    return scored


def _features(analysis: Analysis, rubric: str, move: str) -> list[UnitFeatures]:
    """Unit features with only ``move``'s signals (the only ones its weights read), cached per analysis."""
    cache = analysis.__dict__.setdefault("_unit_features", {})
    key = (rubric, move)
    if key not in cache:
        cache[key] = unit_features(analysis, rubric, frozenset(catalogue()[move].signals))
    return cache[key]


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def document_logit(analysis: Analysis, rubric: str, move: str) -> float:
    """The whole-answer model's logit: the union of every unit's buckets."""
    bias, weights = _weights(move, "documents")
    signals = catalogue()[move].signals
    buckets = {b for features in _features(analysis, rubric, move) for b in move_buckets(features, signals)}
    return bias + sum(map(weights.get, buckets, repeat(0.0)))


def document_features(best_logit: float, whole_logit: float, rule_holds: bool, rule_progress: float) -> list[float]:
    """What the decision model sees (training builds the same list)."""
    clip = lambda x: max(-8.0, min(8.0, x))  # noqa: E731
    return [clip(best_logit), clip(whole_logit), 1.0 if rule_holds else 0.0, float(rule_progress)]


def _overlaps(unit: Unit, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s < unit.end and unit.start < e for s, e in spans)


def decide(probability: float, rule_holds: bool, units: int, rule_trust: dict | None, key: str = "") -> bool:
    """Met or not. In a one- or two-unit answer the models see little, so the rule check
    decides unless the decision model is sure (``margin`` away from 0.5, or the margin
    ``margins`` gives this ``rubric#criterion``); the tone rule's veto is applied by the caller."""
    if rule_trust and units <= rule_trust["max_units"]:
        margin = rule_trust.get("margins", {}).get(key, rule_trust["margin"])
        if abs(probability - 0.5) < margin:
            return rule_holds
    return probability >= 0.5


def judge(analysis: Analysis, rubric: str, criterion: str, move: Move, rule_holds: bool, rule_progress: float,
          rule_spans: tuple[tuple[int, int], ...] = ()) -> Judgement:
    """Decide one criterion from the move's strongest unit, the whole answer and the criterion's rule check.

    Where the decision is marked ``by: rule`` (the rule agreed more often in
    cross-validation) the rule check decides, and a met criterion quotes the
    sentence where the rule found its evidence.
    """
    scored = unit_logits(analysis, rubric, move.id)
    ranked = sorted(scored, key=lambda pair: -pair[1])
    best_logit = ranked[0][1] if ranked else -8.0
    spec = decision_for(rubric, criterion)
    x = document_features(best_logit, document_logit(analysis, rubric, move.id), rule_holds, rule_progress)
    probability = sigmoid(sum(w * v for w, v in zip(spec["w"], x)) + spec["b"])
    by_rule = spec.get("by") == "rule"
    if by_rule:
        met = rule_holds
    else:
        met = (decide(probability, rule_holds, len(scored), _artifact().get("rule_trust"), f"{rubric}#{criterion}")
               and (rule_holds or not move.absent))
    strong = tuple(u for u, logit in ranked[:2] if sigmoid(logit) >= QUOTE_PROBABILITY)
    top = ranked[0][0] if ranked and sigmoid(ranked[0][1]) >= CANDIDATE_PROBABILITY else None
    if move.absent:  # met when no unit carries the move: show the offending units when missed
        offending = strong or ((ranked[0][0],) if ranked and not met else ())
        return Judgement(met, probability, () if met else offending, None)
    if met:
        # decided by the rule: quote the best-scoring sentence among those where the rule found its evidence
        found = tuple(u for u, _ in ranked if _overlaps(u, rule_spans))[:1] if by_rule else ()
        return Judgement(True, probability, found or strong or ((ranked[0][0],) if ranked else ()), None)
    return Judgement(False, probability, (), top)
