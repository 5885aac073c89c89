"""The repository's pre-commit hooks in a real git repository, through the real ``pre-commit``.

Offline by construction: the hooks in ``.pre-commit-hooks.yaml`` are ``language: python``,
which makes pre-commit ``pip install`` this repository (and its Jupyter dependencies)
from the network. The test therefore copies every hook definition as it is published
(entry, args, stages, files, types) into a ``repo: local`` configuration with
``language: unsupported`` (pre-commit's name for ``system``), pointing ``softskills``
at this interpreter's package. What is tested is what users run: pre-commit's own
hook installation, file selection, argument passing and exit-code handling.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WEAK_MESSAGE = "fixed stuff"
GOOD_MESSAGE = (
    "Retry ledger calls on HTTP 503 with exponential backoff\n\n"
    "The ledger service returns 503 for about 40 seconds during each deploy, so\n"
    "checkout failed for every customer who paid in that window (212 failed\n"
    "orders last Tuesday). `LedgerClient.post()` now retries up to 4 times with\n"
    "backoff starting at 200 ms, and gives up after 5 seconds in total.\n"
)
WEAK_README = "# tidyq\n\n## Why tidyq\n\ntidyq is a fast, modern tool for your data. It makes life easier.\n"
GOOD_README = (
    "# tidyq\n\n## Why tidyq\n\n"
    "Our nightly exports to the warehouse failed about twice a week because a single malformed row stopped "
    "`COPY` for the whole 2 GB file, and the on-call engineer had to find that row by hand. tidyq quarantines "
    "bad rows into `rejects.csv` and loads the rest.\n\n"
    "It only supports PostgreSQL and CSV input; if you load Parquet, the vendor's loader is a better fit, and "
    "quarantining costs about 15% more load time than a plain `COPY`.\n\n## Usage\n\nRun `tidyq load data.csv`.\n"
)


def local_config() -> str:
    """A ``repo: local`` pre-commit config holding every published hook, run with this interpreter."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        command, rest = hook["entry"].split(" ", 1)
        assert command == "softskills"
        hook["entry"] = f"{sys.executable} -m grader {rest}"
        hook["language"] = "unsupported"
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False)


@pytest.fixture()
def repository(tmp_path: Path) -> tuple[Path, dict]:
    pytest.importorskip("pre_commit")
    work = tmp_path / "project"
    work.mkdir()
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"), HOME=str(tmp_path),
               GIT_CONFIG_NOSYSTEM="1", PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               GIT_AUTHOR_NAME="Ana", GIT_AUTHOR_EMAIL="ana@example.com",
               GIT_COMMITTER_NAME="Ana", GIT_COMMITTER_EMAIL="ana@example.com")
    git(work, env, "init", "-q", "-b", "main")
    (work / ".pre-commit-config.yaml").write_text(local_config(), encoding="utf-8")
    pre_commit(work, env, "install", "--hook-type", "commit-msg", "--hook-type", "pre-commit")
    return work, env


def git(work: Path, env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(["git", *args], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def pre_commit(work: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_published_manifest_is_valid(repository) -> None:
    work, env = repository
    checked = pre_commit(work, env, "validate-manifest", str(REPO / ".pre-commit-hooks.yaml"))
    assert checked.returncode == 0


def test_commit_msg_hook_rejects_a_weak_message_and_accepts_a_good_one(repository) -> None:
    work, env = repository
    (work / "ledger.py").write_text("RETRIES = 4\n", encoding="utf-8")
    git(work, env, "add", "ledger.py", ".pre-commit-config.yaml")

    rejected = git(work, env, "commit", "-q", "-m", WEAK_MESSAGE, check=False)
    output = rejected.stdout + rejected.stderr
    assert rejected.returncode != 0, output
    assert "softskills-commit-msg" in output or "commit message says what changed" in output
    for criterion in ("summary-line", "describes-what", "explains-why"):
        assert f"\u2717 {criterion}" in output
    assert "under --fail-under 2" in output
    assert git(work, env, "rev-parse", "--verify", "HEAD", check=False).returncode != 0  # nothing was committed

    (work / "message.txt").write_text(GOOD_MESSAGE, encoding="utf-8")
    accepted = git(work, env, "commit", "-q", "-F", str(work / "message.txt"), check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    logged = git(work, env, "log", "-1", "--format=%s").stdout.strip()
    assert logged == GOOD_MESSAGE.splitlines()[0]


def test_docs_hook_grades_the_readme_why_section(repository) -> None:
    work, env = repository
    (work / "README.md").write_text(WEAK_README, encoding="utf-8")
    (work / "NOTES.md").write_text(WEAK_README, encoding="utf-8")  # not a README: not checked
    git(work, env, "add", "README.md", "NOTES.md", ".pre-commit-config.yaml")
    weak = subprocess.run([sys.executable, "-m", "pre_commit", "run", "softskills-readme-why"], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300)
    assert weak.returncode == 1, weak.stdout + weak.stderr
    assert "\u2717 explains-why" in weak.stdout and "\u2717 trade-offs" in weak.stdout
    assert "NOTES.md" not in weak.stdout and "README.md scores 0 / 2" in weak.stdout

    (work / "README.md").write_text(GOOD_README, encoding="utf-8")
    git(work, env, "add", "README.md")
    good = pre_commit(work, env, "run", "softskills-readme-why")
    assert "Passed" in good.stdout
