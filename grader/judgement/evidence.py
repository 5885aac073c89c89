"""Feedback a person can read: the sentence that met a criterion, or the one that came closest.

Why sentences and not keywords: "found 'so' and 'billion'" teaches learners to
sprinkle words; quoting their own sentence ("This sentence explains why: “…”")
shows what worked, and naming what the closest sentence lacks shows the one
step to take. Spans are whole sentences so the panel can highlight one
sentence per criterion.
"""
from __future__ import annotations

from grader.analysis import Analysis
from grader.analysis.segments import Unit
from grader.judgement.model import Judgement
from grader.judgement.moves import Move

QUOTE_CHARS = 160


def quote(analysis: Analysis, unit: Unit) -> str:
    text = " ".join(analysis.text[unit.start:unit.end].split())
    if unit.kind in ("code", "suggestion"):
        first = text.strip("`").split(" ", 1)[0]
        return "the ```" + first + " block" if first else "the code block"
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "\u2026"
    return "\u201c" + text + "\u201d"


def feedback(base: str, move: Move, judgement: Judgement, analysis: Analysis, rule_why: str = "") -> str:
    """The criterion's own feedback or hint, followed by the sentence that shows it."""
    if move.absent:
        if judgement.met:
            return base
        shown = judgement.carriers[:1]
        tail = f" This sentence {move.says}: {quote(analysis, shown[0])}." if shown else ""
        return base + tail + (f" ({rule_why})" if rule_why else "")
    if judgement.met:
        shown = judgement.carriers[:1]
        return base + (f" This sentence {move.says}: {quote(analysis, shown[0])}." if shown else "")
    if judgement.nearest is not None:
        return f"{base} The closest sentence, {quote(analysis, judgement.nearest)}, {move.lacks}."
    return f"{base} No sentence {move.says} yet."


def spans(judgement: Judgement) -> tuple[tuple[int, int], ...]:
    """Whole sentences: the carriers when met (or offending, for tone), else the nearest candidate."""
    units = judgement.carriers or ((judgement.nearest,) if judgement.nearest is not None else ())
    return tuple((u.start, u.end) for u in units)


def sentence_spans(analysis: Analysis, found: tuple[tuple[int, int], ...], limit: int = 3) -> tuple[tuple[int, int], ...]:
    """The whole units that contain a rule check's word-level spans (for criteria decided by rules)."""
    from grader.judgement.features import judged_units

    units = judged_units(analysis)
    out: list[tuple[int, int]] = []
    for start, end in sorted(found):
        for unit in units:
            if unit.start < end and start < unit.end and (unit.start, unit.end) not in out:
                out.append((unit.start, unit.end))
                break
        if len(out) >= limit:
            break
    return tuple(out)
