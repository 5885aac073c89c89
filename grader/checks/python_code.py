"""Checks on Python code (``format: python`` rubrics): names, docstrings, constants.

All of them read the parsed code from ``analysis.python``; when the code does
not parse, every one of them misses with the syntax error as the reason.
"""
from __future__ import annotations

import re

from grader.analysis import Analysis
from grader.analysis.lexicon import all_lexicons
from grader.checks.base import Check, Outcome, Params, quote, register

_SPLIT_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# Short names a reader expects: loop indexes, a count, an exception, a file, an id.
_CONVENTIONAL_SHORT = frozenset({"i", "j", "k", "n", "e", "f", "db", "id", "ok"})
# "data2", "tmp1", "d2", "x1": a generic stem plus a number. ("sha256", "utf8", "s3" are fine.)
_NUMBERED = re.compile(r"([a-z]+)_?\d+")
_GENERIC_STEMS = frozenset("data result value temp tmp item obj list arr val res var thing func fn foo bar df out ret".split())


def _parse_error(analysis: Analysis) -> Outcome | None:
    code = analysis.python
    if code.error:
        spans = (code.error_span,) if code.error_span else ()
        return Outcome(False, f"the code does not run as Python ({code.error}); fix that first", spans)
    if not code.functions:
        return Outcome(False, "there is no function definition (def ...) to grade")
    return None


def _cryptic(name: str, kind: str, cryptic_words: frozenset[str]) -> bool:
    """x, tmp, d2, do_it, data2: names that don't say what they hold."""
    bare = name.strip("_").lower()
    if not bare:
        return False  # "_" is the conventional throwaway name
    if bare in cryptic_words:
        return True
    numbered = _NUMBERED.fullmatch(bare)
    if numbered and (numbered.group(1) in _GENERIC_STEMS or len(numbered.group(1)) == 1):
        return True
    return len(bare) <= 2 and (kind != "variable" or bare not in _CONVENTIONAL_SHORT)


@register
class PyDescriptiveNames(Check):
    """No cryptic identifiers (x, tmp, d2, do_it, data2): names that say what they hold."""

    name = "py_descriptive_names"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.max_cryptic = params.number("max_cryptic", 0, minimum=0)
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        error = _parse_error(analysis)
        if error:
            return error
        cryptic_words = frozenset(all_lexicons().get("cryptic_names", ()))
        bad = [n for n in analysis.python.names if _cryptic(n.text, n.kind, cryptic_words)]
        if len(bad) > self.max_cryptic:
            names = sorted({n.text for n in bad})
            return Outcome(False, f"cryptic names: {', '.join(names[:6])}", tuple(n.span for n in bad))
        good = [n.span for n in analysis.python.names if n.kind in ("function", "argument")]
        return Outcome(True, f"names say what they hold: {quote(analysis, good)}", tuple(good))


def _docstring_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text.lower())


@register
class PyDocstringWhy(Check):
    """Every public function has a docstring that says purpose / why / when, not its own name again."""

    name = "py_docstring_why"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.min_words = params.number("min_words", 8, minimum=1)
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        error = _parse_error(analysis)
        if error:
            return error
        purpose = _lexicon_pattern("docstring_purpose")
        for function in analysis.python.functions:
            if function.name.startswith("_"):
                continue
            doc = function.docstring
            if not doc:
                return Outcome(False, f"`{function.name}` has no docstring", (function.span,))
            name_words = {w.lower() for w in _SPLIT_WORDS.findall(function.name)}
            new_words = [w for w in _docstring_words(doc) if w not in name_words]
            if len(new_words) < self.min_words:
                return Outcome(False, f"the docstring of `{function.name}` mostly repeats its name", (function.docstring_span,))
            if not purpose.search(doc.lower()):
                return Outcome(False, f"the docstring of `{function.name}` says what, not why or when to use it", (function.docstring_span,))
        spans = tuple(f.docstring_span for f in analysis.python.functions if f.docstring_span)
        return Outcome(True, "docstrings explain purpose", spans)


@register
class PyDocstringContract(Check):
    """The docstring states the contract: what it takes, returns or raises, or the units."""

    name = "py_docstring_contract"

    def __init__(self, raw: object, path: str) -> None:
        Params(raw, path).done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        error = _parse_error(analysis)
        if error:
            return error
        contract = _lexicon_pattern("docstring_contract")
        units = _lexicon_pattern("measure_units")
        for function in analysis.python.functions:
            if function.name.startswith("_"):
                continue
            doc = function.docstring or ""
            mentions_argument = any(re.search(rf"\b{re.escape(a)}\b", doc) for a in function.arguments)
            if not (contract.search(doc.lower()) or units.search(doc.lower()) or (mentions_argument and "return" in doc.lower())):
                span = function.docstring_span or function.span
                return Outcome(False, f"the docstring of `{function.name}` doesn't say what it takes, returns or raises", (span,))
        spans = tuple(f.docstring_span for f in analysis.python.functions if f.docstring_span)
        return Outcome(True, "docstrings state the contract", spans)


@register
class PyNamedConstants(Check):
    """No unexplained magic numbers in function bodies (0, 1, -1, 2, 100 are allowed)."""

    name = "py_named_constants"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        allowed = params.get("allowed", list, [0, 1, 2, 100])
        params.done()
        self.allowed = set(allowed)

    def evaluate(self, analysis: Analysis) -> Outcome:
        error = _parse_error(analysis)
        if error:
            return error
        magic = [span for value, span in analysis.python.numbers if value not in self.allowed]
        if magic:
            return Outcome(False, f"unexplained numbers: {quote(analysis, magic, 5)}", tuple(magic))
        return Outcome(True, "no magic numbers in the function bodies")


def _lexicon_pattern(name: str) -> re.Pattern[str]:
    from grader.analysis.lexicon import compiled

    return compiled(name)
