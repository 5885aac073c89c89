"""Where a piece of graded text sits in the file it came from.

reviewdog (and the review tools behind it) place a comment by 1-based line and
1-based column counted in UTF-8 bytes. The engine's spans are character offsets
into the *graded* text, which may be a cleaned or cut-out part of the file, so a
:class:`Document` carries both texts and the offsets where each graded piece
starts in the file.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

BOM = "\ufeff"


@dataclass(frozen=True)
class Document:
    """The graded text of one file and the way back from its offsets to the file's lines and columns.

    ``pieces`` lists ``(graded_offset, file_offset)`` pairs, sorted: graded text from
    ``graded_offset`` on is a verbatim copy of the file text from ``file_offset`` on,
    up to the next piece. ``file_text`` is the decoded file without its byte-order
    mark (``had_bom`` remembers it, because the mark's 3 bytes count in line 1's columns).
    """

    path: str
    text: str
    file_text: str
    pieces: tuple[tuple[int, int], ...] = ((0, 0),)
    had_bom: bool = False
    _line_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0] + [i + 1 for i, char in enumerate(self.file_text) if char == "\n"]
        object.__setattr__(self, "_line_starts", tuple(starts))

    @classmethod
    def whole_file(cls, path: str, decoded: str) -> "Document":
        """The whole file is graded (``decoded`` may still start with a byte-order mark)."""
        had_bom = decoded.startswith(BOM)
        text = decoded[1:] if had_bom else decoded
        return cls(path, text, text, ((0, 0),), had_bom)

    def file_offset(self, offset: int) -> int:
        """The character offset in the file of character ``offset`` of the graded text."""
        graded_starts = [graded for graded, _ in self.pieces]
        index = max(bisect_right(graded_starts, offset) - 1, 0)
        graded, original = self.pieces[index]
        return original + (offset - graded)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of a graded-text offset: 1-based, the column in UTF-8 bytes as reviewdog counts."""
        at = min(self.file_offset(offset), len(self.file_text))
        line_index = bisect_right(self._line_starts, at) - 1
        line_start = self._line_starts[line_index]
        column = len(self.file_text[line_start:at].encode("utf-8")) + 1
        if line_index == 0 and self.had_bom:
            column += len(BOM.encode("utf-8"))
        return line_index + 1, column

    def start(self) -> int:
        """The graded offset of the first non-blank character: where a remark about the whole text goes."""
        stripped = len(self.text) - len(self.text.lstrip())
        return stripped if stripped < len(self.text) else 0
