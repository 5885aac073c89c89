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
        missing = [f"{need:g} {k.replace('_', ' ')} (found {len(found[k])})" for k, need in self.minimums.items() if len(found[k]) < need]
        spans = tuple(s for k in self.minimums for s in found[k])
        if missing:
            return Outcome(False, "needs " + ", ".join(missing), spans)
        return Outcome(True, "has " + ", ".join(f"{len(found[k])} {k.replace('_', ' ')}" for k in self.minimums), spans)
