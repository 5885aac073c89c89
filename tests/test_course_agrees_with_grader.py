"""The course and the grader agree (issue 8, item 9).

Every example the course calls weak or strong is graded the way the course says:
- the worked examples in the lessons, and the article's own examples the lessons quote
  (texts read from the notebooks by tests/lesson_examples.py; verdicts from
  tests/content/lesson_verdicts.yaml, which records what each lesson's prose says);
- each rewrite scenario's starter (the live editor's weak draft) and its model answer;
- the drafts in the lessons' practice answer cells ("replace the weak draft below");
- the deliberately weak answers in tests/content/weak_answers/.

A weak example earns at most 40 % (the course-wide ceiling); a strong one earns full marks, or,
where the lesson names only some criteria (an excerpt, praise that proposes no change), meets
those. Criteria a lesson names as present or missing are checked too. The inventory must match
the examples found in the lessons exactly, so a new example without a recorded verdict fails.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import yaml

import grader
from lesson_examples import REPO_ROOT, lesson_examples, rewrite_scenario_texts

VERDICTS_FILE = REPO_ROOT / "tests" / "content" / "lesson_verdicts.yaml"
WEAK_CEILING = 0.40
VERDICTS = yaml.safe_load(VERDICTS_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Graded:
    """One inventoried example: where it is, its text, and what the course says it is."""

    where: str
    text: str
    rubric: str
    verdict: str  # full | weak | partial
    met: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    claim: str = ""
    known_disagreement: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def _lesson_inventory() -> tuple[list[Graded], list[str]]:
    """Graded lesson examples, and the ones recorded as ungraded (with the reason)."""
    found = {}
    for example in lesson_examples(set(LESSON_VERDICTS)):
        found.setdefault(example.location, []).append(example)
    graded, ungraded = [], []
    for location, columns in found.items():
        for index, example in enumerate(columns):
            recorded = LESSON_VERDICTS.get(location, [])
            if index >= len(recorded):
                continue  # reported by test_every_lesson_example_has_a_verdict
            entry = recorded[index]
            where = f"{location} [{example.side}]"
            if "ungraded" in entry:
                ungraded.append(f"{where}: {entry['ungraded']}")
                continue
            graded.append(Graded(where, example.text, entry["rubric"], entry["verdict"],
                                 tuple(entry.get("met", ())), tuple(entry.get("missed", ())),
                                 entry.get("claim", ""), entry.get("known_disagreement", ""),
                                 {"side": entry["side"], "found_side": example.side}))
    return graded, ungraded


SCENARIO_PREFIX = "grader/scenarios/"
LESSON_VERDICTS = {k: v for k, v in VERDICTS.items() if not k.startswith(SCENARIO_PREFIX)}
SCENARIO_VERDICTS = {k: v[0] for k, v in VERDICTS.items() if k.startswith(SCENARIO_PREFIX)}


def _scenario_inventory() -> list[Graded]:
    """Starters are weak and model answers full, unless the verdict file says what the scenario claims instead."""
    graded = []
    for item in rewrite_scenario_texts():
        entry = SCENARIO_VERDICTS.get(item.location)
        if entry is None:
            graded.append(Graded(item.location, item.text, item.rubric, "weak" if item.role == "starter" else "full",
                                 claim="the live editor's weak draft" if item.role == "starter" else "the model answer"))
        else:
            assert entry["rubric"] == item.rubric, f"{item.location}: verdict file says {entry['rubric']}"
            graded.append(Graded(item.location, item.text, item.rubric, entry["verdict"], tuple(entry.get("met", ())),
                                 tuple(entry.get("missed", ())), entry.get("claim", ""),
                                 entry.get("known_disagreement", "")))
    return graded


def _weak_answer_inventory() -> list[Graded]:
    graded = []
    for path in sorted((REPO_ROOT / "tests" / "content" / "weak_answers").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            graded.append(Graded(f"tests/content/weak_answers/{path.name}#{item['grade_id']}", item["text"],
                                 item["rubric"], "weak", claim="a deliberately weak answer to the assignment"))
    return graded


LESSON_GRADED, LESSON_UNGRADED = _lesson_inventory()
INVENTORY = LESSON_GRADED + _scenario_inventory() + _weak_answer_inventory()


def test_every_lesson_example_has_a_verdict() -> None:
    """The verdict file and the lessons list the same examples, column for column."""
    found: dict[str, list[str]] = {}
    for example in lesson_examples(set(LESSON_VERDICTS)):
        found.setdefault(example.location, []).append(example.side)
    recorded = {location: [entry["side"] for entry in columns] for location, columns in LESSON_VERDICTS.items()}
    without_verdict = sorted(set(found) - set(recorded))
    gone = sorted(set(recorded) - set(found))
    assert not without_verdict, f"lesson examples with no verdict in {VERDICTS_FILE.name}: {without_verdict}"
    assert not gone, f"{VERDICTS_FILE.name} records examples no longer in the lessons: {gone}"
    changed = {loc: (recorded[loc], found[loc]) for loc in found if recorded[loc] != found[loc]}
    assert not changed, f"columns renamed, swapped, added or removed (recorded, found): {changed}"
    assert len(LESSON_GRADED) + len(LESSON_UNGRADED) == sum(len(sides) for sides in found.values())
    scenario_texts = {item.location for item in rewrite_scenario_texts()}
    stale = sorted(set(SCENARIO_VERDICTS) - scenario_texts)
    assert not stale, f"{VERDICTS_FILE.name} records scenario texts that no longer exist: {stale}"


def test_the_inventory_covers_every_kind_of_example() -> None:
    """A broken reader (no tables found, no scenarios) must not pass as 'nothing to check'."""
    kinds = {
        "lesson tables": [g for g in LESSON_GRADED if "/table" in g.where],
        "lesson html tables": [g for g in LESSON_GRADED if "/html" in g.where],
        "lesson full documents": [g for g in LESSON_GRADED if "/fence" in g.where],
        "rewrite scenarios": [g for g in INVENTORY if g.where.startswith("grader/scenarios/")],
        "practice cells": [g for g in LESSON_GRADED if "/answer" in g.where],
        "weak answers": [g for g in INVENTORY if g.where.startswith("tests/content/weak_answers/")],
        "the article's examples": [g for g in LESSON_GRADED if "approach" in g.extra.get("side", "")
                                   or "article" in g.extra.get("side", "") or g.extra.get("side") == "Dev-speak"],
    }
    empty = [kind for kind, items in kinds.items() if not items]
    assert not empty, f"no examples found of: {empty}"


def _per_criterion(result: grader.Result) -> str:
    lines = [f"    {'met   ' if c.met else 'missed'} {c.id} ({c.earned}/{c.points}): {c.feedback}"
             for c in result.criteria]
    return "\n".join(lines)


def _param(example: Graded):
    if not example.known_disagreement:
        return pytest.param(example, id=example.where)
    return pytest.param(example, id=example.where,
                        marks=pytest.mark.xfail(strict=True, reason=example.known_disagreement))


@pytest.mark.parametrize("example", [_param(g) for g in INVENTORY])
def test_graded_the_way_the_course_says(example: Graded) -> None:
    result = grader.check(example.text, example.rubric)
    by_id = {c.id: c for c in result.criteria}
    unknown = [c for c in example.met + example.missed if c not in by_id]
    assert not unknown, f"{example.where}: {example.rubric} has no criteria {unknown}"
    problems = []
    if example.verdict == "full" and result.score != result.max_score:
        problems.append(f"the course presents it as a model, the grader gives {result.score}/{result.max_score}")
    if example.verdict == "weak" and result.fraction > WEAK_CEILING:
        problems.append(f"the course calls it weak, the grader gives {result.score}/{result.max_score} "
                        f"(more than {WEAK_CEILING:.0%})")
    problems += [f"the course says it meets '{c}', the grader says missed" for c in example.met if not by_id[c].met]
    problems += [f"the course says it misses '{c}', the grader says met" for c in example.missed if by_id[c].met]
    guards = [f"    flag {flag.name}: {flag.message}" for flag in result.flags]
    guards += [f"    {cap.message}" for cap in result.caps]
    assert not problems, (
        f"{example.where} ({example.rubric}): course says {example.verdict}"
        f"{' — ' + example.claim if example.claim else ''}\n  " + "\n  ".join(problems)
        + f"\n  grader per criterion:\n{_per_criterion(result)}" + ("\n" + "\n".join(guards) if guards else "")
    )
