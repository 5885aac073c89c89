"""Autograde throughput: ``--jobs`` in one process against ``--shard i/N`` processes, into one gradebook.

Builds a course from one assignment (default ``solutions/01-pr-review``) with N
learners, then grades the whole cohort once per layout and prints learners per
minute and the speed-up over ``--jobs 1``:

* ``jobs J``: one ``softskills autograde --jobs J`` process;
* ``shards S``: S ``softskills autograde --shard i/S --jobs 1`` processes started
  together, as S machines of a Kubernetes indexed Job would run (here they share
  this machine's cores, so S above the core count measures contention, not scale).

With ``--postgres URL`` (or ``MULTIPLIER_TEST_POSTGRES_URL``) every layout grades
into a fresh database on that server, as several machines must; without it into
SQLite, where shards contend for one file lock. Figures depend on the machine and
its load; quote them with the core count.

    python benchmarks/bench_shards.py [--submissions 24] [--layouts jobs1,jobs2,shards2,shards4]
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402


def softskills(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "softskills"), *args]


def fresh_database(server: str) -> str:
    """A new database on the PostgreSQL server at ``server`` (a libpq URL): its SQLAlchemy URL."""
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return "postgresql+psycopg://" + server.split("://", 1)[1].rsplit("/", 1)[0] + "/" + name


def split(layout: str) -> tuple[str, int]:
    """("jobs", 2) for "jobs2"."""
    kind = layout.rstrip("0123456789")
    return kind, int(layout[len(kind):] or 1)


def children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process and its waited-for descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def grade(course: Path, layout: str, assignment: str) -> tuple[float, float]:
    """Wall time and CPU time of grading the whole cohort with one layout ("jobs2", "shards4", ...)."""
    kind, number = split(layout)
    if kind == "jobs":
        commands = [softskills("autograde", assignment, "--jobs", str(number))]
    elif kind == "shards":
        commands = [softskills("autograde", assignment, "--shard", f"{i}/{number}", "--jobs", "1")
                    for i in range(number)]
    else:
        raise SystemExit(f"unknown layout {layout!r}: use jobsN or shardsN")
    start, cpu = time.perf_counter(), children_cpu()
    running = [subprocess.Popen(command, cwd=course, env=C.nbgrader_env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for command in commands]
    outputs = [process.communicate(timeout=7200) for process in running]
    elapsed, cpu = time.perf_counter() - start, children_cpu() - cpu
    for process, (out, err) in zip(running, outputs):
        if process.returncode != 0:
            raise SystemExit(f"{layout} failed:\n{out[-2000:]}\n{err[-3000:]}")
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=24)
    parser.add_argument("--assignment", default="01-pr-review")
    parser.add_argument("--layouts", default="jobs1,jobs2,shards2,shards4")
    parser.add_argument("--postgres", default=os.environ.get("MULTIPLIER_TEST_POSTGRES_URL"),
                        help="libpq URL of a PostgreSQL server (default: $MULTIPLIER_TEST_POSTGRES_URL; else SQLite)")
    args = parser.parse_args()
    layouts = args.layouts.split(",")

    with tempfile.TemporaryDirectory(prefix="bench-shards-") as tmp:
        submitted = Path(tmp) / "submitted"
        seconds: dict[str, tuple[float, float]] = {}
        for layout in layouts:
            if args.postgres:
                os.environ["MULTIPLIER_DB_URL"] = fresh_database(args.postgres)
            course = C.make_course(Path(tmp) / layout, args.assignment, REPO / "solutions" / args.assignment)
            a = C.Assignment.from_course(course, args.assignment)
            if not submitted.exists():
                builders = [C.excellent, C.weak, C.weak, C.blank]
                for i in range(args.submissions):
                    C.write(Path(tmp), f"learner-{i:03d}", a, builders[i % len(builders)](a))
            shutil.copytree(submitted, course / "submitted")
            seconds[layout] = grade(course, layout, args.assignment)
            print(f"  {layout:8s} {seconds[layout][0]:7.1f} s", flush=True)

    n = args.submissions
    base = seconds["jobs1"][0] if "jobs1" in seconds else None
    print(f"{args.assignment}, {n} learners, {os.cpu_count()} CPUs (load average now "
          f"{os.getloadavg()[0]:.1f}), gradebook: {'PostgreSQL' if args.postgres else 'SQLite'}")
    print("layout     wall s  learners/min  per process/job  CPU s/learner  cores used  speed-up")
    for layout, (elapsed, cpu) in seconds.items():
        ratio = f"{base / elapsed:7.2f}x" if base else ""
        print(f"{layout:8s} {elapsed:7.1f}  {60 * n / elapsed:12.1f}  {60 * n / elapsed / split(layout)[1]:15.1f}  "
              f"{cpu / n:13.2f}  {cpu / elapsed:10.2f}  {ratio}")
    print("cores used = CPU time of all grading processes / wall time: when --jobs 2 uses no more cores than the "
          "machine has free, the speed-up is bounded by the machine, not by the grader.")


if __name__ == "__main__":
    main()
