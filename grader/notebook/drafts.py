"""Live-editor drafts on disk: the text and attempt history, saved as the learner types.

Why on disk and not in the widget: a widget lives in the kernel, and a server
restart, a kernel restart or a closed laptop ended it, taking an hour of
rewriting with it. Every change is written to the workspace (one small JSON file
per notebook and exercise) with an atomic replace, so a crash mid-write leaves
the previous draft, never half a file. Running the cell again restores it.

Where: ``<workspace>/.multiplier/drafts/<notebook path>/<exercise>.json``. The
workspace is ``$MULTIPLIER_WORKSPACE`` (``softskills lab`` sets it for the
server and its kernels); without it nothing is written and the editor says so.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DRAFTS_FOLDER = Path(".multiplier") / "drafts"
KEEP_ATTEMPTS = 200  # the history line shows the last dozen; older attempts only cost disk
KEEP_ATTEMPT_TEXTS = 10  # older attempts keep their score only: the draft is written on every keystroke


@dataclass
class Draft:
    """What one live editor holds: the current text and every graded attempt."""

    text: str
    attempts: list[dict] = field(default_factory=list)  # {"text", "score", "max_score"}
    saved_at: float = 0.0


class DraftError(Exception):
    """A saved draft could not be read; the file is left where it is (renamed aside on the next save)."""


def _safe_part(name: str) -> str:
    """A path component from an id: letters, digits, dot, dash, underscore; anything else becomes '_'."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")
    return cleaned or "_"


def workspace_from_environment() -> Path | None:
    value = os.environ.get("MULTIPLIER_WORKSPACE")
    return Path(value).expanduser() if value else None


def notebook_from_session(workspace: Path | None) -> str:
    """The notebook this kernel serves, relative to the workspace (Jupyter sets ``JPY_SESSION_NAME``)."""
    session = os.environ.get("JPY_SESSION_NAME", "")
    if not session:
        return "unknown-notebook"
    path = Path(session)
    if path.is_absolute() and workspace is not None:
        try:
            path = path.resolve().relative_to(workspace.resolve())
        except ValueError:
            return path.name
    return path.as_posix()


class DraftStore:
    """Drafts of one notebook. ``folder=None`` keeps nothing (no workspace known)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._checked: set[Path] = set()  # files already known to be readable (saved on every keystroke)

    @classmethod
    def for_this_kernel(cls) -> DraftStore:
        workspace = workspace_from_environment()
        if workspace is None:
            return cls(None)
        notebook = notebook_from_session(workspace)
        parts = [_safe_part(part) for part in Path(notebook).with_suffix("").parts]
        return cls(workspace / DRAFTS_FOLDER / Path(*parts))

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def path(self, exercise: str) -> Path:
        if self.folder is None:
            raise RuntimeError("no workspace: drafts are not kept")
        return self.folder / f"{_safe_part(exercise.replace('/', '__'))}.json"

    def load(self, exercise: str) -> Draft | None:
        """The saved draft, ``None`` if there is none. Raises ``DraftError`` for an unreadable file."""
        if self.folder is None:
            return None
        path = self.path(exercise)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            raise DraftError(f"could not read your saved draft {path}: {error}") from error
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise DraftError(f"could not read your saved draft {path}: it has no text")
        attempts = [a for a in data.get("attempts", []) if isinstance(a, dict) and isinstance(a.get("text"), str)]
        return Draft(text=data["text"], attempts=attempts, saved_at=float(data.get("saved_at") or 0.0))

    def save(self, exercise: str, draft: Draft) -> Path | None:
        """Write the draft atomically; an unreadable earlier file is kept aside, never overwritten."""
        if self.folder is None:
            return None
        path = self.path(exercise)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._keep_unreadable(path)
        draft.saved_at = time.time()
        attempts = draft.attempts[-KEEP_ATTEMPTS:]
        cut = len(attempts) - KEEP_ATTEMPT_TEXTS
        attempts = [{**a, "text": ""} if i < cut else a for i, a in enumerate(attempts)]
        payload = {"text": draft.text, "attempts": attempts, "saved_at": draft.saved_at}
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".tmp", delete=False)
        try:
            with handle:
                json.dump(payload, handle, ensure_ascii=False)
            os.replace(handle.name, path)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise
        return path

    def _keep_unreadable(self, path: Path) -> None:
        if path in self._checked:
            return
        if path.exists():
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                path.rename(path.with_name(f"{path.stem}.unreadable-{int(time.time())}.json"))
        self._checked.add(path)
