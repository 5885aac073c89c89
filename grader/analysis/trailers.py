"""Git trailers ("Signed-off-by: ...", "Co-authored-by: ...") are metadata, not content.

Why blank them instead of deleting them: every span the learner sees is an
offset into what they typed, so the trailer block at the end of a message is
replaced by spaces of the same length (line breaks kept) before analysis. A
sign-off name then earns nothing: not a "name", not a "concrete anchor".
"""
from __future__ import annotations

from grader.analysis.segments import TRAILER


def blank_trailers(text: str) -> str:
    """``text`` with its final paragraph blanked when every line of it is a git trailer."""
    stripped = text.rstrip()
    if ":" not in stripped[-2000:]:
        return text
    start = stripped.rfind("\n\n") + 1 if "\n\n" in stripped else 0
    block = stripped[start:]
    lines = [line for line in block.split("\n") if line.strip()]
    if not lines or start == 0 or not all(TRAILER.match(line.rstrip("\r")) for line in lines):
        return text
    blanked = "".join(c if c in "\r\n" else " " for c in block)
    return text[:start] + blanked + text[len(stripped):]
