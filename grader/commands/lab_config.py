"""The Jupyter configuration ``softskills lab`` keeps inside the learner's workspace.

Why the workspace's own config and not the learner's ``~/.jupyter``: the course
needs a few settings that would be wrong for the learner's other projects, and
must not depend on what else is installed.

- ``.jupyter-config/`` (``JUPYTER_CONFIG_DIR`` for the course server):
  ``labconfig/page_config.json`` turns off nbgrader's instructor UI (menu, Create
  Assignment sidebar, Validate button, formgrader, course and assignment lists)
  and ``jupyter_server_config.json`` its server routes; ``--instructor`` leaves
  both on. ``custom/custom.css`` shows a run answer cell as wrapped prose.
- ``.jupyter-data/kernels/python3`` (first on ``JUPYTER_PATH``): the default
  Python kernel of this environment, started with the grader extension loaded,
  so an answer or widget cell works even when it is the first cell run. Same
  name and display name as the stock kernel, so notebooks are not modified.

All of it is rewritten on every run (it is the course's, not the learner's); the
JupyterLab user settings in ``.jupyter-settings/`` are the learner's and are only
added when missing.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

CONFIG_DIR = ".jupyter-config"
DATA_DIR = ".jupyter-data"
_SHIPPED = Path(__file__).resolve().parent.parent / "jupyter"
NBGRADER_LAB_EXTENSION = "@jupyter/nbgrader"
NBGRADER_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.validate_assignment",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
)
KERNEL_DISPLAY_NAME = "Python 3 (ipykernel)"  # what ipykernel's own spec says; notebooks store it


def kernel_spec(python: str = sys.executable) -> dict:
    """The course kernel: this environment's Python with the grader extension loaded at start.

    The extension is loaded under ``grader.notebook.magic`` so that the notebooks'
    own ``%load_ext grader`` line still loads (silently) instead of answering
    "already loaded".
    """
    return {
        "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--ext=grader.notebook.magic"],
        "display_name": KERNEL_DISPLAY_NAME,
        "language": "python",
        "metadata": {"debugger": True},
    }


def page_config(instructor: bool) -> dict:
    return {} if instructor else {"disabledExtensions": {NBGRADER_LAB_EXTENSION: True}}


def server_config(instructor: bool) -> dict:
    if instructor:
        return {}
    return {"ServerApp": {"jpserver_extensions": {name: False for name in NBGRADER_SERVER_EXTENSIONS}}}


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def write_workspace_config(workspace: Path, *, instructor: bool = False) -> None:
    """(Re)write the course's Jupyter config and kernel into ``workspace``."""
    config = workspace / CONFIG_DIR
    _write_json(config / "labconfig" / "page_config.json", page_config(instructor))
    _write_json(config / "jupyter_server_config.json", server_config(instructor))
    (config / "custom").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_SHIPPED / "custom.css", config / "custom" / "custom.css")
    _write_json(workspace / DATA_DIR / "kernels" / "python3" / "kernel.json", kernel_spec())


def environment(workspace: Path, base: dict[str, str]) -> dict[str, str]:
    """Environment of the course server (and, inherited, of its kernels)."""
    env = dict(base)
    env["JUPYTER_CONFIG_DIR"] = str(workspace / CONFIG_DIR)
    data = str(workspace / DATA_DIR)
    env["JUPYTER_PATH"] = data + (f"{os.pathsep}{base['JUPYTER_PATH']}" if base.get("JUPYTER_PATH") else "")
    env["MULTIPLIER_WORKSPACE"] = str(workspace)  # where the live editors keep drafts
    return env

