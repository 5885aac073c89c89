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
class CapRule:
    """A rubric-level ceiling: when guard ``guard`` fires, or criterion ``missed`` is not met,
    the score is at most ``at_most`` of the points, and the feedback says ``because``."""

    at_most: float
    because: str
    guard: str | None = None
    missed: str | None = None


@dataclass(frozen=True)
class Rubric:
    id: str
    title: str
    prompt: str
    format: str
    criteria: tuple[Criterion, ...]
    suggestions: tuple[SuggestionRule, ...]
    caps: tuple[CapRule, ...] = ()
    vetoes: dict[str, tuple[str, ...]] | None = None

    def __post_init__(self) -> None:
        if self.vetoes is None:
            object.__setattr__(self, "vetoes", {})

    def __hash__(self) -> int:
        return hash(self.id)

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
    from grader.yaml_data import load_yaml

    where = _display(path)
    try:
        raw = path.read_text(encoding="utf-8")
        data = load_yaml(raw)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RubricError(f"{where}: cannot read the YAML: {error}") from None
    problem = cut_by_comment(raw)
    if problem:
        raise RubricError(f"{where}: {problem}")
    return _rubric(data, where, expected_id)


_UNQUOTED_VALUE = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+(?P<value>[^'\"|>\s{\[].*)$")


def cut_by_comment(raw: str) -> str | None:
    """The first line whose unquoted value YAML would cut at ' #' (the rest becomes a comment), if any.

    YAML reads ``hint: see PR #4412 first`` as "see PR": the sentence a learner
    sees is silently truncated. Quote such values.
    """
    block_indent = None  # inside a "key: |" or "key: >" block, whose lines are text, not keys
    for number, line in enumerate(raw.splitlines(), start=1):
        indent = len(line) - len(line.lstrip())
        if block_indent is not None and (not line.strip() or indent > block_indent):
            continue
        block_indent = indent if re.search(r":\s+[|>][-+0-9]*\s*$", line) else None
        match = _UNQUOTED_VALUE.match(line)
        if match and " #" in match.group("value"):
            return (f"line {number}: the unquoted value is cut at ' #' (YAML starts a comment there); "
                    "put the value in quotes")
    return None


def _display(path: Path) -> str:
    parts = path.as_posix().split("/")
    if "grader" in parts:
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("grader"):])
    return path.as_posix()


def _rubric(data: Any, where: str, expected_id: str | None) -> Rubric:
    if not isinstance(data, dict):
        raise RubricError(f"{where}: must be a mapping with id, title, prompt and criteria")
    known = {"id", "title", "prompt", "format", "criteria", "suggestions", "caps", "vetoes"}
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
        caps=_caps(data.get("caps"), set(ids), where),
        vetoes=_vetoes(data.get("vetoes"), set(ids), where),
    )


def _caps(raw: Any, criterion_ids: set[str], where: str) -> tuple[CapRule, ...]:
    """``caps``: a list of ``{when: <guard> | {missed: <criterion>}, at_most: 0..1, because: text}``."""
    from grader.guards import GUARD_NAMES

    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RubricError(f"{where}: field 'caps' must be a list of {{when, at_most, because}}")
    rules = []
    for i, item in enumerate(raw):
        label = f"{where}: caps #{i + 1}"
        if not isinstance(item, dict) or not {"when", "at_most"} <= set(item) <= {"when", "at_most", "because"}:
            raise RubricError(f"{label}: must have the fields 'when' and 'at_most' (and optionally 'because')")
        at_most = item["at_most"]
        if isinstance(at_most, bool) or not isinstance(at_most, (int, float)) or not 0 <= at_most <= 1:
            raise RubricError(f"{label}: field 'at_most' must be a share of the points between 0 and 1")
        because = item.get("because")
        if because is not None and (not isinstance(because, str) or not because.strip()):
            raise RubricError(f"{label}: field 'because' must be a non-empty string")
        when = item["when"]
        if isinstance(when, str):
            if when not in GUARD_NAMES:
                raise RubricError(f"{label}: field 'when': '{when}' is not a guard (known: {', '.join(GUARD_NAMES)})")
            rules.append(CapRule(float(at_most), " ".join((because or "").split()), guard=when))
        elif isinstance(when, dict) and set(when) == {"missed"}:
            if when["missed"] not in criterion_ids:
                raise RubricError(f"{label}: field 'when': criterion '{when['missed']}' is not in this rubric")
            if not because:
                raise RubricError(f"{label}: field 'because' is required for a cap on a missed criterion")
            rules.append(CapRule(float(at_most), " ".join(because.split()), missed=when["missed"]))
        else:
            raise RubricError(f"{label}: field 'when' must be a guard name or {{missed: <criterion id>}}")
    return tuple(rules)


def _vetoes(raw: Any, criterion_ids: set[str], where: str) -> dict[str, tuple[str, ...]]:
    """``vetoes``: guard name -> the criteria of this rubric that guard's finding withholds."""
    from grader.guards import GUARD_NAMES

    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise RubricError(f"{where}: field 'vetoes' must map guard names to lists of criterion ids")
    vetoes = {}
    for guard, criteria in raw.items():
        if guard not in GUARD_NAMES:
            raise RubricError(f"{where}: field 'vetoes': '{guard}' is not a guard (known: {', '.join(GUARD_NAMES)})")
        if not isinstance(criteria, list) or not criteria:
            raise RubricError(f"{where}: field 'vetoes.{guard}' must be a non-empty list of criterion ids")
        unknown = [c for c in criteria if c not in criterion_ids]
        if unknown:
            raise RubricError(f"{where}: field 'vetoes.{guard}': criterion '{unknown[0]}' is not in this rubric")
        vetoes[guard] = tuple(criteria)
    return vetoes


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
