"""``softskills progress``: grade your own exercise notebooks (read-only) and show where you stand."""
from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workspace", type=Path, default=None,
                        help="your course workspace (default: $MULTIPLIER_WORKSPACE or ~/multiplier)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def run(args: argparse.Namespace) -> int:
    import json

    from grader.cli import UsageError
    from grader.commands.lab import default_workspace
    from grader.progress import collect_progress, render_text

    workspace = (args.workspace or default_workspace()).expanduser().resolve()
    if not (workspace / "exercises").is_dir():
        raise UsageError(f"no exercises/ folder in {workspace}: run `softskills lab` once to create your workspace, "
                         "or pass --workspace")
    report = collect_progress(workspace)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(render_text(report))
    return 0
