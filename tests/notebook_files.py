"""Where the course's notebooks live, for the tests that walk them."""
from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_FOLDERS = ("course", "solutions", "exercises")


def committed_notebooks(*folders: str) -> list[Path]:
    """Every ``.ipynb`` under the given top-level folders (checkpoints excluded)."""
    found: list[Path] = []
    for folder in folders or NOTEBOOK_FOLDERS:
        found.extend(
            path for path in sorted((REPO_ROOT / folder).rglob("*.ipynb"))
            if ".ipynb_checkpoints" not in path.parts
        )
    return found


def relative(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT))
