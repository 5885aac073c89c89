"""Which learners one grading machine takes: ``--shard i/N``.

N machines (a Kubernetes indexed Job, a batch array, four laptops) each run
``softskills autograde ASSIGNMENT --shard i/N`` against one shared gradebook.
Each must take a disjoint share, together all learners, without talking to the
others. Splitting the sorted list of learners would not do: machines that list
``submitted/`` at slightly different moments (a late submission arriving) would
shift every position and grade some learners twice and others never. A learner's
shard therefore depends only on their id: sha256 of the id, modulo N. Python's
``hash()`` is salted per process, so it cannot be used.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` (0-based, as Kubernetes' ``JOB_COMPLETION_INDEX``) of ``count``."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def takes(self, student_id: str) -> bool:
        """Whether this shard grades ``student_id``; exactly one shard of the N takes each id."""
        digest = hashlib.sha256(student_id.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index

    def select(self, student_ids: list[str]) -> list[str]:
        """The ids this shard grades, in the given order."""
        return [student for student in student_ids if self.takes(student)]


def parse_shard(text: str) -> Shard:
    """``"i/N"`` with 0 <= i < N; raises ValueError with a message fit for the command line."""
    match = _SHARD.fullmatch(text)
    if not match:
        raise ValueError(f"--shard {text!r}: expected i/N, e.g. 0/4 (i counts from 0)")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or index >= count:
        raise ValueError(f"--shard {text!r}: i must be between 0 and N-1 and N at least 1")
    return Shard(index, count)
