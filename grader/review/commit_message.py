"""A commit message as git stores it: comment lines and the ``git commit -v`` diff removed.

The ``commit-msg`` hook receives ``.git/COMMIT_EDITMSG`` *before* git cleans it, so
the file still holds git's ``#`` instructions and, with ``git commit -v``, a
scissors line followed by the whole diff. Grading that would reward the diff's
code references. This module repeats git's default ``strip`` clean-up
(``strbuf_stripspace`` plus the scissors cut): drop comment lines, drop trailing
whitespace, collapse runs of blank lines, drop leading and trailing blank lines,
while remembering where each kept line starts in the file.
"""
from __future__ import annotations

import subprocess

from grader.review.document import BOM, Document

SCISSORS = "------------------------ >8 ------------------------"


def git_comment_prefix(default: str = "#") -> str:
    """The comment prefix git uses in this repository (``core.commentString``/``core.commentChar``)."""
    for key in ("core.commentString", "core.commentChar"):
        try:
            found = subprocess.run(["git", "config", "--get", key], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return default  # no git: the hook still works with git's default
        value = found.stdout.rstrip("\n")
        if found.returncode == 0 and value and value != "auto":
            return value
    return default


def commit_message(path: str, decoded: str, comment: str = "#") -> Document:
    """The message git would record from the file ``path`` (its decoded text), mapped back to the file."""
    had_bom = decoded.startswith(BOM)
    file_text = decoded[1:] if had_bom else decoded
    kept: list[str] = []
    pieces: list[tuple[int, int]] = []
    graded_length, blank_run, offset = 0, 0, 0
    for line in file_text.splitlines(keepends=True):
        line_offset, offset = offset, offset + len(line)
        if line.rstrip("\r\n") == f"{comment} {SCISSORS}":
            break
        if line.startswith(comment):
            continue
        content = line.rstrip()
        if not content:
            blank_run += 1
            continue
        if blank_run and kept:
            kept.append("\n")
            graded_length += 1
        blank_run = 0
        pieces.append((graded_length, line_offset))
        kept.append(content + "\n")
        graded_length += len(content) + 1
    return Document(path, "".join(kept), file_text, tuple(pieces) or ((0, 0),), had_bom)
