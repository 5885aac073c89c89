"""Sources: where a check looks for evidence (a signal, a lexicon, phrases or a regex).

One parameter syntax for every check that searches text, so an author learns it
once::

    find: causal                       # a named signal or lexicon
    find: [causal, impact]             # the union of several
    find: {phrases: ["on call", "paged"]}
    find: {pattern: "\\\\bL\\\\d+\\\\b"}
"""
from __future__ import annotations

import re
from typing import Any

from grader.analysis import Analysis, Span
from grader.analysis.lexicon import all_lexicons, compile_phrases, compiled
from grader.analysis.spans import SpanSet
from grader.analysis.signals import known_signals, lexicon_matches
from grader.checks.base import CheckSpecError

# How a signal is named in the reasons shown to learners ("needs a reason ... and a
# consequence ... in the same sentence"); other names are shown with spaces for "_".
LABELS = {
    "checkable_states": "a state anyone can check (\u201cgreen\u201d, \u201cno critical\u201d)",
    "date_holds": "a date confirmed as it stands (\u201cstays\u201d, \u201cholds\u201d)",
    "causal": "a reason like \u201cbecause\u201d or \u201cso\u201d",
    "impact_terms": "who or what is affected",
    "problem_symptoms": "what goes wrong",
    "benefit_terms": "a benefit",
    "code_ref": "a code reference",
    "code_object": "a named part of the code",
    "code_behaviour": "what the code does",
    "concrete_anchor": "a name, number, file or identifier",
    "quantity": "a number with a unit",
    "suggestion_markers": "a suggestion like \u201ccould we\u201d or \u201cinstead\u201d",
    "business_terms": "a business outcome like customers, revenue or risk",
    "user_terms": "the people the product serves",
    "outcome_framing": "an outcome or metric",
    "ask_phrases": "a request",
    "strong_ask": "a yes/no request",
    "vague_ask": "a vague ask",
    "deadline_terms": "a date, owner or threshold",
    "next_step_phrases": "a next step like a spike, a test or a decision",
    "acknowledge_phrases": "an acknowledgement of their point",
    "railroading": "a decision by fiat",
    "moment_event": "an event like a standup, a review or an incident",
    "moment_time": "a time like \u201cyesterday\u201d or \u201con Tuesday\u201d",
    "effect_phrases": "an effect like \u201cthat saved\u201d or \u201cwhich meant\u201d",
    "growth_step": "a next step or offer of help",
    "vague_step": "a vague step",
    "observed_action": "what they did",
    "trait_verdict": "a trait or verdict",
    "change_verbs": "a change like add, fix or remove",
    "problem_phrases": "the problem",
    "tradeoff_phrases": "a cost or limitation",
    "cost_phrases": "what an option costs",
    "generic_tradeoff": "a generic trade-off line",
    "context_phrases": "what you were trying to do",
    "observed_phrases": "what happened",
    "expected_phrases": "what you expected",
    "repro_phrases": "the steps to reproduce it",
    "evidence_phrases": "evidence like error text, a log or a link",
    "error_message": "pasted error text",
    "environment_terms": "the environment",
    "versioned_name": "a version",
    "help_ask": "a question",
    "bare_ask": "a bare 'any ideas?'",
    "jargon": "jargon",
    "question": "a question",
    "belittling_just": "a belittling \u201cjust\u201d",
    "blame": "blame",
    "collaborative_framing": "a proposal like \u201ccould we\u201d or \u201cwhat if\u201d",
    "command": "a bare command",
    "condescending_directive": "a condescending instruction",
    "condescension": "condescension",
    "consequence_phrases": "a consequence like \u201cas a result\u201d or \u201cthis means\u201d",
    "decision_phrases": "a decision like \u201cwe agreed\u201d or \u201cwe chose\u201d",
    "deference": "deference",
    "dismissive": "a dismissive phrase",
    "driver_phrases": "a decision driver like a must-have or a limit",
    "empty_acknowledge": "an empty acknowledgement",
    "first_person_plural": "we or us",
    "gratitude": "thanks",
    "hedges": "hedging",
    "insult": "an insult",
    "link": "a link",
    "no_downsides": "a claim that there are no downsides",
    "option_markers": "a named option like \u201coption A\u201d",
    "passive_voice": "passive voice",
    "people_terms": "people",
    "personal_preference": "personal preference",
    "product_terms": "the product",
    "proper_noun": "a name",
    "sarcasm": "sarcasm",
    "shouting": "shouting",
    "tech_nouns": "a technical term",
    "threat": "a threat",
    "ticket_ref": "a ticket or PR number",
    "undecided": "an open decision like TBD or pending",
    "vague_alternative": "a vague alternative",
    "vague_context": "a vague description",
    "vague_expected": "a vague expectation",
    "vague_observed": "a vague description of what happened",
    "weasel_words": "weasel words",
    "consequences_title": "Consequences",
    "context_title": "Context",
    "decision_title": "Decision",
    "drivers_title": "Decision drivers",
    "environment_title": "Environment",
    "evidence_title": "Evidence",
    "expected_title": "Expected",
    "observed_title": "What happened",
    "options_title": "Options",
    "steps_title": "Steps",
    "tradeoffs_title": "Trade-offs",
}

_EXAMPLES = re.compile(r",? like .*$")
_NESTED_QUANTIFIER = re.compile(r"\([^()]*[+*}][^()]*\)[+*{]")


class Source:
    """A union of named signals, inline phrase lists and regular expressions."""

    def __init__(self, spec: Any, path: str) -> None:
        self.names: list[str] = []
        self.patterns: list = []  # re.Pattern or lexicon.PhraseSet: both offer finditer/fullmatch
        self.parts: list[str] = []
        self._add(spec, path)
        self.parts = list(dict.fromkeys(self.parts))  # "question" and "help_ask" both read "a question"
        self.label = " or ".join(self.parts)
        # In a reason shown to a learner: two plain alternatives read as a
        # sentence, a list of five (or two with examples each) does not; the
        # first is the author's main one. ``noun`` drops the examples, for
        # reasons that quote the learner's own words instead.
        plain = len(self.parts) <= 2 and not any(" like " in part for part in self.parts)
        self.short_label = self.label if plain else self.parts[0]
        self.noun = _EXAMPLES.sub("", self.short_label)

    def _add(self, spec: Any, path: str) -> None:
        if isinstance(spec, str):
            if spec not in known_signals():
                raise CheckSpecError(path, f"names unknown signal or lexicon '{spec}'")
            self.names.append(spec)
            self.parts.append(LABELS.get(spec, spec.replace("_", " ")))
        elif isinstance(spec, list) and spec:
            for i, item in enumerate(spec):
                self._add(item, f"{path}[{i}]")
        elif isinstance(spec, dict) and "phrases" in spec and set(spec) <= {"phrases", "label"}:
            phrases = spec["phrases"]
            if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
                raise CheckSpecError(f"{path}.phrases", "must be a non-empty list of strings")
            self.patterns.append(compile_phrases(phrases))
            examples = ", ".join(f"\u201c{p.strip()}\u201d" for p in phrases[:3])
            self.parts.append(_label(spec, path) or f"a phrase such as {examples}")
        elif isinstance(spec, dict) and "pattern" in spec and set(spec) <= {"pattern", "label"}:
            self.patterns.append(compile_pattern(spec["pattern"], f"{path}.pattern"))
            self.parts.append(_label(spec, path) or "a matching phrase")
        else:
            raise CheckSpecError(path, "must be a signal/lexicon name, {phrases: [...]}, {pattern: ...} or a list of these")

    def patterns_for_titles(self) -> list:
        """Compiled patterns of this source, to full-match a section title (lower-cased)."""
        return [compiled(name) for name in self.names if name in all_lexicons()] + self.patterns

    def spans_keeping_structure(self, analysis: Analysis) -> list[Span]:
        """Like ``spans`` but also inside headings and labels (to match section titles)."""
        found: list[Span] = []
        for name in self.names:
            if name in all_lexicons():
                found.extend(lexicon_matches(analysis, compiled(name), keep_structure=True))
            else:
                found.extend(analysis.signal(name))
        for pattern in self.patterns:
            found.extend(lexicon_matches(analysis, pattern, keep_structure=True))
        return sorted(set(found))

    def spans(self, analysis: Analysis) -> list[Span]:
        found: list[Span] = []
        for name in self.names:
            found.extend(analysis.signal(name))
        for pattern in self.patterns:
            found.extend(lexicon_matches(analysis, pattern))
        return sorted(set(found))


def compile_pattern(value: Any, path: str) -> re.Pattern[str]:
    """Compile an author's regex, rejecting the shapes that backtrack catastrophically."""
    if not isinstance(value, str) or not value:
        raise CheckSpecError(path, "must be a non-empty regular expression string")
    if _NESTED_QUANTIFIER.search(value):
        raise CheckSpecError(path, "has a nested quantifier like (a+)+ that can hang on long input; rewrite it")
    try:
        return re.compile(value, re.IGNORECASE | re.MULTILINE)
    except re.error as error:
        raise CheckSpecError(path, f"is not a valid regular expression: {error}") from None


SCOPES = ("all", "first_line", "first_sentence", "opening", "body", "first_paragraph", "last_paragraph", "prose")


def scope_spans(analysis: Analysis, scope: str) -> list[Span]:
    """The regions of the answer a scoped check looks at."""
    if scope == "all":
        return [(0, len(analysis.norm))]
    lines = analysis.nonblank_lines
    if scope == "first_line":
        return lines[:1]
    if scope == "body":
        return [(lines[1][0], len(analysis.norm))] if len(lines) > 1 else []
    if scope == "first_sentence":
        return analysis.sentences[:1]
    if scope == "opening":  # the first two sentences after a greeting line ("Hi Dana,")
        sentences = [s for s in analysis.sentences if not _GREETING.fullmatch(analysis.slice(s))]
        return sentences[:2]
    if scope == "first_paragraph":
        return analysis.paragraphs[:1]
    if scope == "last_paragraph":
        paragraphs = [p for p in analysis.paragraphs if not _SIGN_OFF.fullmatch(analysis.slice(p))]
        return paragraphs[-1:]
    if scope == "prose":
        return [s for s in analysis.sentences if not analysis.code.contains(s[0])]
    raise ValueError(scope)


_GREETING = re.compile(r"(?:hi|hey|hello|dear|morning|good morning|hiya)\b[^\n]{0,40}[,!.:]?|subject:[^\n]*", re.IGNORECASE)
_SIGN_OFF = re.compile(r"(?:thanks|thank you|cheers|best|regards|best regards|kind regards|many thanks|thx)[,!.]?(?:\s+\S+){0,3}", re.IGNORECASE)


def in_scopes(spans: list[Span], scopes: list[Span]) -> list[Span]:
    """Spans that start inside one of ``scopes``."""
    if len(scopes) == 1 and scopes[0][0] == 0:
        return [s for s in spans if s[0] < scopes[0][1]]
    regions = SpanSet(scopes)
    return [s for s in spans if regions.contains(s[0])]


def _label(spec: dict, path: str) -> str:
    """The optional ``label`` of inline phrases or a pattern: how a learner's reason names them."""
    label = spec.get("label", "")
    if not isinstance(label, str):
        raise CheckSpecError(f"{path}.label", "must be a string")
    return " ".join(label.split())
