"""``structure``: Markdown elements present (headings, numbered steps, code blocks, links)."""
from __future__ import annotations

from grader.analysis import Analysis
from grader.checks.base import Check, Outcome, Params, register

_ELEMENTS = ("headings", "numbered", "bullets", "list_items", "code_blocks", "inline_code", "links")


@register
class Structure(Check):
    """Each given element needs at least the given count, e.g. ``{numbered: 2, code_blocks: 1}``."""

    name = "structure"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.minimums = {key: params.number(key, None, minimum=1) for key in _ELEMENTS}
        self.minimums = {k: v for k, v in self.minimums.items() if v is not None}
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        md = analysis.markdown
        found = {
            "headings": md.headings, "numbered": md.numbered, "bullets": md.bullets,
            "list_items": sorted(md.numbered + md.bullets), "code_blocks": md.code_blocks,
            "inline_code": md.inline_code, "links": md.links,
        }
        missing = [_count(need, k) for k, need in self.minimums.items() if len(found[k]) < need]
        spans = tuple(s for k in self.minimums for s in found[k])
        if missing:
            return Outcome(False, "needs " + _and(missing), spans)
        return Outcome(True, "has " + _and([_count(len(found[k]), k) for k in self.minimums]), spans)


_NAMES = {  # singular, plural
    "headings": ("a heading", "headings"), "numbered": ("a numbered step", "numbered steps"),
    "bullets": ("a bullet point", "bullet points"), "list_items": ("a list item", "list items"),
    "code_blocks": ("a code block", "code blocks"), "inline_code": ("an inline `code` span", "inline `code` spans"),
    "links": ("a link", "links"),
}


def _count(number: float, element: str) -> str:
    one, many = _NAMES[element]
    return one if number == 1 else f"{number:g} {many}"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
