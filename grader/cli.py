"""``softskills``: the command-line front door.

Each sub-command lives in its own module under ``grader.commands`` with two
functions, ``add_arguments(parser)`` and ``run(args) -> int``. Modules are
imported only when their command runs, so ``softskills check`` stays fast and
does not pay for JupyterLab or nbgrader imports it never uses.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

# name -> (module, one-line help). Order is the order shown in --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("grader.commands.check", "grade a written answer against a rubric"),
    "rubrics": ("grader.commands.rubrics", "list the rubrics and their titles"),
    "lab": ("grader.commands.lab", "open the course in JupyterLab (your work is never overwritten)"),
    "progress": ("grader.commands.progress", "grade your own exercise notebooks and show your progress"),
    "autograde": ("grader.commands.autograde", "autograde an assignment in parallel into the nbgrader gradebook"),
    "report": ("grader.commands.report", "write a cohort report (HTML + CSV) from the gradebook"),
}


class UsageError(Exception):
    """A problem with what the user asked for: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="softskills",
        description="Multiplier: explainable grading of soft technical skills.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        command_parser.set_defaults(_module=module_name)
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue  # a command whose module is not written yet is simply absent
        module.add_arguments(command_parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    module = importlib.import_module(args._module)
    try:
        return int(module.run(args) or 0)
    except UsageError as error:
        print(f"softskills {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("softskills: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `softskills progress | head` closed our stdout early: not an error worth a traceback.
        # Point stdout at devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
