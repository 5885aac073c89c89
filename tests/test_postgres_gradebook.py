"""A PostgreSQL gradebook: the instructor flow, ``--jobs N`` and ``--shard i/N`` processes, no grade lost or doubled.

The reference is ``softskills autograde --jobs 1`` (one machine, one learner at a time) into
the default SQLite gradebook. The same submissions are then graded into a fresh PostgreSQL database (the server
``.ci/run`` starts; ``MULTIPLIER_DB_URL`` is how nbgrader_config.py is pointed at it):
once by ``softskills autograde --jobs 3``, and once by three ``--shard i/3``
processes running at the same time, as three machines of a Kubernetes indexed Job
would. Both must equal the reference grade for grade, comment for comment (the cohort-wide
near-duplicate pass included) and flag for flag, with as many gradebook rows.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402
from postgres_server import fresh_database, server_url  # noqa: E402

pytestmark = pytest.mark.nbgrader
ASSIGNMENT = "fixture"
BUILDERS = [C.excellent, C.weak, C.blank, C.tamper_duplicate, C.tamper_kernel, C.tamper_delete_test]
COHORT = {f"learner-{i:02d}": BUILDERS[i % len(BUILDERS)] for i in range(12)}


def comments(db_url: str) -> dict:
    from nbgrader.api import Gradebook

    found = {}
    with Gradebook(db_url) as gb:
        for submission in gb.find_assignment(ASSIGNMENT).submissions:
            for notebook in submission.notebooks:
                found.update({(submission.student.id, c.name): c.auto_comment for c in notebook.comments})
                found[(submission.student.id, "flagged")] = notebook.flagged
    return found


def row_counts(db_url: str) -> dict[str, int]:
    """Rows per nbgrader table that holds one row per learner's grade, comment or submission."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(db_url)
    try:
        with engine.connect() as connection:
            return {table: connection.execute(sqlalchemy.text(f"SELECT count(*) FROM {table}")).scalar_one()
                    for table in ("grade", "comment", "submitted_notebook", "submitted_assignment", "student")}
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict:
    """The cohort graded on one machine into SQLite, and a pristine copy of the submissions before grading."""
    server_url()  # skip (or fail under CI) before spending minutes on the reference
    root = C.make_course(tmp_path_factory.mktemp("sqlite") / "course", ASSIGNMENT,
                         C.FIXTURE / "solutions" / ASSIGNMENT)
    a = C.Assignment.from_course(root, ASSIGNMENT)
    for student, build in COHORT.items():
        C.write(root, student, a, build(a))
    pristine = tmp_path_factory.mktemp("pristine") / "submitted"
    shutil.copytree(root / "submitted", pristine)
    C.run(root, "softskills", "autograde", ASSIGNMENT, "--jobs", "1")
    db = f"sqlite:///{root / 'gradebook.db'}"
    return {"a": a, "submitted": pristine, "scores": C.gradebook_scores(root, ASSIGNMENT), "comments": comments(db),
            "rows": row_counts(db)}


def postgres_course(tmp_path: Path, reference: dict, db_url: str, monkeypatch) -> Path:
    monkeypatch.setenv("MULTIPLIER_DB_URL", db_url)
    root = C.make_course(tmp_path / "course", ASSIGNMENT, C.FIXTURE / "solutions" / ASSIGNMENT)
    assert not (root / "gradebook.db").exists()  # nbgrader used the server, not SQLite
    shutil.copytree(reference["submitted"], root / "submitted")
    return root


def test_instructor_flow_with_parallel_jobs(tmp_path, reference, monkeypatch) -> None:
    with fresh_database() as db_url:
        root = postgres_course(tmp_path, reference, db_url, monkeypatch)
        first = C.run(root, "softskills", "autograde", ASSIGNMENT, "--jobs", "3")
        assert f"{ASSIGNMENT}: {len(COHORT)} graded, 0 skipped" in first.stdout, first.stdout
        assert C.gradebook_scores(root, ASSIGNMENT, db_url) == reference["scores"]
        assert comments(db_url) == reference["comments"]
        assert row_counts(db_url) == reference["rows"]

        again = C.run(root, "softskills", "autograde", ASSIGNMENT, "--jobs", "3", "--force")  # re-grade everyone
        assert f"{ASSIGNMENT}: {len(COHORT)} graded, 0 skipped" in again.stdout, again.stdout
        assert row_counts(db_url) == reference["rows"]
        assert C.gradebook_scores(root, ASSIGNMENT, db_url) == reference["scores"]

        C.run(root, "nbgrader", "generate_feedback", ASSIGNMENT)
        assert len(list((root / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))) == len(COHORT)
        C.run(root, "nbgrader", "export", "--to=grades.csv")
        assert len((root / "grades.csv").read_text(encoding="utf-8").strip().splitlines()) == len(COHORT) + 1
        report = C.run(root, "softskills", "report", ASSIGNMENT, "--out", "report")
        assert (root / "report" / "report.html").is_file(), report.stdout + report.stderr


def test_shards_in_separate_processes_grade_like_one_machine(tmp_path, reference, monkeypatch) -> None:
    with fresh_database() as db_url:
        root = postgres_course(tmp_path, reference, db_url, monkeypatch)
        shards = [subprocess.Popen([str(Path(sys.executable).parent / "softskills"), "autograde", ASSIGNMENT,
                                    "--shard", f"{i}/3", "--jobs", "1"], cwd=root, env=C.nbgrader_env(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                  for i in range(3)]
        outputs = [shard.communicate(timeout=900) for shard in shards]
        assert [shard.returncode for shard in shards] == [0, 0, 0], [out[out.find("failed to grade"):][:2000]
                                                                      for out, _ in outputs]
        graded = [int(out.split(f"{ASSIGNMENT}: ", 1)[1].split(" graded", 1)[0]) if " graded, " in out else 0
                  for out, _ in outputs]
        assert sum(graded) == len(COHORT) and all(graded), outputs  # each learner once; no shard idle here
        assert C.gradebook_scores(root, ASSIGNMENT, db_url) == reference["scores"]
        assert comments(db_url) == reference["comments"]
        assert row_counts(db_url) == reference["rows"]
