"""Durable per-criterion results and integrity flags, in the gradebook's own database.

Why extra tables instead of JSON in nbgrader's comment: the automatic comment is
what learners and instructors read (formgrader shows it as plain text), so it
stays prose; the cohort report needs the structured ``Result`` of every answer,
and re-grading the autograded files later could silently disagree with the
scores in the gradebook if a rubric changed since. Two tables with a
``multiplier_`` prefix live next to nbgrader's in whatever database ``db_url``
names (SQLite, PostgreSQL, ...); nbgrader and its alembic migrations never touch
them, and they are written in the same transaction as nbgrader's grades.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, Float, Integer, MetaData, String, Table, Text, delete, inspect, select, text
from sqlalchemy.schema import CreateIndex, CreateTable

_metadata = MetaData()

rubric_results = Table(
    "multiplier_rubric_result", _metadata,
    Column("course", String(128), primary_key=True),
    Column("assignment", String(128), primary_key=True),
    Column("notebook", String(128), primary_key=True),
    Column("student", String(128), primary_key=True),
    Column("grade_id", String(128), primary_key=True),
    Column("rubric", String(128), nullable=False),
    Column("points", Float, nullable=False),
    Column("status", String(16), nullable=False),  # graded | blank | failed
    Column("auto_score", Float, nullable=True),  # NULL when grading failed
    Column("result_json", Text, nullable=True),  # Result.to_dict() of a graded (non-blank) text
    Column("graded_at", DateTime, nullable=False),
)

integrity_flags = Table(
    "multiplier_integrity_flag", _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("course", String(128), nullable=False),
    Column("assignment", String(128), nullable=False),
    Column("notebook", String(128), nullable=False),
    Column("student", String(128), nullable=False),
    Column("grade_id", String(128), nullable=True),
    Column("kind", String(64), nullable=False),
    Column("message", Text, nullable=False),
)


@dataclass(frozen=True)
class StoredResult:
    """One answer cell's automatic grading, as the report reads it back."""

    course: str
    assignment: str
    notebook: str
    student: str
    grade_id: str
    rubric: str
    points: float
    status: str  # graded | blank | failed
    auto_score: float | None
    result: dict | None


# PostgreSQL advisory-lock keys (any fixed 64-bit numbers, unique to Multiplier's uses).
LOCK_CREATE_TABLES = 0x4D554C5401
LOCK_COHORT_PASS = 0x4D554C5402


def serialize(connection, key: int) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    """On PostgreSQL, wait for other grading processes holding ``key`` until this transaction ends.

    ``--jobs`` workers and ``--shard`` machines write one gradebook at the same time. SQLite
    already serialises writers; PostgreSQL does not, and some steps (creating tables,
    the cohort-wide pass) are not safe to run twice at once.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def create_tables(connection, metadata: MetaData, tables: list[Table] | None = None) -> None:  # noqa: ANN001
    """``metadata.create_all`` that is safe when several grading processes start at once.

    Two sessions that both find a table missing both run CREATE TABLE, and one fails ("already
    exists"; on PostgreSQL, the system catalog's unique index): on PostgreSQL creators queue on
    an advisory lock, elsewhere the statements say IF NOT EXISTS. The common case (tables
    present) takes no lock at all.
    """
    wanted = tables or list(metadata.sorted_tables)
    if all(inspect(connection).has_table(table.name) for table in wanted):
        return
    if connection.dialect.name == "postgresql":
        serialize(connection, LOCK_CREATE_TABLES)
        metadata.create_all(connection, tables=wanted, checkfirst=True)
        return
    # SQLite: CREATE TABLE IF NOT EXISTS is atomic there (the database lock serialises the writers).
    for table in wanted:
        connection.execute(CreateTable(table, if_not_exists=True))
        for index in table.indexes:
            connection.execute(CreateIndex(index, if_not_exists=True))


def ensure_tables(connection) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    """Create the two tables if missing (idempotent), on the caller's connection/transaction."""
    create_tables(connection, _metadata)


def replace_notebook_records(session, *, course: str, assignment: str, notebook: str, student: str,  # noqa: ANN001
                             results: list[dict], flags: list[dict]) -> None:
    """Replace one submitted notebook's rows (a re-run of autograde must not duplicate them).

    ``results``: dicts with grade_id, rubric, points, status, auto_score, result (dict or None).
    ``flags``: dicts with kind, grade_id, message. The caller commits.
    """
    key = dict(course=course, assignment=assignment, notebook=notebook, student=student)
    ensure_tables(session.connection())
    for table in (rubric_results, integrity_flags):
        session.execute(delete(table).where(*[table.c[k] == v for k, v in key.items()]))
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for row in results:
        session.execute(rubric_results.insert().values(
            **key, grade_id=row["grade_id"], rubric=row["rubric"], points=row["points"], status=row["status"],
            auto_score=row["auto_score"], graded_at=now,
            result_json=json.dumps(row["result"]) if row["result"] is not None else None,
        ))
    for flag in flags:
        session.execute(integrity_flags.insert().values(**key, **flag))


def read_results(connection, assignment: str, course: str | None = None) -> list[StoredResult]:  # noqa: ANN001
    """Every stored answer result of an assignment (all notebooks, all students); reads only."""
    if not inspect(connection).has_table(rubric_results.name):
        return []  # a gradebook never autograded with the Multiplier steps
    query = select(rubric_results).where(rubric_results.c.assignment == assignment)
    if course is not None:
        query = query.where(rubric_results.c.course == course)
    return [
        StoredResult(r.course, r.assignment, r.notebook, r.student, r.grade_id, r.rubric, r.points, r.status,
                     r.auto_score,
                     json.loads(r.result_json) if r.result_json else None)
        for r in connection.execute(query)
    ]


def read_flags(connection, assignment: str, course: str | None = None) -> list[dict]:  # noqa: ANN001
    """Every stored integrity flag of an assignment, as dicts; reads only."""
    if not inspect(connection).has_table(integrity_flags.name):
        return []
    query = select(integrity_flags).where(integrity_flags.c.assignment == assignment)
    if course is not None:
        query = query.where(integrity_flags.c.course == course)
    query = query.order_by(integrity_flags.c.student, integrity_flags.c.notebook, integrity_flags.c.id)
    return [dict(r._mapping) for r in connection.execute(query)]
