"""``softskills autograde ASSIGNMENT --jobs N``: autograde learners in parallel into one gradebook.

Design: each learner is graded by its own ``nbgrader autograde ASSIGNMENT
--student ID`` subprocess; this command only schedules them (a thread per job
waits on its subprocess) and reports. Why subprocesses and not in-process
workers with a Gradebook each:

* grades are *by construction* the ones plain ``nbgrader autograde`` writes:
  same code, same config (``nbgrader_config.py``, including the rubric steps),
  same per-learner transactions;
* one learner's runaway kernel or crash cannot take the others down;
* nbgrader keeps global state (logging, the traitlets config singleton) that
  is not safe to share between concurrent autograde runs in one process.

SQLite allows one writer at a time; nbgrader's writes are short, so concurrent
workers mostly just wait on the lock, but a wait longer than SQLite's busy
timeout fails the learner with "database is locked". Such a learner is retried
(``--force``, so the half-written output is replaced) up to ``--retries`` times
with a growing pause, and reported if it still fails. Grades cannot be lost or
duplicated: nbgrader keys each grade by (learner, notebook, cell) and a failed
run leaves no autograded folder behind.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

LOCKED = "database is locked"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", help="assignment name, e.g. 01-pr-review")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="learners graded at the same time (default: number of CPUs)")
    parser.add_argument("--student", action="append", default=[], metavar="ID",
                        help="grade only this learner (repeatable); default: everyone in submitted/")
    parser.add_argument("--force", action="store_true",
                        help="re-grade learners that were already autograded (manual scores are kept)")
    parser.add_argument("--retries", type=int, default=3,
                        help="extra attempts for a learner whose run hit 'database is locked' (default: 3)")
    parser.add_argument("--course", default=".", help="course folder holding nbgrader_config.py (default: .)")


def run(args: argparse.Namespace) -> int:
    from concurrent.futures import ThreadPoolExecutor, as_completed

    from tqdm import tqdm

    from grader.cli import UsageError

    course = Path(args.course).resolve()
    if not (course / "nbgrader_config.py").is_file():
        raise UsageError(f"no nbgrader_config.py in {course}: run from the course (repository) root or pass --course")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    students = _students(course, args.assignment, args.student)
    notebooks = _master_notebooks(course, args.assignment)

    failures: dict[str, str] = {}
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(_grade_one, course, args.assignment, student, args.force, args.retries): student
                   for student in students}
        with tqdm(total=len(students), unit="learner", desc=f"autograde {args.assignment}",
                  file=sys.stderr) as bar:
            for future in as_completed(futures):
                student = futures[future]
                error = future.result()
                if error is not None:
                    failures[student] = _explain(course, args.assignment, student, notebooks, error)
                bar.update(1)

    graded = len(students) - len(failures)
    print(f"{args.assignment}: {graded} of {len(students)} learners autograded into the gradebook.")
    if failures:
        print(f"{len(failures)} failed (their submitted files were not changed):")
        for student in sorted(failures):
            print(f"  {student}: {failures[student]}")
    return 1 if failures else 0


def _students(course: Path, assignment: str, wanted: list[str]) -> list[str]:
    from grader.cli import UsageError

    found = sorted(p.parent.name for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir())
    if wanted:
        missing = sorted(set(wanted) - set(found))
        if missing:
            raise UsageError(f"no submission of {assignment} for: {', '.join(missing)} (looked in submitted/<id>/{assignment})")
        return sorted(set(wanted))
    if not found:
        raise UsageError(f"no submissions of {assignment} in {course / 'submitted'} "
                         "(run `nbgrader collect` or `nbgrader zip_collect` first)")
    return found


def _master_notebooks(course: Path, assignment: str) -> list[str]:
    """The assignment's notebooks from the gradebook; also proves the gradebook is ready before workers start."""
    from nbgrader.api import Gradebook, MissingEntry

    from grader.cli import UsageError

    from grader.nbgrader.course import course_settings

    db_url, _ = course_settings(course)
    if db_url.startswith("sqlite:///") and not Path(db_url[len("sqlite:///"):]).exists():
        raise UsageError(f"no gradebook at {db_url}: run `nbgrader generate_assignment {assignment}` first")
    with Gradebook(db_url) as gradebook:
        try:
            return [notebook.name for notebook in gradebook.find_assignment(assignment).notebooks]
        except MissingEntry:
            raise UsageError(f"assignment {assignment!r} is not in the gradebook: run "
                             f"`nbgrader generate_assignment {assignment}` first") from None


def _grade_one(course: Path, assignment: str, student: str, force: bool, retries: int) -> str | None:
    """Autograde one learner; None on success, else the tail of nbgrader's output."""
    bin_dir = os.path.dirname(sys.executable)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    command = [os.path.join(bin_dir, "nbgrader"), "autograde", assignment, "--student", student]
    for attempt in range(retries + 1):
        completed = subprocess.run(command + (["--force"] if force or attempt else []), cwd=course, env=env,
                                   capture_output=True, text=True)
        output = completed.stdout + completed.stderr
        if completed.returncode == 0:
            return None
        if LOCKED not in output or attempt == retries:
            return output
        time.sleep((0.5 * 2 ** attempt) * (1 + random.random()))  # back off, de-synchronised
    return output


def _explain(course: Path, assignment: str, student: str, notebooks: list[str], output: str) -> str:
    """One line for the summary: what is wrong with the file if we can tell, else nbgrader's own last error."""
    from grader.nbgrader.submission import diagnose_submission

    problems = diagnose_submission(course / "submitted" / student / assignment, notebooks)
    if problems:
        return "; ".join(problems)
    if LOCKED in output:
        return "the gradebook stayed locked by other workers after all retries; run again with fewer --jobs"
    errors = [line for line in output.splitlines() if "ERROR" in line or "Error" in line]
    return errors[-1].strip() if errors else output.strip().splitlines()[-1] if output.strip() else "nbgrader failed"
