"""What every check is: a small object built from YAML parameters that decides
one thing about an :class:`~grader.analysis.Analysis` and says why, with spans.

Why outcomes carry spans whether they hold or not: the learner sees the words
that earned a point ("`fetchInvoices` on L142") and the words that cost one
("obviously"). A check that cannot point at words says so in ``why``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from grader.analysis import Analysis, Span

REGISTRY: dict[str, type[Check]] = {}
_MISSING = object()


class CheckSpecError(ValueError):
    """A check's parameters are wrong. ``field`` is the dotted path of the bad field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"field '{field}' {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Outcome:
    """The decision of one check: does it hold, why, and which words show it.

    ``why`` is shown to the learner after the feedback or hint, so it is one
    short fragment: the words found when a check holds, the one thing missing
    when it does not. An empty ``why`` means there is nothing worth saying (a
    condition that does not apply). ``progress`` (0 to 1) says how close a miss
    came, e.g. half of a "reason and consequence" pair was found: ``any`` shows
    the closest miss because it tells the learner the smallest step to take.
    """

    holds: bool
    why: str
    spans: tuple[Span, ...] = ()
    progress: float = 0.0


class Check:
    """Base class; subclasses set ``name`` and implement ``__init__(params)`` and ``evaluate``."""

    name: ClassVar[str] = ""

    def evaluate(self, analysis: Analysis) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: make a check type available to rubric YAML under ``cls.name``."""
    if not cls.name or cls.name in REGISTRY:
        raise ValueError(f"check name {cls.name!r} is empty or already registered")
    REGISTRY[cls.name] = cls
    return cls


class Params:
    """Typed access to a check's YAML parameters with errors that name the field."""

    def __init__(self, raw: Any, path: str) -> None:
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise CheckSpecError(path, f"must be a mapping of parameters, not {type(raw).__name__}")
        self.raw = dict(raw)
        self.path = path

    def field(self, key: str) -> str:
        return f"{self.path}.{key}"

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = _MISSING) -> Any:
        if key not in self.raw:
            if default is _MISSING:
                raise CheckSpecError(self.field(key), "is required")
            return default
        value = self.raw.pop(key)
        if kind in (int, float, (int, float)) and isinstance(value, bool):
            raise CheckSpecError(self.field(key), "must be a number")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise CheckSpecError(self.field(key), f"must be {names}, not {type(value).__name__}")
        return value

    def number(self, key: str, default: Any = _MISSING, minimum: float | None = None) -> Any:
        value = self.get(key, (int, float), default)
        if value is not None and minimum is not None and value < minimum:
            raise CheckSpecError(self.field(key), f"must be >= {minimum}")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: Any = _MISSING) -> str:
        value = self.get(key, str, default)
        if value not in choices:
            raise CheckSpecError(self.field(key), f"must be one of {', '.join(choices)}")
        return value

    def done(self) -> None:
        """Reject unknown parameters: a typo must not silently disable a rule."""
        if self.raw:
            key = sorted(self.raw)[0]
            raise CheckSpecError(self.field(key), "is not a known parameter of this check")


def build(spec: Any, path: str = "check") -> Check:
    """Build a check from its YAML form ``{type_name: {params}}``."""
    if not isinstance(spec, dict) or len(spec) != 1:
        raise CheckSpecError(path, "must be a mapping with exactly one check type as key, e.g. {contains: {...}}")
    (name, raw), = spec.items()
    if name not in REGISTRY:
        raise CheckSpecError(path, f"names unknown check type '{name}' (known: {', '.join(sorted(REGISTRY))})")
    return REGISTRY[name](raw, f"{path}.{name}")


def quote(analysis: Analysis, spans: list[Span] | tuple[Span, ...], limit: int = 3, joiner: str = "and") -> str:
    """The first few spans as quoted text for a ``why`` message: “a”, “b” and 4 more.

    Spans inside an earlier span ("Pixel" inside "Pixel 7") and repeated words are
    left out: the learner needs to see each piece of evidence once.
    """
    texts: list[str] = []
    seen: set[str] = set()
    end, rest = -1, 0
    for start, stop in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if stop <= end:
            continue
        end = max(end, stop)
        if len(texts) == limit:  # only counted: a long answer has thousands of spans
            key = analysis.lower[start:stop]
            if key not in seen:
                seen.add(key)
                rest += 1
            continue
        text = " ".join(analysis.text[start:stop].replace("**", "").split()).strip("*_` ")
        if not any(c.isalnum() for c in text) or text.lower() in seen:  # a bare "?" says nothing
            continue
        seen.add(text.lower())
        texts.append("\u201c" + (text if len(text) <= 60 else text[:57] + "...") + "\u201d")
    if rest > 0:
        return ", ".join(texts) + f" {joiner} {rest} more"
    if len(texts) > 1:
        return ", ".join(texts[:-1]) + f" {joiner} " + texts[-1]
    return "".join(texts)
