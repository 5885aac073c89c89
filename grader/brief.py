"""Exercise briefs as data: the facts, numbers and named things an answer should engage.

Why: a rubric says what a good review comment *does*; only the brief says what
this one is *about*. With the brief, the grader can tell a well-formed comment
about a different system (off-brief), a figure that appears nowhere in the
brief (invented), and the exercise's own instructions pasted back.

A brief file is ``grader/briefs/<assignment>.yaml`` with one entry per written
item, keyed by the item's nbgrader ``grade_id``; its id is
``<assignment>/<grade_id>`` (e.g. ``01-pr-review/part1-comment``). Fields:

* ``rubric``   - the rubric the item is graded with;
* ``task``     - the instructions as the notebook gives them (pasting them back earns nothing);
* ``problem``  - the actual problem, in a sentence or two (shown to the instructor, read by no check);
* ``engages``  - phrases that show the answer deals with the brief's actual problem (any one will do);
* ``entities`` - named people, systems, files, identifiers of the brief;
* ``numbers``  - the figures the brief gives, as written (``"1.2 billion rows"``, ``"€310,000 a year"``);
* ``facts``    - optional: the figures of the notebook's material for this item, each in a short phrase that
  says what it measures (``"replica lag never went above 4 s on staging"``, ``"rollback allowed until
  12:00 UTC"``). An answer that gives another value for the same thing contradicts the brief (the
  ``contradicts-the-brief`` guard); the ``problem`` counts as facts too.

Besides ``items``, a file may list ``names``: every person, system, product
and acronym the assignment's notebook gives (any part). Naming them is using
the material; a name in an answer that is neither there nor in the item's own
fields gets a note (the ``invented-names`` guard). ``tests/test_briefs.py``
checks the list against the notebook both ways.

Likewise ``figures``: every figure the notebook states (a week's timeline,
a log's version number, "sprint 24 to 26"). An item's brief summarises its
problem; a learner quoting a figure of the material it leaves out is not
inventing it. Each entry is the figure with the word after it ("60 stores"):
a notebook figure grounds an answer's figure of the same value measured in the
same word, as it is (no arithmetic: thirty figures, paired, would ground almost
any number; "60 %" is not "60 stores").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grader.guards.measures import Measure

BRIEF_ID = re.compile(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*")
_FIELDS = ("rubric", "task", "problem", "engages", "entities", "numbers", "facts")


class BriefError(Exception):
    """A brief cannot be loaded: unknown id or an invalid file (the message names file and field)."""


class UnknownBriefError(BriefError, LookupError):
    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Brief:
    id: str
    rubric: str
    task: str
    problem: str
    engages: tuple[str, ...]
    entities: tuple[str, ...]
    numbers: tuple[str, ...]
    names: tuple[str, ...] = ()  # every name the assignment's notebook gives (the file's ``names``)
    figures: tuple[str, ...] = ()  # every figure the assignment's notebook gives (the file's ``figures``)
    facts: tuple[str, ...] = ()  # the item's figures, each with what it measures (see the module docstring)

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Every word of the brief and of the assignment's names, folded (see :func:`grader.guards.names.fold`),
        with dotted identifiers also split ("pgx.CollectRows" makes "collectrows" known)."""
        from grader.guards.names import fold, words

        text = " ".join((self.task, self.problem, *self.engages, *self.entities, *self.numbers, *self.names))
        folded = {fold(w) for w in words(text)}
        parts = {part for w in folded for part in re.split(r"[.\-]", w) if part}
        return frozenset(folded | parts)

    @cached_property
    def values(self) -> list[float]:
        """The values of every figure of the brief (see :func:`grader.guards.numbers.values`)."""
        from grader.guards.numbers import values

        return [v for figure in self.numbers for v in values(figure)]

    @cached_property
    def money_values(self) -> list[float]:
        """The values of the brief's figures that are amounts of money ("€9,000 per late morning", "$900/month")."""
        from grader.guards.numbers import numbers

        return [v for figure in self.numbers for (start, _), v in numbers(figure) if figure[start] in "$\u20ac\u00a3"]

    @cached_property
    def stated_values(self) -> list[float]:
        """The values of the brief's figures and of every number its problem and entities state ("sprint 24 to
        26"), for grounding as they are. Not the task's: "about 120-250 words" is an instruction."""
        from grader.guards.numbers import numbers

        stated = [v for text in (self.problem, *self.entities) for _, v in numbers(text)]
        return list(dict.fromkeys(self.values + stated))

    @cached_property
    def facts_measured(self) -> list[tuple["Measure", str]]:
        """(figure, the fact that gives it) for every figure of the item's ``facts``: what the
        ``contradicts-the-brief`` guard compares an answer's figures with (see :mod:`grader.guards.measures`)."""
        from grader.guards.measures import measures

        return [(m, fact) for fact in self.facts for m in measures(fact)]

    @cached_property
    def fact_kinds(self) -> frozenset[str]:
        """The kinds of figure the facts give: an answer's figures of other kinds have nothing to contradict."""
        return frozenset(m.kind for m, _ in self.facts_measured)

    @cached_property
    def measured_values(self) -> dict[str, list[float]]:
        """Kind -> every value the brief gives of that kind, in its facts, problem, numbers and the notebook's
        figures: a value found here agrees with the brief, whatever it is attached to."""
        from grader.guards.measures import measures

        found: dict[str, list[float]] = {}
        for text in (*self.facts, self.problem, *self.numbers, *self.figures):
            for m in measures(text):
                found.setdefault(m.kind, []).append(m.value)
        return found

    @cached_property
    def notebook_figures(self) -> frozenset[tuple[float, str]]:
        """(value, unit word) of the assignment notebook's figures (the file's ``figures``; see
        :func:`grader.guards.numbers.unit_after`)."""
        from grader.guards.numbers import numbers, unit_after

        return frozenset((v, unit_after(figure, end)) for figure in self.figures for (_, end), v in numbers(figure))


def briefs_root() -> Path:
    return Path(str(resources.files("grader") / "briefs"))


def brief_ids() -> list[str]:
    """Every brief id, sorted (loads and so validates every brief file)."""
    return sorted(b for path in sorted(briefs_root().glob("*.yaml")) for b in _load_file(path))


def load_brief(brief_id: str) -> Brief:
    """The brief with this id (``<assignment>/<grade_id>``)."""
    if not isinstance(brief_id, str) or not BRIEF_ID.fullmatch(brief_id):
        raise UnknownBriefError(f"unknown brief {brief_id!r}: a brief id looks like '01-pr-review/part1-comment'")
    assignment = brief_id.split("/")[0]
    path = briefs_root() / f"{assignment}.yaml"
    briefs = _load_file(path) if path.is_file() else {}
    if brief_id not in briefs:
        raise UnknownBriefError(f"unknown brief {brief_id!r}; known briefs: {', '.join(brief_ids())}")
    return briefs[brief_id]


@lru_cache(maxsize=None)
def _load_file(path: Path) -> dict[str, Brief]:
    return load_file(path)


def load_file(path: Path) -> dict[str, Brief]:
    """Load and validate one brief file; errors name the file, the item and the field."""
    import yaml

    where = f"grader/briefs/{path.name}"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise BriefError(f"{where}: cannot read the YAML: {error}") from None
    fields = {"assignment", "items", "names", "figures"}
    if not isinstance(data, dict) or not {"assignment", "items"} <= set(data) <= fields:
        raise BriefError(f"{where}: must be a mapping with the fields 'assignment' and 'items' "
                         "(and optionally 'names' and 'figures')")
    assignment = data["assignment"]
    if assignment != path.stem:
        raise BriefError(f"{where}: field 'assignment' is {assignment!r} but the file name says {path.stem!r}")
    items = data["items"]
    if not isinstance(items, dict) or not items:
        raise BriefError(f"{where}: field 'items' must map each grade_id to its brief")
    names = data.get("names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise BriefError(f"{where}: field 'names' must be a list of non-empty strings")
    figures = data.get("figures", [])
    if not isinstance(figures, list) or not all(isinstance(f, (str, int, float)) and str(f).strip() for f in figures):
        raise BriefError(f"{where}: field 'figures' must be a list of non-empty strings")
    return {f"{assignment}/{grade_id}": _brief(f"{assignment}/{grade_id}", item, f"{where}: item '{grade_id}'",
                                               tuple(n.strip() for n in names),
                                               tuple(str(f).strip() for f in figures))
            for grade_id, item in items.items()}


def _brief(brief_id: str, item: Any, label: str, names: tuple[str, ...] = (),
           figures: tuple[str, ...] = ()) -> Brief:
    from grader.guards.measures import measures
    from grader.guards.numbers import values
    from grader.rubric import RubricError, load_rubric

    if not BRIEF_ID.fullmatch(brief_id):
        raise BriefError(f"{label}: the grade_id must be lowercase letters, digits and dashes")
    if not isinstance(item, dict):
        raise BriefError(f"{label}: must be a mapping with the fields {', '.join(_FIELDS)}")
    for key in item:
        if key not in _FIELDS:
            raise BriefError(f"{label}: field '{key}' is not a brief field (known: {', '.join(_FIELDS)})")
    texts = {}
    for key in ("rubric", "task", "problem"):
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise BriefError(f"{label}: field '{key}' must be a non-empty string")
        texts[key] = " ".join(value.split())
    try:
        load_rubric(texts["rubric"])
    except RubricError as error:
        raise BriefError(f"{label}: field 'rubric': {error}") from None
    lists = {}
    for key in ("engages", "entities", "numbers"):
        value = item.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, (str, int, float)) for v in value):
            raise BriefError(f"{label}: field '{key}' must be a non-empty list of strings")
        lists[key] = tuple(str(v).strip() for v in value)
        empty = next((v for v in lists[key] if not v), None)
        if empty is not None:
            raise BriefError(f"{label}: field '{key}' has an empty entry")
    for figure in lists["numbers"]:
        if not values(figure):
            raise BriefError(f"{label}: field 'numbers': {figure!r} holds no number the grader can read "
                             "(times, dates and versions are labels: leave them out)")
    facts = item.get("facts", [])
    if not isinstance(facts, list) or not all(isinstance(f, str) and f.strip() for f in facts):
        raise BriefError(f"{label}: field 'facts' must be a list of non-empty strings")
    for fact in facts:
        if not measures(fact):
            raise BriefError(f"{label}: field 'facts': {fact!r} gives no figure the grader can measure "
                             "(a duration, percentage, amount of money, date, time of day or count of something)")
    return Brief(id=brief_id, **texts, **lists, names=names, figures=figures,
                 facts=tuple(" ".join(f.split()) for f in facts))
