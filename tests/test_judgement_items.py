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

Two more item types get heuristics of their own. Labelling review comments
blocking / non-blocking (a learner who knows how many block labels the longest
ones, the ones with most numbers or code, the ones with least hedging): the
share of right labels, averaged over the ways to break ties; chance is the same
average over every labelling with that many blocking. Matching statements to
translations (with left-over distractors): pair them by length rank (the
longest statement with the longest translation, the extras being the shortest),
or give each statement the translation sharing most words or most numbers with
it; the share of statements matched right, chance 1/number of translations.
Answer keys are read from the hidden tests, the only key nbgrader grades with.

For a single choice the heuristic's pick scores 1 if right (1/k when k options
tie for the pick); chance is 1/number of options. For a ranking the heuristic
orders the options by its feature and scores the share of pairs it puts in the
right order (a tie is half right); chance is 1/2. Pooled over the items, each
heuristic must do no better than chance plus 10 percentage points.

Run ``pytest -s tests/test_judgement_items.py`` to print the figures.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from itertools import combinations, permutations
from typing import Callable

import nbformat
import pytest
import yaml

from grader.scenarios import all_scenario_ids, load_scenario
from notebook_files import REPO_ROOT, committed_notebooks, relative

MARGIN = 0.10
OPTION_LINE = re.compile(r"^- \*\*([a-e])[.:]\*\*\s?(.*)$")
COMMENT_LINE = re.compile(r"^- \*\*(c\d+)[.:]\*\*\s?(.*)$")
STATEMENT_LINE = re.compile(r"^(\d+)\.\s+(.*)$")
HIDDEN_KEY = re.compile(r"^_expected_(labels|translations) = (\{.*\})$", re.MULTILINE)
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


def _options_in(markdown: str, line_pattern: re.Pattern = OPTION_LINE) -> dict[str, str]:
    """The ``- **a:** …`` list of a part's Markdown, continuation lines included."""
    options: dict[str, str] = {}
    current = None
    for line in markdown.splitlines():
        match = line_pattern.match(line)
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


@dataclass(frozen=True)
class LabelItem:
    """Review comments to label blocking / non-blocking, with the key."""

    source: str
    comments: dict[str, str]
    key: dict[str, str]  # comment id -> "blocking" or "non-blocking"


@dataclass(frozen=True)
class MatchItem:
    """Statements to match to translations (some translations left over), with the key."""

    source: str
    statements: dict[str, str]
    translations: dict[str, str]
    key: dict[str, str]  # statement number -> translation letter


def _statements_in(markdown: str) -> dict[str, str]:
    return {match.group(1): match.group(2) for match in map(STATEMENT_LINE.match, markdown.splitlines()) if match}


def _label_and_matcheds() -> tuple[list[LabelItem], list[MatchItem]]:
    labels: list[LabelItem] = []
    matches: list[MatchItem] = []
    for path in committed_notebooks("solutions"):
        material = ""
        for cell in nbformat.read(str(path), as_version=4).cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if grade_id.endswith("-material"):
                material = cell.source
            found = HIDDEN_KEY.search(cell.source) if grade_id.endswith("-test") else None
            if not found:
                continue
            source = f"{relative(path)}:{grade_id.removesuffix('-test')}"
            key = ast.literal_eval(found.group(2))
            if found.group(1) == "labels":
                labels.append(LabelItem(source, _options_in(material, COMMENT_LINE), key))
            else:
                matches.append(MatchItem(source, _statements_in(material), _options_in(material), key))
    return labels, matches


LABEL_HEURISTICS: dict[str, Callable[[str], float]] = {  # the comments scoring highest are labelled blocking
    "longest are blocking": len,
    "shortest are blocking": lambda text: -len(text),
    "most numbers are blocking": HEURISTICS["most numbers"],
    "most code are blocking": HEURISTICS["most code"],
    "hedged are non-blocking": lambda text: -HEURISTICS["most hedging"](text),
}


def _label_accuracy(item: LabelItem, blocking: set[str]) -> float:
    return sum((label == "blocking") == (comment in blocking) for comment, label in item.key.items()) / len(item.key)


def _label_score(item: LabelItem, feature: Callable[[str], float]) -> tuple[float, float]:
    """(heuristic accuracy, chance): over the labellings with the key's number of blocking comments."""
    count = sum(label == "blocking" for label in item.key.values())
    scores = {comment: feature(text) for comment, text in item.comments.items()}
    every = [set(chosen) for chosen in combinations(item.comments, count)]
    top = [chosen for chosen in every
           if all(scores[c] >= scores[other] for c in chosen for other in set(item.comments) - chosen)]
    average = lambda labellings: sum(_label_accuracy(item, c) for c in labellings) / len(labellings)  # noqa: E731
    return average(top), average(every)


WORD = re.compile(r"[a-z][a-z'-]{3,}")
STOPWORDS = frozenset("about after also been before every from have into more much only over than that their them "
                      "then there they this were what when which will with would your".split())


def _stems(text: str) -> set[str]:
    """Content words cut to five letters, so 'runs' and 're-run', 'index' and 'indexes' meet."""
    return {word.replace("re-", "")[:5] for word in WORD.findall(text.lower()) if word not in STOPWORDS}


MATCH_OVERLAPS: dict[str, Callable[[str, str], float]] = {
    "shared words": lambda a, b: len(_stems(a) & _stems(b)),
    "shared numbers": lambda a, b: len(set(NUMBER.findall(a)) & set(NUMBER.findall(b))),
}


def _overlap_score(item: MatchItem, overlap: Callable[[str, str], float]) -> float:
    right = 0.0
    for number, statement in item.statements.items():
        scores = {letter: overlap(statement, text) for letter, text in item.translations.items()}
        picked = [letter for letter, score in scores.items() if score == max(scores.values())]
        right += (item.key[number] in picked) / len(picked)
    return right / len(item.statements)


def _length_rank_score(item: MatchItem) -> float:
    """Longest statement to longest translation, and so on down; ties averaged over their orders."""
    def orders(texts: dict[str, str]) -> list[list[str]]:
        return [list(order) for order in permutations(texts)
                if all(len(texts[x]) >= len(texts[y]) for x, y in zip(order, order[1:]))]

    outcomes = [sum(item.key[s] == t for s, t in zip(statements, translations)) / len(item.statements)
                for statements in orders(item.statements) for translations in orders(item.translations)]
    return sum(outcomes) / len(outcomes)


LABEL_ITEMS, MATCH_ITEMS = _label_and_matcheds()


def label_and_match_figures() -> dict[str, tuple[float, float]]:
    """Per heuristic: (score, chance), pooled over the label items or the match items."""
    figures = {}
    for name, feature in LABEL_HEURISTICS.items():
        pairs = [_label_score(item, feature) for item in LABEL_ITEMS]
        figures[name] = (sum(p[0] for p in pairs) / len(pairs), sum(p[1] for p in pairs) / len(pairs))
    match_chance = sum(1 / len(item.translations) for item in MATCH_ITEMS) / len(MATCH_ITEMS)
    for name, overlap in MATCH_OVERLAPS.items():
        figures[f"match by {name}"] = (sum(_overlap_score(i, overlap) for i in MATCH_ITEMS) / len(MATCH_ITEMS),
                                       match_chance)
    figures["match by length rank"] = (sum(map(_length_rank_score, MATCH_ITEMS)) / len(MATCH_ITEMS), match_chance)
    return figures


def test_label_and_matcheds_were_read_with_their_keys() -> None:
    assert LABEL_ITEMS and MATCH_ITEMS, f"found {len(LABEL_ITEMS)} label and {len(MATCH_ITEMS)} match items"
    for labelled in LABEL_ITEMS:
        assert set(labelled.comments) == set(labelled.key), f"{labelled.source}: comments {sorted(labelled.comments)}"
        assert set(labelled.key.values()) == {"blocking", "non-blocking"}, f"{labelled.source}: one label only"
    for matched in MATCH_ITEMS:
        assert set(matched.statements) == set(matched.key), f"{matched.source}: statements {sorted(matched.statements)}"
        assert set(matched.key.values()) <= set(matched.translations), f"{matched.source}: key off the list"
        assert len(matched.translations) > len(matched.statements), f"{matched.source}: no translation left over"


def test_solution_cells_agree_with_the_hidden_keys() -> None:
    """The solution nbgrader releases and the key it grades with are the same answer."""
    assignment = re.compile(r"^(_expected_)?(labels|translations) = (\{.*\})$", re.MULTILINE)
    for path in committed_notebooks("solutions"):
        found: dict[tuple[str, str], object] = {}
        for cell in nbformat.read(str(path), as_version=4).cells:
            for match in assignment.finditer(cell.source):
                found[(match.group(2), "key" if match.group(1) else "solution")] = ast.literal_eval(match.group(3))
        for kind in {kind for kind, _ in found}:
            assert found.get((kind, "key")) == found.get((kind, "solution")), (
                f"{relative(path)}: the {kind} solution and the hidden key differ: {found}"
            )


LABEL_AND_MATCH_HEURISTICS = [*LABEL_HEURISTICS, *(f"match by {n}" for n in MATCH_OVERLAPS), "match by length rank"]


@pytest.mark.parametrize("name", LABEL_AND_MATCH_HEURISTICS)
def test_label_and_match_heuristics_do_no_better_than_chance(name: str) -> None:
    score, chance = label_and_match_figures()[name]
    print(f"\n{name:>26}: {score:.0%} (chance {chance:.0%})")
    assert score <= chance + MARGIN, (
        f"'{name}' gets {score:.0%} right, chance is {chance:.0%}: rewrite the comments or translations "
        f"so this surface feature does not give the answer away"
    )


if __name__ == "__main__":  # figures without pytest: python tests/test_judgement_items.py
    for heuristic, result in heuristic_figures().items():
        print(heuristic, {kind: f"{s:.0%} vs {c:.0%}" for kind, (s, c) in result.items()})
    for heuristic, (score, chance) in label_and_match_figures().items():
        print(heuristic, f"{score:.0%} vs {chance:.0%}")
    print(len(CHOICES), "choice items,", len(RANKINGS), "ranking items,", len(LABEL_ITEMS), "label items,",
          len(MATCH_ITEMS), "match items")
    for item in ITEMS:
        print(item.source, item.kind, item.key, {k: len(v) for k, v in item.options.items()})
