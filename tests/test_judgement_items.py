"""Judgement items cannot be answered by a surface feature (issue 10, item 2).

A choice or ranking item teaches judgement only if the answer cannot be read
off the options' form. This test collects every judgement item in the course,
from its data: the single-choice and ranking scenarios in ``grader/scenarios/``
and the choice and ranking parts of the assignments in ``solutions/`` (options
parsed from the part's Markdown, the key from its solution cell). It then lets
a few "test-wise" heuristics answer all of them:

- pick the longest option (and, so the fix does not overshoot, the shortest);
- pick the option with the most numbers;
- pick the option with the most code (backticks, identifiers);
- pick the option with the most hedging words (the grader's ``hedges`` lexicon).

For a single choice the heuristic's pick scores 1 if right (1/k when k options
tie for the pick); chance is 1/number of options. For a ranking the heuristic
orders the options by its feature and scores the share of pairs it puts in the
right order (a tie is half right); chance is 1/2. Pooled over the items, each
heuristic must do no better than chance plus 10 percentage points.

Run ``pytest -s tests/test_judgement_items.py`` to print the figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import nbformat
import pytest
import yaml

from grader.scenarios import all_scenario_ids, load_scenario
from notebook_files import REPO_ROOT, committed_notebooks, relative

MARGIN = 0.10
OPTION_LINE = re.compile(r"^- \*\*([a-e])[.:]\*\*\s?(.*)$")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
INLINE_CODE = re.compile(r"`[^`\n]+`")
IDENTIFIER = re.compile(r"\b(?:[a-z]+[A-Z]\w*|\w+_\w+|\w+\(\)|\w+\.\w+\(?)")


@dataclass(frozen=True)
class Item:
    """One judgement item: where it lives, its options, and the key."""

    source: str
    kind: str  # "choice" or "ranking"
    options: dict[str, str]
    key: tuple[str, ...]  # the correct option (choice) or the order, best first (ranking)


def _scenario_items() -> list[Item]:
    items = []
    for scenario in map(load_scenario, all_scenario_ids()):
        if scenario.kind == "single-choice":
            correct = tuple(o.id for o in scenario.options if o.correct)
            items.append(Item(scenario.id, "choice", {o.id: o.text for o in scenario.options}, correct))
        elif scenario.kind == "ranking":
            order = tuple(o.id for o in sorted(scenario.options, key=lambda o: o.rank))
            items.append(Item(scenario.id, "ranking", {o.id: o.text for o in scenario.options}, order))
    return items


def _options_in(markdown: str) -> dict[str, str]:
    """The ``- **a:** …`` list of a part's Markdown, continuation lines included."""
    options: dict[str, str] = {}
    current = None
    for line in markdown.splitlines():
        match = OPTION_LINE.match(line)
        if match:
            current = match.group(1)
            options[current] = match.group(2)
        elif current and line.startswith("  ") and line.strip():
            options[current] += " " + line.strip()
        else:
            current = None
    return options


def _solution_value(source: str) -> object:
    namespace: dict = {}
    exec(source.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", ""), namespace)  # noqa: S102
    for name in ("choice", "ranking"):
        if name in namespace:
            return namespace[name]
    return None


def _assignment_items() -> list[Item]:
    items = []
    for path in committed_notebooks("solutions"):
        cells = nbformat.read(str(path), as_version=4).cells
        material = ""
        for cell in cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if grade_id.endswith("-material"):
                material = cell.source
            elif grade_id.endswith("-answer"):
                value = _solution_value(cell.source)
                source = f"{relative(path)}:{grade_id.removesuffix('-answer')}"
                if isinstance(value, str):
                    items.append(Item(source, "choice", _options_in(material), (value,)))
                elif isinstance(value, list):
                    items.append(Item(source, "ranking", _options_in(material), tuple(value)))
    return items


def _hedges() -> list[str]:
    lexicon = yaml.safe_load((REPO_ROOT / "grader" / "lexicons" / "tone.yaml").read_text(encoding="utf-8"))
    return lexicon["hedges"]


HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in _hedges()) + r")\b", re.IGNORECASE)

HEURISTICS: dict[str, Callable[[str], float]] = {
    "longest": len,
    "shortest": lambda text: -len(text),
    "most numbers": lambda text: len(NUMBER.findall(text)),
    "most code": lambda text: len(INLINE_CODE.findall(text)) + len(IDENTIFIER.findall(INLINE_CODE.sub(" ", text))),
    "most hedging": lambda text: len(HEDGE.findall(text)),
}


def _choice_score(item: Item, feature: Callable[[str], float]) -> float:
    scores = {key: feature(text) for key, text in item.options.items()}
    best = max(scores.values())
    picked = [key for key, score in scores.items() if score == best]
    return (item.key[0] in picked) / len(picked)


def _ranking_score(item: Item, feature: Callable[[str], float]) -> float:
    scores = {key: feature(text) for key, text in item.options.items()}
    pairs = [(x, y) for i, x in enumerate(item.key) for y in item.key[i + 1:]]
    agreement = sum(1.0 if scores[x] > scores[y] else 0.5 if scores[x] == scores[y] else 0.0 for x, y in pairs)
    return agreement / len(pairs)


ITEMS = _scenario_items() + _assignment_items()
CHOICES = [item for item in ITEMS if item.kind == "choice"]
RANKINGS = [item for item in ITEMS if item.kind == "ranking"]


def heuristic_figures() -> dict[str, dict[str, tuple[float, float]]]:
    """Per heuristic: {"choice": (accuracy, chance), "ranking": (pair agreement, chance)}."""
    figures = {}
    for name, feature in HEURISTICS.items():
        choice = sum(_choice_score(item, feature) for item in CHOICES) / len(CHOICES)
        choice_chance = sum(1 / len(item.options) for item in CHOICES) / len(CHOICES)
        ranking = sum(_ranking_score(item, feature) for item in RANKINGS) / len(RANKINGS)
        figures[name] = {"choice": (choice, choice_chance), "ranking": (ranking, 0.5)}
    return figures


def test_every_item_was_read_with_its_options_and_key() -> None:
    assert len(CHOICES) >= 10 and len(RANKINGS) >= 5, f"found {len(CHOICES)} choice and {len(RANKINGS)} ranking items"
    for item in ITEMS:
        assert len(item.options) >= 3, f"{item.source}: read only {sorted(item.options)} as options"
        assert set(item.key) <= set(item.options), f"{item.source}: key {item.key} is not among {sorted(item.options)}"
        if item.kind == "ranking":
            assert sorted(item.key) == sorted(item.options), f"{item.source}: the key does not rank every option"


@pytest.mark.parametrize("name", list(HEURISTICS))
def test_surface_heuristic_does_no_better_than_chance(name: str) -> None:
    figures = heuristic_figures()[name]
    print(f"\n{name:>14}: " + "; ".join(f"{kind} {score:.0%} (chance {chance:.0%})"
                                       for kind, (score, chance) in figures.items()))
    for kind, (score, chance) in figures.items():
        assert score <= chance + MARGIN, (
            f"'{name}' answers the {kind} items {score:.0%} right, chance is {chance:.0%}: "
            f"rewrite the options so {name.split()[-1]} does not give the answer away"
        )


def test_options_within_an_item_are_of_comparable_length() -> None:
    """No option is more than twice as long as the shortest one in its item (issue 10 found 3-6x)."""
    lopsided = []
    for item in ITEMS:
        lengths = {key: len(text) for key, text in item.options.items()}
        if max(lengths.values()) > 2 * min(lengths.values()):
            lopsided.append(f"{item.source}: {lengths}")
    assert not lopsided, "options of very different length:\n" + "\n".join(lopsided)


if __name__ == "__main__":  # figures without pytest: python tests/test_judgement_items.py
    for heuristic, result in heuristic_figures().items():
        print(heuristic, {kind: f"{s:.0%} vs {c:.0%}" for kind, (s, c) in result.items()})
    print(len(CHOICES), "choice items,", len(RANKINGS), "ranking items")
    for item in ITEMS:
        print(item.source, item.kind, item.key, {k: len(v) for k, v in item.options.items()})
