"""Rubrics as data: the model, the YAML loader and its validation.

Why strict validation with located errors: content authors edit these files,
not engineers. A typo must stop loading with a message that names the file,
the criterion and the field, never silently drop a criterion or a rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from grader.analysis.lexicon import LexiconError
from grader.checks.base import Check, CheckSpecError

RUBRIC_ID = re.compile(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*")
_CRITERION_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
FORMATS = ("prose", "python")


class RubricError(Exception):
    """A rubric cannot be loaded: unknown id or an invalid file."""


class UnknownRubricError(RubricError, LookupError):
    """No rubric has this id; the message lists the known ids."""

    def __str__(self) -> str:  # LookupError would quote the message like a KeyError
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Criterion:
    id: str
    points: float
    description: str
    check: Check
    feedback: str
    hint: str
    move: str | None = None  # the sentence move that delivers it (grader/moves.yaml); None: decided by the check alone


@dataclass(frozen=True)
class SuggestionRule:
    """An unscored hint, shown when its check does NOT hold."""

    message: str
    check: Check


@dataclass(frozen=True)
class Rubric:
    id: str
    title: str
    prompt: str
    format: str
    criteria: tuple[Criterion, ...]
    suggestions: tuple[SuggestionRule, ...]

    @property
    def max_score(self) -> float:
        return sum(c.points for c in self.criteria)


def rubrics_root() -> Path:
    return Path(str(resources.files("grader") / "rubrics"))


def rubric_ids() -> list[str]:
    """Ids of every rubric file under ``grader/rubrics`` (sorted)."""
    root = rubrics_root()
    return sorted(p.relative_to(root).with_suffix("").as_posix() for p in root.glob("*/*.yaml"))


def list_rubrics() -> list[tuple[str, str]]:
    """(id, title) of every rubric, loading (and so validating) each one."""
    return [(rubric_id, load_rubric(rubric_id).title) for rubric_id in rubric_ids()]


@lru_cache(maxsize=None)
def load_rubric(rubric_id: str) -> Rubric:
    """The rubric with this id, loaded once per process."""
    if not isinstance(rubric_id, str) or not RUBRIC_ID.fullmatch(rubric_id):
        raise UnknownRubricError(f"unknown rubric {rubric_id!r}; known rubrics: {', '.join(rubric_ids())}")
    path = rubrics_root() / f"{rubric_id}.yaml"
    if not path.is_file():
        raise UnknownRubricError(f"unknown rubric {rubric_id!r}; known rubrics: {', '.join(rubric_ids())}")
    return load_file(path, rubric_id)


def load_file(path: Path, expected_id: str | None = None) -> Rubric:
    """Load and validate one rubric file (``expected_id``: the id its path implies)."""
    import yaml

    import grader.checks  # noqa: F401 - registers the check types

    where = _display(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RubricError(f"{where}: cannot read the YAML: {error}") from None
    return _rubric(data, where, expected_id)


def _display(path: Path) -> str:
    parts = path.as_posix().split("/")
    if "grader" in parts:
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("grader"):])
    return path.as_posix()


def _rubric(data: Any, where: str, expected_id: str | None) -> Rubric:
    if not isinstance(data, dict):
        raise RubricError(f"{where}: must be a mapping with id, title, prompt and criteria")
    known = {"id", "title", "prompt", "format", "criteria", "suggestions"}
    for key in data:
        if key not in known:
            raise RubricError(f"{where}: field '{key}' is not a rubric field (known: {', '.join(sorted(known))})")
    rubric_id = _text(data, "id", where)
    if not RUBRIC_ID.fullmatch(rubric_id):
        raise RubricError(f"{where}: field 'id' must look like 'skill/exercise' (lowercase, digits, dashes)")
    if expected_id is not None and rubric_id != expected_id:
        raise RubricError(f"{where}: field 'id' is '{rubric_id}' but the file path says '{expected_id}'")
    fmt = data.get("format", "prose")
    if fmt not in FORMATS:
        raise RubricError(f"{where}: field 'format' must be one of {', '.join(FORMATS)}")
    criteria = data.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        raise RubricError(f"{where}: field 'criteria' must be a non-empty list")
    built = [_criterion(item, i, where) for i, item in enumerate(criteria)]
    ids = [c.id for c in built]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise RubricError(f"{where}: criterion '{duplicate}' is defined twice")
    suggestions = data.get("suggestions") or []
    if not isinstance(suggestions, list):
        raise RubricError(f"{where}: field 'suggestions' must be a list")
    return Rubric(
        id=rubric_id,
        title=_text(data, "title", where),
        prompt=_text(data, "prompt", where),
        format=fmt,
        criteria=tuple(built),
        suggestions=tuple(_suggestion(item, i, where) for i, item in enumerate(suggestions)),
    )


def _text(data: dict, key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RubricError(f"{where}: field '{key}' must be a non-empty string")
    return value.strip()


def _criterion(item: Any, index: int, where: str) -> Criterion:
    if not isinstance(item, dict):
        raise RubricError(f"{where}: criterion #{index + 1} must be a mapping")
    raw_id = item.get("id")
    if not isinstance(raw_id, str) or not _CRITERION_ID.fullmatch(raw_id):
        raise RubricError(f"{where}: criterion #{index + 1}: field 'id' must be a lowercase-dashed string")
    label = f"{where}: criterion '{raw_id}'"
    known = {"id", "points", "description", "check", "feedback", "hint", "move"}
    for key in item:
        if key not in known:
            raise RubricError(f"{label}: field '{key}' is not a criterion field (known: {', '.join(sorted(known))})")
    points = item.get("points")
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise RubricError(f"{label}: field 'points' must be a positive number")
    texts = {}
    for key in ("description", "feedback", "hint"):
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise RubricError(f"{label}: field '{key}' must be a non-empty string")
        texts[key] = " ".join(value.split())
    return Criterion(id=raw_id, points=points, check=_check(item.get("check"), label), move=_move(item, label), **texts)


def _move(item: dict, label: str) -> str | None:
    if "move" not in item:
        return None
    from grader.judgement.moves import catalogue

    value = item["move"]
    known = catalogue()
    if not isinstance(value, str) or value not in known:
        raise RubricError(f"{label}: field 'move' must name a move of grader/moves.yaml (known: {', '.join(sorted(known))})")
    return value


def _suggestion(item: Any, index: int, where: str) -> SuggestionRule:
    label = f"{where}: suggestion #{index + 1}"
    if not isinstance(item, dict) or set(item) != {"message", "check"} or not isinstance(item["message"], str):
        raise RubricError(f"{label}: must have exactly the fields 'message' (string) and 'check'")
    return SuggestionRule(message=" ".join(item["message"].split()), check=_check(item["check"], label))


def _check(spec: Any, label: str) -> Check:
    from grader.checks.base import build

    if spec is None:
        raise RubricError(f"{label}: field 'check' is required")
    try:
        return build(spec, "check")
    except CheckSpecError as error:
        raise RubricError(f"{label}: {error}") from None
    except LexiconError as error:  # the lexicon file is at fault, not this rubric
        raise RubricError(str(error)) from None
