"""Write the report: ``report.html`` (self-contained, charts embedded) and two CSV files.

``criteria.csv``: one row per rubric criterion with its miss rate (most missed first).
``items.csv``: one row per graded cell with its score distribution.
"""
from __future__ import annotations

import csv
import html
from pathlib import Path

from grader.report.analytics import (
    CriterionStats,
    ItemStats,
    answer_status_counts,
    criterion_stats,
    item_stats,
)
from grader.report.charts import data_uri, miss_rates, score_histograms
from grader.report.data import Cohort

CRITERIA_COLUMNS = ["rubric", "criterion", "description", "points", "answers_graded", "missed", "miss_rate", "items",
                    "hint"]
ITEM_COLUMNS = ["notebook", "item", "kind", "rubric", "max_score", "submissions", "mean", "median", "min", "max",
                "zeros", "full_marks", "manual_overrides"]


def write_report(cohort: Cohort, out_dir: Path) -> dict[str, Path]:
    """Write the three files into ``out_dir`` (created if needed) and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    items, criteria = item_stats(cohort), criterion_stats(cohort)
    paths = {"html": out_dir / "report.html", "criteria": out_dir / "criteria.csv", "items": out_dir / "items.csv"}
    _write_csv(paths["criteria"], CRITERIA_COLUMNS, [_criterion_row(c) for c in criteria])
    _write_csv(paths["items"], ITEM_COLUMNS, [_item_row(i) for i in items])
    paths["html"].write_text(_html(cohort, items, criteria), encoding="utf-8")
    return paths


def summary_lines(cohort: Cohort, top: int = 5) -> list[str]:
    """A few lines for the terminal: cohort size, mean, and the most missed criteria."""
    students = cohort.students
    mean = sum(s.score for s in students) / len(students) if students else 0.0
    maximum = students[0].max_score if students else 0.0
    lines = [f"{cohort.assignment}: {len(students)} submissions, mean {mean:.1f} / {maximum:g}, "
             f"{sum(1 for s in students if s.seconds_late > 0)} late, "
             f"{len({f['student'] for f in cohort.flags})} with integrity flags, "
             f"{len(cohort.failed)} failed to grade, {len(cohort.gradebook_changes)} scores changed outside grading, "
             f"{len(cohort.duplicates)} near-duplicate pairs"]
    for student, reason in cohort.failed:
        lines.append(f"  failed to grade: {student}: {reason}")
    for change in cohort.gradebook_changes:
        lines.append(f"  gradebook changed: {change['student']} {change['grade_id']}: {change['message']}")
    for stats in [c for c in criterion_stats(cohort) if c.missed][:top]:
        lines.append(f"  missed by {100 * stats.miss_rate:3.0f}% ({stats.missed}/{stats.answers}): "
                     f"{stats.rubric} · {stats.criterion}: {stats.description}")
    return lines


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _criterion_row(stats: CriterionStats) -> dict:
    return {"rubric": stats.rubric, "criterion": stats.criterion, "description": stats.description,
            "points": f"{stats.points:g}", "answers_graded": stats.answers, "missed": stats.missed,
            "miss_rate": f"{stats.miss_rate:.3f}", "items": " ".join(stats.items), "hint": stats.hint}


def _item_row(stats: ItemStats) -> dict:
    item = stats.item
    return {"notebook": item.notebook, "item": item.grade_id, "kind": item.kind, "rubric": item.rubric or "",
            "max_score": f"{item.max_score:g}", "submissions": len(stats.scores), "mean": f"{stats.mean:.2f}",
            "median": f"{stats.median:.2f}", "min": f"{stats.minimum:g}", "max": f"{stats.maximum:g}",
            "zeros": stats.zeros, "full_marks": stats.full_marks, "manual_overrides": stats.overridden}


def _esc(value: object) -> str:
    return html.escape(str(value))


def _table(columns: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{_esc(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html(cohort: Cohort, items: list[ItemStats], criteria: list[CriterionStats]) -> str:
    students = cohort.students
    status = answer_status_counts(cohort)
    mean = sum(s.score for s in students) / len(students) if students else 0.0
    maximum = students[0].max_score if students else 0.0
    late = [s for s in students if s.seconds_late > 0]
    changed = {c["student"] for c in cohort.gradebook_changes}
    sections = [
        f"<h1>Cohort report: {_esc(cohort.assignment)}</h1>",
        f"<p>{len(students)} submissions · mean score {mean:.1f} / {maximum:g} · due {_esc(cohort.duedate or 'not set')}"
        f" · {len(late)} late · written answers: {status['graded']} graded, {status['blank']} blank, "
        f"{status['failed']} failed to grade · {len(cohort.failed)} submissions failed to grade.</p>",
        "<p class='note'>Scores include instructors' manual overrides. Criterion figures are what the automatic "
        "grading found in the written (non-blank) answers and told each learner; they judge signals in the "
        "wording, not whether the point is right.</p>",
        "<h2>Most missed criteria</h2>",
        "<ol>" + "".join(
            f"<li><b>{_esc(c.description)}</b> ({_esc(c.rubric)} · {_esc(c.criterion)}): missed by "
            f"{100 * c.miss_rate:.0f}% ({c.missed} of {c.answers} answers). Hint shown: {_esc(c.hint)}</li>"
            for c in criteria[:5] if c.missed) + "</ol>",
    ]
    if criteria:
        sections.append(f"<img alt='Miss rate per criterion' src='{data_uri(miss_rates(criteria))}'>")
    sections += [
        "<h2>Miss rate per rubric criterion</h2>",
        _table(["rubric", "criterion", "description", "points", "answers", "missed", "miss rate"],
               [[c.rubric, c.criterion, c.description, f"{c.points:g}", c.answers, c.missed,
                 f"{100 * c.miss_rate:.0f}%"] for c in criteria]),
        "<h2>Score distribution per item</h2>",
    ]
    if items:
        sections.append(f"<img alt='Score histograms' src='{data_uri(score_histograms(items))}'>")
    sections += [
        _table(["notebook", "item", "kind", "max", "n", "mean", "median", "min", "max", "zeros", "full marks",
                "manual overrides"],
               [[i.item.notebook, i.item.grade_id, i.item.kind + (f" ({i.item.rubric})" if i.item.rubric else ""),
                 f"{i.item.max_score:g}", len(i.scores), f"{i.mean:.2f}", f"{i.median:.2f}", f"{i.minimum:g}",
                 f"{i.maximum:g}", i.zeros, i.full_marks, i.overridden] for i in items]),
        "<h2>Integrity flags</h2>",
        _table(["student", "notebook", "cell", "kind", "message"],
               [[f["student"], f["notebook"], f["grade_id"] or "", f["kind"], f["message"]] for f in cohort.flags])
        if cohort.flags else "<p>No submission was flagged.</p>",
        "<h2>Failed to grade</h2>",
        _table(["student", "reason and fix"], [[s, r] for s, r in cohort.failed])
        if cohort.failed else "<p>Every submission was graded.</p>",
        "<h2>Scores changed outside grading and formgrader</h2>",
        _table(["student", "notebook", "cell", "what"],
               [[c["student"], c["notebook"], c["grade_id"], c["message"]] for c in cohort.gradebook_changes])
        if cohort.gradebook_changes else "<p>Every score is the one the grader or formgrader wrote.</p>",
        "<h2>Near-duplicate answers between learners</h2>",
        _table(["cell", "learner", "learner", "3-word sequences shared"],
               [[d["grade_id"], d["first"], d["second"], f"{100 * d['similarity']:.0f}%"] for d in cohort.duplicates])
        if cohort.duplicates else "<p>No two learners' answers are near-duplicates.</p>",
        "<h2>Learners</h2>",
        _table(["student", "score", "max", "late (hours)", "flagged"],
               [[s.id, f"{s.score:g}", f"{s.max_score:g}", f"{s.seconds_late / 3600:.1f}" if s.seconds_late else "",
                 "yes" if s.flagged or s.id in changed else ""] for s in students]),
    ]
    style = ("body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;color:#1f2328}"
             "table{border-collapse:collapse;margin:0.5rem 0 1.5rem}td,th{border:1px solid #d0d7de;padding:4px 8px;"
             "font-size:13px;text-align:left;vertical-align:top}th{background:#f6f8fa}img{max-width:100%}"
             ".note{color:#57606a;font-size:13px}")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Cohort report: {_esc(cohort.assignment)}"
            f"</title><style>{style}</style></head><body>{''.join(sections)}</body></html>")
