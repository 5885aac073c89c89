"""``softskills rubrics``: list the rubric ids and titles (validating every rubric file)."""
from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def run(args: argparse.Namespace) -> int:
    import json

    from grader.cli import UsageError
    from grader.rubric import RubricError, list_rubrics

    try:
        rubrics = list_rubrics()
    except RubricError as error:
        raise UsageError(str(error)) from None
    if args.format == "json":
        print(json.dumps([{"id": rubric_id, "title": title} for rubric_id, title in rubrics], indent=2))
    else:
        width = max((len(rubric_id) for rubric_id, _ in rubrics), default=0)
        for rubric_id, title in rubrics:
            print(f"{rubric_id.ljust(width)}  {title}")
    return 0
