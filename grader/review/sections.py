"""One section of a Markdown file, e.g. a README's "Why" section, for the docs hook.

A README is mostly install steps and reference; the docs/readme-why rubric grades
only the part that says why the project exists. The section is the body under the
first ATX heading (``#`` … ``######``) whose text matches a pattern, up to the next
heading of the same or a higher level; headings inside fenced code do not count.
"""
from __future__ import annotations

import re

from grader.review.document import BOM, Document

_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")


class SectionNotFound(ValueError):
    """The file has no heading matching the pattern."""


def _headings(text: str) -> list[tuple[int, int, int, str]]:
    """(line start, next line start, level, heading text) of each ATX heading outside fenced code."""
    found, fence, offset = [], None, 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            fence = None if fence == marker else (fence or marker)
            continue
        if fence:
            continue
        heading = _HEADING.match(line.rstrip("\r\n"))
        if heading:
            found.append((start, offset, len(heading.group(1)), heading.group(2)))
    return found


def markdown_section(path: str, decoded: str, pattern: str) -> Document:
    """The body of the first section whose heading matches ``pattern`` (a case-insensitive regular expression)."""
    had_bom = decoded.startswith(BOM)
    file_text = decoded[1:] if had_bom else decoded
    wanted = re.compile(pattern, re.IGNORECASE)
    headings = _headings(file_text)
    for index, (_, body_start, level, title) in enumerate(headings):
        if not wanted.search(title):
            continue
        body_end = next((start for start, _, other_level, _ in headings[index + 1:] if other_level <= level),
                        len(file_text))
        return Document(path, file_text[body_start:body_end], file_text, ((0, body_start),), had_bom)
    raise SectionNotFound(f"{path} has no Markdown heading matching {pattern!r}")
