"""A signed record of every score the grader and formgrader wrote, checked before a report.

nbgrader's ``grade`` table can be written by anything that can open the
database: learner code run unsandboxed during autograde, or someone with a
shell on the grading server. Such a write looks exactly like an instructor's
override in formgrader. So every time a score is written by the grading process
(``SaveRubricGrades``) or through nbgrader's API in a process that loaded the
course's ``nbgrader_config.py`` (formgrader does), its (auto, manual) pair is
recorded with an HMAC in ``multiplier_grade_seal``. ``verify`` lists every grade
whose scores differ from its record, or that has no record: changed outside the
grader and formgrader. The report shows them.

The key lives in the instructor's home (``~/.config/multiplier/gradebook-seal.key``,
mode 600, or ``$MULTIPLIER_SEAL_KEY``): the sandbox hides that home from learner
code, so a learner cannot sign a forged score.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Column, DateTime, Float, MetaData, String, Table, delete, event, inspect, insert, select

_metadata = MetaData()
seals = Table(
    "multiplier_grade_seal", _metadata,
    Column("grade_row", String(128), primary_key=True),  # nbgrader's grade.id
    Column("auto_score", Float, nullable=True),
    Column("manual_score", Float, nullable=True),
    Column("sealed_by", String(32), nullable=False),  # autograde | formgrader
    Column("signature", String(64), nullable=False),
    Column("sealed_at", DateTime, nullable=False),
)


def key_path() -> Path:
    return Path(os.environ.get("MULTIPLIER_SEAL_KEY") or Path.home() / ".config" / "multiplier" / "gradebook-seal.key")


def _key() -> bytes:
    path = key_path()
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
                handle.write(secrets.token_hex(32))
        except FileExistsError:
            pass  # another grading worker created it first
    return path.read_text(encoding="utf-8").strip().encode()


def signature(grade_row: str, auto: float | None, manual: float | None) -> str:
    message = json.dumps([grade_row, _norm(auto), _norm(manual)]).encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


def _norm(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


def record(connection, grades, sealed_by: str) -> None:  # noqa: ANN001 - SQLAlchemy connection, nbgrader Grades
    """Seal the current scores of ``grades`` (nbgrader ``Grade`` objects)."""
    from grader.nbgrader.store import create_tables

    create_tables(connection, _metadata, [seals])
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for grade in grades:
        connection.execute(delete(seals).where(seals.c.grade_row == grade.id))
        connection.execute(insert(seals).values(
            grade_row=grade.id, auto_score=grade.auto_score, manual_score=grade.manual_score, sealed_by=sealed_by,
            signature=signature(grade.id, grade.auto_score, grade.manual_score), sealed_at=now))


def verify(gradebook, assignment: str) -> list[dict]:  # noqa: ANN001 - an open nbgrader Gradebook
    """Every grade of ``assignment`` whose scores are not the ones the grader or formgrader recorded."""
    connection = gradebook.db.connection()
    if not inspect(connection).has_table(seals.name):
        return []
    sealed = {row.grade_row: row for row in connection.execute(select(seals))}
    problems = []
    for submission in gradebook.find_assignment(assignment).submissions:
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                row = sealed.get(grade.id)
                expected = signature(grade.id, grade.auto_score, grade.manual_score)
                if row is None and grade.manual_score is None and not grade.auto_score:
                    continue  # a zero nbgrader gave a notebook that was not submitted
                if row is None:
                    why = "no record of the grader writing this score"
                elif not hmac.compare_digest(row.signature, expected):
                    why = (f"score changed outside the grader and formgrader (recorded: automatic "
                           f"{_show(row.auto_score)}, manual {_show(row.manual_score)}; now: automatic "
                           f"{_show(grade.auto_score)}, manual {_show(grade.manual_score)})")
                else:
                    continue
                problems.append({"student": submission.student.id, "notebook": notebook.name,
                                 "grade_id": grade.name, "kind": "gradebook-changed", "message": why})
    return problems


def _show(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def watch_nbgrader_api() -> None:
    """Seal every score change made through nbgrader's models in this process (formgrader's edits).

    Called from ``nbgrader_config.py``, which formgrader loads; registered once.
    """
    from nbgrader.api import Grade
    from sqlalchemy.orm import Session

    if getattr(watch_nbgrader_api, "_installed", False):
        return

    @event.listens_for(Session, "before_flush")
    def _seal_changed_grades(session, flush_context, instances) -> None:  # noqa: ANN001
        changed = [obj for obj in session.dirty if isinstance(obj, Grade)
                   and (inspect(obj).attrs.manual_score.history.has_changes())]
        if changed:
            record(session.connection(), changed, "formgrader")

    watch_nbgrader_api._installed = True
