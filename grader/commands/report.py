"""``softskills report ASSIGNMENT``: cohort report (HTML + CSV) from the nbgrader gradebook."""
from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", help="assignment name, e.g. 01-pr-review")
    parser.add_argument("--db", metavar="URL",
                        help="gradebook database URL, any nbgrader accepts (default: the one nbgrader_config.py "
                             "in the current folder points to, i.e. sqlite:///gradebook.db)")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: reports/ASSIGNMENT)")


def run(args: argparse.Namespace) -> int:
    from grader.cli import UsageError
    from grader.nbgrader.course import course_settings
    from grader.report.data import load_cohort
    from grader.report.render import summary_lines, write_report

    db_url = args.db or course_settings(Path.cwd())[0]
    if db_url.startswith("sqlite:///") and not Path(db_url[len("sqlite:///"):]).is_file():
        raise UsageError(f"no gradebook at {db_url} (run from the course root, or pass --db URL)")
    try:
        cohort = load_cohort(db_url, args.assignment, Path.cwd())
    except LookupError as error:
        raise UsageError(str(error)) from None
    out_dir = Path(args.out) if args.out else Path("reports") / args.assignment
    paths = write_report(cohort, out_dir)
    print("\n".join(summary_lines(cohort)))
    for kind in ("html", "criteria", "items"):
        print(f"wrote {paths[kind]}")
    return 0
