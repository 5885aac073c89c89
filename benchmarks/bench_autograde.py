"""Autograde benchmark: the course's autograde against plain ``nbgrader autograde``, and ``--jobs``.

Builds a temporary course from one assignment (default ``solutions/01-pr-review``),
fills submitted/ with N learners (a mix of model, weak and untouched answers),
copies the course three times and measures, in the same run:

1. serial ``nbgrader autograde`` with the course's config ("on": snapshot, choice
   tests graded from the file, the notebook executed only if a behaviour test
   needs it, sandboxed);
2. plain ``nbgrader autograde``: nbgrader's default pipeline ("off": every
   notebook executed in a kernel, SaveAutoGrades, no Multiplier steps);
3. ``softskills autograde --jobs J``.

and prints seconds per submission, the per-submission speed-up of (1) over (2)
(an assignment without behaviour tests starts no kernel, so this is large; with
``--assignment 04-async-clarity`` it shows the sandboxed kernel's cost) and the
speed-up of (3) over (1). Each measurement is repeated ``--rounds`` times in a
rotating order and the median is printed. Numbers depend on the machine and on
its load; run it on an otherwise idle machine for figures worth quoting.

    python benchmarks/bench_autograde.py [--submissions 50] [--jobs 2] [--assignment 01-pr-review]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402

RUBRIC_GRADING_OFF = '''
# --- benchmark: nbgrader's default autograde pipeline (no Multiplier steps) ---
from nbgrader.preprocessors import Execute, SaveAutoGrades
c.Autograde.sanitize_preprocessors = [ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells,
                                      CheckCellMetadata]
c.Autograde.autograde_preprocessors = [Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                       SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
'''


def timed(course: Path, *command: str) -> float:
    """Wall time of one full autograde of the course (its autograded/ folder is cleared first, untimed)."""
    shutil.rmtree(course / "autograded", ignore_errors=True)
    start = time.perf_counter()
    completed = C.run(course, *command, check=False, timeout=3600)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stdout[-2000:]}\n{completed.stderr[-4000:]}")
    return elapsed


def engine_seconds(a: C.Assignment, submissions: list[dict]) -> float:
    """Mean seconds of grader.check per answer cell, in this process (the pure engine cost)."""
    import grader

    grader.check("warm-up", next(iter(a.answers.values())))
    durations = []
    for nb in submissions:
        for grade_id, text in C.graded_texts(a, nb).items():
            start = time.perf_counter()
            grader.check(text, a.answers[grade_id])
            durations.append(time.perf_counter() - start)
    return statistics.fmean(durations)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--assignment", default="01-pr-review")
    parser.add_argument("--rounds", type=int, default=2, help="repeat each measurement; the median is printed")
    args = parser.parse_args()

    source = REPO / "solutions" / args.assignment
    with tempfile.TemporaryDirectory(prefix="bench-autograde-") as tmp:
        base = C.make_course(Path(tmp) / "on", args.assignment, source)
        a = C.Assignment.from_course(base, args.assignment)
        builders = [C.excellent, C.weak, C.weak, C.blank]
        submissions = [builders[i % len(builders)](a) for i in range(args.submissions)]
        for i, nb in enumerate(submissions):
            C.write(base, f"learner-{i:03d}", a, nb)
        off = Path(tmp) / "off"
        parallel = Path(tmp) / "parallel"
        shutil.copytree(base, off)
        shutil.copytree(base, parallel)
        with (off / "nbgrader_config.py").open("a", encoding="utf-8") as config:
            config.write(RUBRIC_GRADING_OFF)

        n = args.submissions
        print(f"assignment {args.assignment}: {n} submissions, {len(a.answers)} written answers and "
              f"{len(a.test_cells)} test cells each; {args.rounds} round(s), order rotated each round")
        runs = {
            "on": (base, ("nbgrader", "autograde", args.assignment)),
            "off": (off, ("nbgrader", "autograde", args.assignment)),
            "parallel": (parallel, ("softskills", "autograde", args.assignment, "--jobs", str(args.jobs))),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        order = list(runs)
        for round_number in range(args.rounds):
            for name in order[round_number % 3:] + order[:round_number % 3]:
                course, command = runs[name]
                times[name].append(timed(course, *command))
                print(f"  round {round_number + 1}: {name:8s} {times[name][-1]:7.1f} s", flush=True)
        t_on, t_off, t_par = (statistics.median(times[name]) for name in ("on", "off", "parallel"))
        per_answer = engine_seconds(a, submissions)

    print("medians:")
    print(f"nbgrader autograde, course config     : {t_on:7.1f} s  = {t_on / n:5.2f} s per submission")
    print(f"plain nbgrader autograde (kernel each): {t_off:7.1f} s  = {t_off / n:5.2f} s per submission")
    print(f"per-submission speed-up of the course config over plain nbgrader: {t_off / t_on:.1f}x "
          f"(ratio on/off {t_on / t_off:.3f})")
    print(f"softskills autograde --jobs {args.jobs}      : {t_par:7.1f} s  = {t_par / n:5.2f} s per submission")
    print(f"speed-up of --jobs {args.jobs} over serial nbgrader autograde: {t_on / t_par:.2f}x")
    print(f"engine alone: {1000 * per_answer:.1f} ms per written answer (grader.check, in-process)")


if __name__ == "__main__":
    main()
