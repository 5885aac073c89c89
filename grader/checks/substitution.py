"""``substitution``: words with a plainer alternative, reported with the suggested rewrite.

Meant for ``suggestions`` (unscored hints), like Vale's *substitution* rule.
"""
from __future__ import annotations

from grader.analysis import Analysis
from grader.analysis.lexicon import compile_phrases
from grader.analysis.signals import lexicon_matches
from grader.checks.base import Check, CheckSpecError, Outcome, Params, register


@register
class Substitution(Check):
    name = "substitution"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        swap = params.get("swap", dict)
        if not swap or not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
            raise CheckSpecError(params.field("swap"), "must map each phrase to its replacement (strings)")
        params.done()
        self.swap = {k.lower(): v for k, v in swap.items()}
        self.pattern = compile_phrases(list(swap))

    def evaluate(self, analysis: Analysis) -> Outcome:
        spans = lexicon_matches(analysis, self.pattern, keep_structure=True)
        if not spans:
            return Outcome(True, "no wordy phrases")
        rewrites = []
        for s, e in spans[:5]:
            found = " ".join(analysis.norm[s:e].split())
            rewrites.append(f"\u201c{found}\u201d \u2192 \u201c{self.swap.get(found.lower(), '?')}\u201d")
        return Outcome(False, "; ".join(rewrites), tuple(spans))
