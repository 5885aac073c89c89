"""``softskills autograde ASSIGNMENT --jobs N``: autograde learners in parallel into one gradebook.

Design: N worker processes (``multiprocessing``, spawn), each holding one
``nbgrader.apps.NbGraderAPI`` built from the course's ``nbgrader_config.py``,
take learners one at a time and call ``api.autograde(assignment, learner)``,
the call formgrader itself uses. Why this shape:

* grades are by construction the ones plain ``nbgrader autograde`` writes: the
  same ``Autograde`` converter, the same config (including the rubric steps),
  the same per-learner gradebook transactions;
* a worker imports nbgrader, the engine and the config once, not once per
  learner (a subprocess per learner spent more time starting up than grading);
* separate processes, because nbgrader keeps per-process state (logging, the
  traitlets config) that concurrent runs in one process would share, and a
  runaway learner kernel stays confined to its worker's run.

Grading itself is in the course's nbgrader steps (``grader/nbgrader``: snapshot of
each submitted file, choice answers parsed, learner code only in the sandbox);
this command adds what needs the whole cohort: the sha256 of every submitted
file before and after (the summary claims "unchanged" only when they match),
the near-duplicate pass between learners (``cohort_copies``), and a summary
that says "N graded, M skipped, K failed". Which learners to grade is decided
in ``_students`` alone, so a filter (e.g. a shard of the cohort) slots in there.

SQLite allows one writer at a time; nbgrader's writes are short, so workers
mostly just wait on the lock, but a wait longer than SQLite's busy timeout fails
the learner with "database is locked". That learner is retried (``force``, so
the half-written output is replaced) up to ``--retries`` times with a growing,
jittered pause, and reported if it still fails. Grades cannot be duplicated:
nbgrader keys each grade by (learner, notebook, cell); a failed run leaves no
autograded folder behind and is simply re-run.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

LOCKED = "database is locked"
_API = None  # the worker process's NbGraderAPI (set by _start_worker)


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
    parser.add_argument("--shard", metavar="i/N",
                        help="grade only shard i (0 to N-1) of N: a stable share of the learners chosen by their id, "
                             "so N machines can grade one cohort into one shared gradebook")


def run(args: argparse.Namespace) -> int:
    import multiprocessing

    from tqdm import tqdm

    from grader.cli import UsageError

    course = Path(args.course).resolve()
    if not (course / "nbgrader_config.py").is_file():
        raise UsageError(f"no nbgrader_config.py in {course}: run from the course (repository) root or pass --course")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    shard = _shard(args.shard, UsageError)
    students = _students(course, args.assignment, args.student)
    if shard:
        students = shard.select(students)
        if not students:
            print(f"{args.assignment}: no learners in shard {shard}.")
            return 0
    notebooks = _master_notebooks(course, args.assignment)

    skipped = [s for s in students if not args.force and (course / "autograded" / s / args.assignment).is_dir()]
    before = {student: _digests(course, student, args.assignment) for student in students}
    tasks = [(args.assignment, student, args.force, args.retries) for student in students]
    failures: dict[str, str] = {}
    integrity: list[str] = []
    context = multiprocessing.get_context("spawn")
    with context.Pool(min(args.jobs, len(tasks)), initializer=_start_worker, initargs=(str(course),)) as pool:
        with tqdm(total=len(tasks), unit="learner", desc=f"autograde {args.assignment}", file=sys.stderr) as bar:
            for student, error, flags in pool.imap_unordered(_autograde, tasks):
                if error is not None:
                    failures[student] = _explain(course, args.assignment, student, notebooks, error)
                integrity += flags
                bar.update(1)

    from grader.nbgrader import sandbox
    from grader.nbgrader.cohort_copies import flag_near_duplicates

    graded = len(students) - len(failures) - len(skipped)
    integrity += flag_near_duplicates(course, args.assignment)
    changed = sorted(s for s in students if _digests(course, s, args.assignment) != before[s])
    print(f"{args.assignment}: {graded} graded, {len(skipped)} skipped, {len(failures)} failed, "
          f"of {len(students)} learners.")
    if skipped:
        print(f"Skipped (already autograded; --force re-grades them): {', '.join(skipped)}")
    if sandbox.bwrap() is None:
        print(f"WARNING: {sandbox.no_sandbox_message()}")
    if changed:
        print(f"WARNING: submitted files changed during grading (sha256 differs): {', '.join(changed)}")
    else:
        print(f"Submitted files unchanged: sha256 of every file under submitted/<learner>/{args.assignment} "
              "is the same after grading.")
    if integrity:
        print(f"Integrity flags ({len(integrity)}; also in each flagged notebook's automatic comment):")
        for line in sorted(integrity):
            print(f"  {line}")
    if failures:
        print(f"{len(failures)} failed to grade (they are in the report's 'Failed to grade' list):")
        for student in sorted(failures):
            print(f"  {student}: {failures[student]}")
    return 1 if failures else 0


def _shard(spec: str | None, usage_error: type[Exception]):  # noqa: ANN202 - grader.shards.Shard, imported lazily
    if spec is None:
        return None
    from grader.shards import parse_shard

    try:
        return parse_shard(spec)
    except ValueError as error:
        raise usage_error(str(error)) from None


def _digests(course: Path, student: str, assignment: str) -> dict[str, str]:
    """sha256 of every file a learner submitted for the assignment."""
    import hashlib

    folder = course / "submitted" / student / assignment
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _start_worker(course: str) -> None:
    """Pool initializer: one NbGraderAPI per worker process, for the course's config."""
    global _API
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    import warnings

    # nbgrader's own submission bookkeeping triggers SQLAlchemy autoflush warnings
    # that its command line never shows; they say nothing about the grades.
    warnings.filterwarnings("ignore", module="nbgrader.api")
    os.chdir(course)
    bin_dir = os.path.dirname(sys.executable)  # nbgrader runs `alembic` from PATH when it creates a gradebook
    os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    config = PyFileConfigLoader("nbgrader_config.py", path=course).load_config()
    _API = NbGraderAPI(coursedir=CourseDirectory(config=config, root=course), config=config)


def _autograde(task: tuple[str, str, bool, int]) -> tuple[str, str | None, list[str]]:
    """Autograde one learner in this worker: (learner, None or the error text, integrity log lines)."""
    assignment, student, force, retries = task
    for attempt in range(retries + 1):
        outcome = _API.autograde(assignment, student, force=force or attempt > 0, create=True)
        text = outcome.get("log", "") + outcome.get("error", "")
        flags = [line.split("] ", 1)[-1] for line in text.splitlines() if "[integrity]" in line]
        if outcome["success"]:
            return student, None, flags
        if LOCKED not in text or attempt == retries:
            return student, text, flags
        time.sleep(0.5 * 2 ** attempt * (1 + random.random()))  # back off, de-synchronised
    raise AssertionError("unreachable: the last attempt returns")


def _students(course: Path, assignment: str, wanted: list[str]) -> list[str]:
    from grader.cli import UsageError

    found = sorted(p.parent.name for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir())
    if wanted:
        missing = sorted(set(wanted) - set(found))
        if missing:
            raise UsageError(f"no submission of {assignment} for: {', '.join(missing)} "
                             f"(looked in submitted/<id>/{assignment})")
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


def _explain(course: Path, assignment: str, student: str, notebooks: list[str], output: str) -> str:
    """One line for the summary: what is wrong with the file if we can tell, else nbgrader's own last error."""
    from grader.nbgrader.submission import diagnose_submission

    problems = diagnose_submission(course / "submitted" / student / assignment, notebooks)
    if problems:
        return "; ".join(problems)
    if LOCKED in output:
        return "the gradebook stayed locked by other workers after all retries; run again with fewer --jobs"
    errors = [line.strip() for line in output.splitlines() if "Error" in line or "ERROR" in line]
    return errors[-1] if errors else (output.strip().splitlines() or ["nbgrader failed"])[-1]
