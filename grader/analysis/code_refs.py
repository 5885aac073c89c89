"""References to concrete code: `identifiers`, paths, file:line, L42, calls, PR/ticket ids.

Why several shapes: reviewers point at code in many ways ("`fetchInvoices`",
"handlers/billing.go L142", "line 58", "the retry_count field", "PR #4412"),
and a learner should not lose a point for picking one the checker didn't know.
"""
from __future__ import annotations

import re

from grader.analysis.text import Analysis, Span

_PATTERNS = [
    # file paths and file names with an extension, optionally :line
    r"(?<![\w/.])(?:[\w.-]{1,80}/){0,12}[\w-]{1,80}\.(?:py|pyi|js|jsx|ts|tsx|go|rb|java|kt|cs|cpp|cc|c|h|hpp|rs|php|"
    r"swift|scala|sql|sh|yaml|yml|json|toml|ini|cfg|conf|md|html|css|scss|vue|tf|proto|gradle|xml|lock|env|ipynb)\b(?::\d{1,6})?",
    # directory-like paths: a/b/c
    r"(?<![\w/])[\w.-]{1,60}(?:/[\w.-]{1,60}){1,12}/?",
    # L42, L10-L20, line 42, lines 10-12
    r"\bL\d{1,6}(?:\s?[-\u2013]\s?L?\d{1,6})?\b",
    r"\blines?\s\d{1,6}\b",
    # function calls and dotted members: foo(), obj.method(x), a.b.c
    r"\b[A-Za-z_]\w{0,80}\((?=[^)\n]{0,80}\))",
    r"\b[A-Za-z_]\w{0,60}(?:\.[A-Za-z_]\w{0,60}){1,6}\b(?!\.\w)",
    # snake_case, camelCase, PascalCase-with-inner-capitals, SCREAMING_SNAKE identifiers
    r"\b[a-z]\w{0,60}_\w{1,60}\b",
    r"\b[a-z]{1,30}[A-Z]\w{0,60}\b",
    r"\b[A-Z][a-z0-9]{1,30}(?:[A-Z][a-z0-9]{1,30}){1,6}\b",
    r"\b[A-Z]{2,20}_[A-Z0-9_]{1,40}\b",
    # commit hashes (tickets and PR numbers are not code: see TICKET below)
    r"\b[0-9a-f]{7,40}\b",
]
# "PR #4412", "JIRA-123", "#inc-1042": names a piece of work, not the code in it.
TICKET = re.compile(r"(?:\bPR\s?)?#[\w-]{0,12}\d{1,7}\b|\b[A-Z][A-Z0-9]{1,9}-\d{1,6}\b")
_CODE_REF = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_HAS_LETTER = re.compile(r"[a-z]", re.IGNORECASE)
_PROSE_DOTTED = re.compile(r"^(?:e\.g|i\.e|etc|vs|a\.m|p\.m)$", re.IGNORECASE)


# Whitespace-separated chunks that could hold code: they contain "_", "/", "#", "(",
# a digit, an inner dot or an inner capital. Most prose words have none, so the
# detailed patterns below run on a few thousand short chunks instead of every
# position of the answer (5x faster on 100k words).
_CANDIDATE = re.compile(r"(?<!\S)\S*?(?:[_/#(]|\w\.\w|[a-z][A-Z]|\d)\S*")
_LOOKBACK = 6  # room for "line " / "PR " before a number chunk
MAX_CHUNK = 400


def find_code_refs(analysis: Analysis, limit: int = 5000) -> list[Span]:
    """Inline code spans, fenced blocks, and code-shaped words outside them."""
    md = analysis.markdown
    norm = analysis.norm
    found = list(md.inline_code) + list(md.code_blocks)
    examined = 0
    for chunk in _CANDIDATE.finditer(norm):
        if len(found) >= limit or examined >= 4 * limit:
            break
        examined += 1
        if TICKET.fullmatch(chunk.group().strip(".,;:()[]")):
            continue
        end = min(chunk.end(), chunk.start() + MAX_CHUNK)  # a 1 MB "word" is not an identifier
        for match in _CODE_REF.finditer(norm, max(0, chunk.start() - _LOOKBACK), end):
            if match.end() <= chunk.start() or not _is_code(match.group()):
                continue
            found.append(match.span())
    return sorted(set(found))


def _is_code(text: str) -> bool:
    if _PROSE_DOTTED.match(text):
        return False
    if not _HAS_LETTER.search(text) and not text.startswith(("#", "PR", "L", "line")):
        return False
    if re.fullmatch(r"[0-9a-f]{7,40}", text) and not re.search(r"\d", text):
        return False
    if re.fullmatch(r"[A-Za-z]+/[A-Za-z]+", text):
        return False  # "and/or", "read/write": prose, not a path
    return True
