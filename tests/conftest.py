"""Shared test set-up.

nbgrader shells out to ``alembic`` and JupyterLab to ``jupyter``: put the
interpreter's own ``bin/`` first on PATH so the tests work from an un-activated
virtualenv (the README's test command never activates one).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
_BIN = str(Path(sys.executable).parent)
if os.environ.get("PATH", "").split(os.pathsep)[0] != _BIN:
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")
