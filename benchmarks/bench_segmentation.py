"""Sentence boundaries against the evidence people marked in real writing: pysbd + markdown-it vs the old regexes.

The labelers of ``../shared/data/real-writing`` quoted the sentences that meet
each criterion. A good segmenter starts a unit where a quoted sentence starts,
ends one where it ends, and does not cut a one-sentence quote in two. Only the
training split is read (the test split stays unseen).

    python benchmarks/bench_segmentation.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.analysis import Analysis  # noqa: E402
from grader.analysis.segments import units  # noqa: E402
from grader.training import data  # noqa: E402

_MARKER = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+>][ \t]+|\d{1,3}[.)][ \t]+)?")
_INNER_END = re.compile(r"[.!?]\s")
_STARTS_SENTENCE = re.compile(r"(?:^|[.!?:]\s+|\n\s*(?:[-*+>]\s+|\d+[.)]\s+)?)$")


def old_spans(analysis: Analysis) -> list[tuple[int, int]]:
    return list(analysis.sentences)


def new_spans(analysis: Analysis) -> list[tuple[int, int]]:
    return [(u.start, u.end) for u in units(analysis) if u.kind != "trailer"]


def measure(segment) -> dict[str, float]:
    starts_hit = starts = ends_hit = ends = cut = single = 0
    for item in data.real_writing():
        if item.split != "train":
            continue
        analysis = Analysis(item.text)
        spans = segment(analysis)
        unit_starts = {s for s, _ in spans}
        unit_ends = {e for _, e in spans}
        for quotes in item.evidence.values():
            for quote in quotes:
                at = item.text.find(quote)
                if at < 0:
                    continue
                marker = _MARKER.match(quote).end()  # "### " or "* " is structure, not part of the sentence
                at, quote = at + marker, quote[marker:]
                if not quote.strip():
                    continue
                end = at + len(quote.rstrip())
                if quote[:1].isupper() and _STARTS_SENTENCE.search(item.text[max(0, at - 12):at]):
                    starts += 1
                    starts_hit += at in unit_starts
                if quote.rstrip()[-1:] in ".!?":
                    ends += 1
                    ends_hit += end in unit_ends
                if not _INNER_END.search(quote.strip()) and "\n" not in quote.strip():
                    single += 1
                    cut += any(at < s < end for s in unit_starts)
    return {"start recall": starts_hit / starts, "end recall": ends_hit / ends,
            "one-sentence quotes cut": cut / single, "n starts": starts, "n ends": ends, "n single": single}


def main() -> int:
    if data.shared_dir() is None:
        print("../shared is absent")
        return 0
    for name, segment in (("old regex splitter", old_spans), ("pysbd + markdown-it", new_spans)):
        figures = measure(segment)
        print(f"{name:22s} " + "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
