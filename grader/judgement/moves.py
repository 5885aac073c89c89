"""The catalogue of moves (grader/moves.yaml): what each move is, in the learner's words."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Move:
    id: str
    says: str  # "This sentence <says>: “…”"
    lacks: str  # "The closest sentence, “…”, <lacks>."
    signals: tuple[str, ...]
    absent: bool = False  # met when NO sentence carries it (e.g. disrespect)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Move]:
    from grader.yaml_data import load_yaml

    path = resources.files("grader") / "moves.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))["moves"]
    return {
        name: Move(name, spec["says"], spec["lacks"], tuple(spec.get("signals", ())), bool(spec.get("absent", False)))
        for name, spec in data.items()
    }
