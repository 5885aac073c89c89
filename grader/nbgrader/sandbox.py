"""Run a learner's notebook in an OS sandbox (bubblewrap) and hand back only its outputs.

Inside the sandbox the learner's kernel sees a read-only system, a private /tmp
holding a copy of the notebook to run, no network, its own process tree, and
*empty* folders where the course is (gradebook, ``submitted/``, ``autograded/``,
``solutions/``, release, feedback), where the instructor's home is and where
the exchange is; only the Python installation and the ``grader`` package are
mounted back, read-only. When the grader runs as root, the notebook runs as an
unprivileged user id (one per grading process) so that process and file-size
limits apply (a fork bomb stops at ``MAX_PROCESSES``); every cell has nbgrader's
``Execute.timeout`` and the whole run a deadline, after which the sandbox is
killed with everything in it.

Without bubblewrap (macOS, or a container without it) the notebook runs in a
plain subprocess: ``autograde`` says so once; written and choice answers are
still graded from the snapshot, so only behaviour tests depend on it.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

MAX_PROCESSES = 64
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_MEMORY_BYTES = 4 * 1024 ** 3
_SANDBOX_UID = 61000 + os.getpid() % 4000  # one id per grading process: parallel workers get separate limits
_NO_SANDBOX_WARNED = False


def bwrap() -> str | None:
    """Path of the bubblewrap binary, if installed (``MULTIPLIER_SANDBOX=off`` disables it, for debugging)."""
    if os.environ.get("MULTIPLIER_SANDBOX") == "off":
        return None
    return shutil.which("bwrap")


def no_sandbox_message() -> str:
    return ("bubblewrap (bwrap) is not installed: learner code in behaviour tests runs WITHOUT a sandbox and can "
            "read and write anything this user can. Written and choice answers are still graded from the "
            "submitted file. Install it (Debian/Ubuntu: apt-get install bubblewrap) or grade in the container "
            "described in docs/instructor-guide.md.")


def warn_once(log) -> None:  # noqa: ANN001 - a logging.Logger
    global _NO_SANDBOX_WARNED
    if not _NO_SANDBOX_WARNED:
        log.warning("[sandbox] %s", no_sandbox_message())
        _NO_SANDBOX_WARNED = True


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def sandbox_command(work: Path, hidden: list[Path], inner: list[str]) -> list[str]:
    """The bwrap command line: hide ``hidden``, mount Python and ``grader`` back read-only, run ``inner``."""
    import grader

    hidden = sorted({p.resolve() for p in hidden if p.exists()}, key=lambda p: len(p.parts))
    command = [bwrap(), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
               "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--new-session",
               "--die-with-parent", "--perms", "1777", "--tmpfs", "/tmp"]
    for folder in hidden:
        if not _under(folder, Path("/tmp")):
            command += ["--perms", "0755", "--tmpfs", str(folder)]
    package = Path(grader.__file__).resolve().parent
    created: set[Path] = set()
    for needed in sorted({Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), package}):
        covering = [f for f in [*hidden, Path("/tmp")] if _under(needed, f)]
        if not covering:
            continue
        # bwrap makes missing mount points mode 0700: create them readable for the unprivileged user
        for parent in reversed(needed.parents):
            if any(_under(parent, f) and parent != f for f in covering) and parent not in created:
                command += ["--perms", "0755", "--dir", str(parent)]
                created.add(parent)
        command += ["--ro-bind", str(needed), str(needed)]
    command += ["--bind", str(work), "/tmp/work", "--chdir", "/tmp/work",
                "--setenv", "HOME", "/tmp/work/home", "--setenv", "TMPDIR", "/tmp",
                "--unsetenv", "MULTIPLIER_EXCHANGE", "--"]
    if os.geteuid() == 0 and shutil.which("setpriv"):  # the same test as run_notebook's own_user
        command += ["setpriv", f"--reuid={_SANDBOX_UID}", f"--regid={_SANDBOX_UID}", "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all"]
    return command + inner


def run_notebook(nb: dict, hidden: list[Path], cell_timeout: int, log) -> tuple[dict | None, str | None]:  # noqa: ANN001
    """Execute ``nb`` (a JSON dict) sandboxed; (executed notebook, None) or (None, why it failed)."""
    sandboxed = bwrap() is not None
    if not sandboxed:
        warn_once(log)
    own_user = sandboxed and os.geteuid() == 0 and shutil.which("setpriv") is not None
    work = Path(tempfile.mkdtemp(prefix="multiplier-run-"))
    try:
        (work / "home").mkdir()
        (work / "in.ipynb").write_text(json.dumps(nb), encoding="utf-8")
        if own_user:
            for path in (work, work / "home", work / "in.ipynb"):
                os.chown(path, _SANDBOX_UID, _SANDBOX_UID)
        code_cells = sum(1 for c in nb.get("cells", []) if c.get("cell_type") == "code")
        inner = [sys.executable, "-m", "grader.nbgrader.sandbox_run", "in.ipynb", "out.ipynb", str(cell_timeout),
                 "1" if own_user else "0"]
        if sandboxed:
            command, cwd = sandbox_command(work, hidden, inner), None
        else:
            command, cwd = inner, work
        deadline = 60 + cell_timeout * max(1, code_cells)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        if not sandboxed:
            env["HOME"] = str(work / "home")
        process = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _, stderr = process.communicate(timeout=deadline)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return None, f"the notebook did not finish within {deadline} s"
        out = work / "out.ipynb"
        if not out.is_file() or out.stat().st_size > MAX_FILE_BYTES:
            tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            return None, "the notebook could not be run (" + (" / ".join(tail) or f"exit {process.returncode}") + ")"
        try:
            return json.loads(out.read_text(encoding="utf-8")), None
        except (ValueError, UnicodeDecodeError):
            return None, "the executed notebook came back unreadable"
    finally:
        shutil.rmtree(work, ignore_errors=True)
