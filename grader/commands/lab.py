"""``softskills lab``: copy the course into the learner's own workspace and open it in JupyterLab.

Why a workspace: the learner writes into the exercise notebooks, and a later
``git pull`` of the course must not clobber that work. So the course is copied
once into a folder the learner owns; later runs only ADD files that are new in
the course and never overwrite a file that exists in the workspace, whether the
learner edited it or not.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from grader.commands import lab_config

COPIED_FOLDERS = ("course", "exercises")
START_PAGE = "course/00-start-here.ipynb"
SKIPPED_NAMES = {".ipynb_checkpoints", "__pycache__", ".DS_Store"}
SETTINGS_DIR = ".jupyter-settings"  # inside the workspace: JupyterLab user settings for this course
_SHIPPED_SETTINGS = Path(__file__).resolve().parent.parent / "jupyter" / "user-settings"


@dataclass
class SyncReport:
    """What ``prepare_workspace`` did, for the one-paragraph summary shown to the learner."""

    added: list[str] = field(default_factory=list)
    kept_changed: list[str] = field(default_factory=list)  # the course has a different version; learner's kept
    unchanged: int = 0


def default_workspace() -> Path:
    return Path(os.environ.get("MULTIPLIER_WORKSPACE") or Path.home() / "multiplier").expanduser()


def find_course_root() -> Path:
    """The repository (or source tree) holding ``course/`` and ``exercises/``.

    The package is installed editable from the repo, so the course sits next to
    the ``grader`` package. Anything else is a broken install and is said so.
    """
    from grader.cli import UsageError

    candidate = Path(__file__).resolve().parent.parent.parent
    missing = [name for name in COPIED_FOLDERS if not (candidate / name).is_dir()]
    if missing:
        raise UsageError(
            f"cannot find the course files ({', '.join(missing)}/) next to the grader package in {candidate}. "
            "Install the course from its repository with `pip install -e <path-to-repo>`."
        )
    return candidate


def _course_files(root: Path):
    for folder in COPIED_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root)
            if path.is_file() and not SKIPPED_NAMES.intersection(relative.parts):
                yield relative


def prepare_workspace(workspace: Path, course_root: Path, *, instructor: bool = False) -> SyncReport:
    """Copy course files missing from ``workspace``; never overwrite an existing file."""
    report = SyncReport()
    language_info = _kernel_language_info()
    for relative in _course_files(course_root):
        source, target = course_root / relative, workspace / relative
        if target.exists():
            if same_as_course(source, target):
                report.unchanged += 1
            else:
                report.kept_changed.append(relative.as_posix())
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_course_file(source, target, language_info)
        report.added.append(relative.as_posix())
    _install_settings(workspace / SETTINGS_DIR)
    lab_config.write_workspace_config(workspace, instructor=instructor)
    return report


def _kernel_language_info() -> dict:
    """What the course kernel reports as ``language_info`` (it runs this same Python)."""
    from ipykernel.ipkernel import IPythonKernel

    return json.loads(json.dumps(IPythonKernel.language_info))


def _read_notebook(path: Path) -> dict | None:
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return notebook if isinstance(notebook, dict) and isinstance(notebook.get("metadata"), dict) else None


def _copy_course_file(source: Path, target: Path, language_info: dict) -> None:
    """Copy one file; a Python notebook gets this machine's ``language_info``.

    Why: JupyterLab writes the kernel's ``language_info`` (Python version and
    all) into a notebook as soon as its kernel starts, which marked every course
    notebook modified the moment it opened. With the same values already in the
    file, opening it changes nothing.
    """
    notebook = _read_notebook(source) if source.suffix == ".ipynb" else None
    if notebook is None or notebook["metadata"].get("kernelspec", {}).get("language") != "python":
        shutil.copy2(source, target)
        return
    notebook["metadata"]["language_info"] = language_info
    target.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def same_as_course(source: Path, target: Path) -> bool:
    """True when the learner's copy holds what the course file holds (``language_info`` aside)."""
    if source.suffix == ".ipynb":
        course, mine = _read_notebook(source), _read_notebook(target)
        if course is not None and mine is not None:
            course["metadata"].pop("language_info", None)
            mine["metadata"].pop("language_info", None)
            return course == mine
    return filecmp.cmp(source, target, shallow=False)


def _install_settings(settings_dir: Path) -> None:
    """JupyterLab settings for an offline course (no news popup, no update checks).

    Copied only where the learner has no file of that name, so their own
    changes to these settings survive.
    """
    for source in _SHIPPED_SETTINGS.rglob("*.jupyterlab-settings"):
        target = settings_dir / source.relative_to(_SHIPPED_SETTINGS)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def lab_command(workspace: Path, *, port: int | None = None, open_browser: bool = True,
                extra: list[str] | None = None) -> list[str]:
    """The ``jupyter lab`` command line serving ``workspace`` and opening the start page."""
    command = [
        sys.executable, "-m", "jupyter", "lab",
        f"--ServerApp.root_dir={workspace}",
        f"--LabApp.default_url=/lab/tree/{START_PAGE}",
        f"--LabApp.user_settings_dir={workspace / SETTINGS_DIR}",
        "--LabApp.custom_css=True",  # <workspace>/.jupyter-config/custom/custom.css: answer cells read as prose
        "--LabApp.news_url=None",  # traitlets reads the string None as None: no news feed
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--ServerApp.open_browser={open_browser}",
    ]
    if port:
        command.append(f"--ServerApp.port={port}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers often run as root; Jupyter refuses by default
        command.append("--ServerApp.allow_root=True")
    return command + list(extra or [])


def lab_environment(workspace: Path) -> dict[str, str]:
    env = lab_config.environment(workspace, dict(os.environ))
    env["JUPYTERLAB_SETTINGS_DIR"] = str(workspace / SETTINGS_DIR)
    return env


def summary(workspace: Path, report: SyncReport) -> str:
    lines = [f"Your workspace: {workspace}"]
    if report.added:
        lines.append(f"  added {len(report.added)} course file(s) you did not have yet")
    if report.kept_changed:
        lines.append(
            f"  kept your version of {len(report.kept_changed)} file(s) that differ from the course "
            "(your work is never overwritten; delete a file to get the course's fresh copy next time)"
        )
    if not report.added and not report.kept_changed:
        lines.append("  up to date with the course")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workspace", type=Path, default=None,
                        help="your personal copy of the course (default: $MULTIPLIER_WORKSPACE or ~/multiplier)")
    parser.add_argument("--no-browser", action="store_true", help="start the server without opening a browser")
    parser.add_argument("--port", type=int, default=None, help="port for JupyterLab (default: JupyterLab's choice)")
    parser.add_argument("--instructor", action="store_true",
                        help="keep nbgrader's instructor tools (Nbgrader menu, Create Assignment, Validate, "
                             "formgrader), which self-study learners do not need and do not see by default")


def run(args: argparse.Namespace) -> int:
    from grader.cli import UsageError

    workspace = (args.workspace or default_workspace()).expanduser().resolve()
    if workspace.exists() and not workspace.is_dir():
        raise UsageError(f"workspace {workspace} exists and is not a folder")
    try:
        report = prepare_workspace(workspace, find_course_root(), instructor=args.instructor)
    except OSError as error:  # read-only home, full disk: say where, keep whatever was copied
        raise UsageError(f"cannot set up the workspace {workspace}: {error.strerror or error} "
                         f"({error.filename or workspace}); choose another folder with --workspace") from error
    print(summary(workspace, report))
    print(f"Opening {START_PAGE} in JupyterLab. Stop the server with Ctrl+C.", flush=True)
    command = lab_command(workspace, port=args.port, open_browser=not args.no_browser)
    os.chdir(workspace)
    return _become_server(command, lab_environment(workspace))


def _become_server(command: list[str], env: dict[str, str]) -> int:
    """Run JupyterLab in place of this process where the OS allows it.

    On POSIX ``execve`` replaces softskills by the server (it does not return):
    Ctrl+C, ``kill`` and closing the terminal reach JupyterLab directly, and no
    orphaned server is left behind when the wrapper is stopped.
    """
    if os.name == "posix":
        os.execve(command[0], command, env)
    import subprocess

    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0
