"""Scenario data for lessons: judgement questions and live-editor rewrites, loaded from YAML.

Content authors add a scenario by writing ``grader/scenarios/<skill>/<name>.yaml``;
this module turns it into a validated object or raises ``ScenarioError`` naming
the file and the field, so a typo is found when the author runs the lesson (or
the test suite), not by a learner staring at a half-drawn widget.

Note on naming: the data folder ``grader/scenarios/`` has no ``__init__.py`` on
purpose. Python prefers this module over a namespace package of the same name,
so ``import grader.scenarios`` stays this loader.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SCENARIOS_DIR = Path(__file__).resolve().parent / "scenarios"
KINDS = ("single-choice", "ranking", "rewrite")


class ScenarioError(ValueError):
    """A scenario file is missing or does not follow the schema."""

    def __init__(self, path: Path | str, field: str | None, message: str) -> None:
        self.path, self.field = str(path), field
        where = f"{path}: field '{field}'" if field else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    explanation: str
    correct: bool = False
    rank: int | None = None


@dataclass(frozen=True)
class Scenario:
    id: str
    kind: str
    title: str
    situation: str
    path: Path
    question: str = ""
    options: tuple[Option, ...] = ()
    rubric: str = ""
    prompt: str = ""
    starter: str = ""
    model_answer: str = ""

    def option(self, option_id: str) -> Option:
        return next(option for option in self.options if option.id == option_id)


def _text(data: dict, path: Path, field: str, *, required: bool = True, prefix: str = "") -> str:
    value = data.get(field)
    name = prefix + field
    if value is None:
        if required:
            raise ScenarioError(path, name, "is missing")
        return ""
    if not isinstance(value, str):
        raise ScenarioError(path, name, f"must be text, got {type(value).__name__}")
    if required and not value.strip():
        raise ScenarioError(path, name, "is empty")
    return value


def _options(data: dict, path: Path, kind: str) -> tuple[Option, ...]:
    raw = data.get("options")
    if not isinstance(raw, list) or len(raw) < 2:
        raise ScenarioError(path, "options", "must be a list of at least two options")
    options: list[Option] = []
    for index, item in enumerate(raw):
        prefix = f"options[{index}]."
        if not isinstance(item, dict):
            raise ScenarioError(path, f"options[{index}]", "must be a mapping with id, text, explanation")
        option_id = item.get("id")
        if not isinstance(option_id, (str, int)) or str(option_id).strip() == "":
            raise ScenarioError(path, prefix + "id", "is missing")
        option_id = str(option_id)
        if any(option.id == option_id for option in options):
            raise ScenarioError(path, prefix + "id", f"'{option_id}' is used twice")
        correct = item.get("correct", False)
        if not isinstance(correct, bool):
            raise ScenarioError(path, prefix + "correct", "must be true or false")
        rank = item.get("rank")
        if kind == "ranking" and (not isinstance(rank, int) or isinstance(rank, bool)):
            raise ScenarioError(path, prefix + "rank", "must be a whole number (1 = best)")
        if kind == "single-choice" and rank is not None:
            raise ScenarioError(path, prefix + "rank", "belongs to ranking scenarios; use 'correct: true'")
        options.append(Option(
            id=option_id,
            text=_text(item, path, "text", prefix=prefix),
            explanation=_text(item, path, "explanation", prefix=prefix),
            correct=correct,
            rank=rank,
        ))
    if kind == "single-choice":
        correct_count = sum(option.correct for option in options)
        if correct_count != 1:
            raise ScenarioError(path, "options", f"a single-choice scenario needs exactly one 'correct: true' option, found {correct_count}")
    else:
        ranks = sorted(option.rank for option in options)
        if ranks != list(range(1, len(options) + 1)):
            raise ScenarioError(path, "options", f"ranks must be 1..{len(options)}, each used once; found {ranks}")
    return tuple(options)


def scenario_from_dict(data: object, path: Path, expected_id: str | None = None) -> Scenario:
    """Validate parsed YAML; ``expected_id`` is the id implied by the file's path."""
    if not isinstance(data, dict):
        raise ScenarioError(path, None, "must be a YAML mapping (key: value lines)")
    scenario_id = _text(data, path, "id")
    if expected_id is not None and scenario_id != expected_id:
        raise ScenarioError(path, "id", f"is '{scenario_id}' but the file's path says '{expected_id}'")
    kind = data.get("kind")
    if kind not in KINDS:
        raise ScenarioError(path, "kind", f"must be one of {', '.join(KINDS)}; got {kind!r}")
    common = dict(
        id=scenario_id,
        kind=kind,
        title=_text(data, path, "title"),
        situation=_text(data, path, "situation"),
        path=path,
    )
    if kind == "rewrite":
        from grader.notebook.rubric_info import rubric_exists

        rubric = _text(data, path, "rubric")
        if not rubric_exists(rubric):
            raise ScenarioError(path, "rubric", f"there is no rubric '{rubric}' under grader/rubrics/")
        return Scenario(
            **common,
            rubric=rubric,
            prompt=_text(data, path, "prompt"),
            starter=_text(data, path, "starter", required=False),
            model_answer=_text(data, path, "model_answer"),
        )
    return Scenario(**common, question=_text(data, path, "question"), options=_options(data, path, kind))


def scenario_path(scenario_id: str, root: Path | None = None) -> Path:
    return (root or SCENARIOS_DIR) / f"{scenario_id}.yaml"


def load_scenario(scenario_id: str, root: Path | None = None) -> Scenario:
    """Load and validate the scenario with id ``skill/name``."""
    import yaml

    if not scenario_id or ".." in scenario_id or scenario_id.startswith("/"):
        raise ScenarioError(scenario_id, None, "is not a scenario id (expected 'skill/name')")
    path = scenario_path(scenario_id, root)
    if not path.is_file():
        known = ", ".join(all_scenario_ids(root)) or "(none)"
        raise ScenarioError(path, None, f"no such scenario '{scenario_id}'. Known scenarios: {known}")
    from grader.rubric import cut_by_comment

    raw = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise ScenarioError(path, None, f"is not valid YAML: {error}") from error
    problem = cut_by_comment(raw)
    if problem:
        raise ScenarioError(path, None, problem)
    return scenario_from_dict(data, path, expected_id=scenario_id)


def all_scenario_ids(root: Path | None = None) -> list[str]:
    root = root or SCENARIOS_DIR
    return sorted(path.relative_to(root).with_suffix("").as_posix() for path in root.glob("*/*.yaml"))
