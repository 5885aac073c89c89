"""``plain_language``: a non-engineer can follow it: little unexplained jargon or acronyms.

Words a manager follows in context ("security patches", "the upgrade",
"framework", "rollback", "ROI") are not jargon here: the ``everyday_tech``
lexicon lists them. A term counts as explained when a parenthesis or a dash right after it says
what it is ("SOC 2 (the security audit our enterprise customers require)").
Readability is measured too, but only on texts long enough for it to mean
something (see ``readability``).
"""
from __future__ import annotations

import re

from grader.analysis import Analysis, Span
from grader.analysis.lexicon import compiled
from grader.checks.base import Check, Outcome, Params, quote, register

_EXPLAINED_AFTER = re.compile(r"[ \t]{0,2}(?:\(|,\s(?:which|i\.e\.|meaning|a\s|an\s|the\s)|\s?[\u2014\u2013-]\s?(?:a|an|the|which)\b)", re.IGNORECASE)
_ACRONYM = re.compile(r"(?<![\w`])[A-Z][A-Z0-9]{1,6}s?(?![\w`])")
# "Node 16", "React 18", "Postgres 12.4": a product and its version mean nothing to a non-engineer.
_PRODUCT_VERSION = re.compile(r"\b(?!(?:About|Around|Over|Under|Only|Just|Roughly|Nearly|Almost|Up|To|From|By|In|On|At|For|The|Of|And|Or|Every|Each|All|Top|Last|Next|First|Since|Until|Before|After|With|Within|Than|Page|Team|Room|Floor|Level|Tier|Round|Item|Figure|Chapter|Section|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Q|H|Week|Day|Sprint|Phase|Step|Option|Version)\b)[A-Z][A-Za-z.+#-]{1,20}\s\d{1,3}(?:\.\d+){0,2}\b(?!\s?(?:%|percent|hours?|days?|weeks?|months?|years?|people|engineers|customers|users|k\b|m\b))")


@register
class PlainLanguage(Check):
    name = "plain_language"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.max_terms = params.number("max_terms", 1, minimum=0)
        self.per_words = params.number("per_words", 150, minimum=10)
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        terms = [s for s in self._terms(analysis) if not _EXPLAINED_AFTER.match(analysis.norm, s[1])]
        allowed = self.max_terms * max(1.0, analysis.word_count / self.per_words)
        if len(terms) > allowed:
            return Outcome(False, f"jargon a non-engineer may not follow: {quote(analysis, terms, 4)}", tuple(terms))
        if terms:
            return Outcome(True, f"mostly plain words; only {quote(analysis, terms)} may need explaining", tuple(terms))
        return Outcome(True, "plain words, no unexplained jargon")

    def _terms(self, analysis: Analysis) -> list[Span]:
        known = _known_acronyms()
        everyday = compiled("everyday_tech")
        spans = [s for s in analysis.signal("jargon") if not everyday.fullmatch(analysis.lower[s[0]:s[1]])]
        spans += analysis.signal("code_ref")
        spans += [m.span() for m in _PRODUCT_VERSION.finditer(analysis.norm)][:1000]
        for match in _ACRONYM.finditer(analysis.norm):
            word = match.group().rstrip("s") if match.group().endswith("s") and len(match.group()) > 2 else match.group()
            if word.lower() not in known and not analysis.structure.contains(match.start()):
                spans.append(match.span())
            if len(spans) > 5000:
                break
        return _dedupe(sorted(spans))


def _dedupe(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out


def _known_acronyms() -> frozenset[str]:
    from grader.analysis.lexicon import all_lexicons

    return frozenset(w.lower() for w in all_lexicons().get("everyday_acronyms", ()) + all_lexicons().get("common_words", ()))
