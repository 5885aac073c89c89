"""The set-up the README promises stays true.

CI runs the README's test command through ``.ci/run``; if someone edits one and
not the other, CI would silently test something the README no longer says.
"""
from __future__ import annotations

import re
import tomllib

import yaml

from notebook_files import REPO_ROOT


def _readme_commands() -> list[str]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```(?:bash|sh)\n(python3 -m venv[^\n]*)\n```", readme)


def test_ci_runs_the_readme_test_command() -> None:
    commands = _readme_commands()
    test_commands = [c for c in commands if "pytest" in c]
    assert len(test_commands) == 1, f"README should give exactly one test command, found {test_commands}"
    ci_script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_commands[0] in ci_script.splitlines(), ".ci/run does not run the README's test command verbatim"


def test_readme_gives_an_open_the_course_command() -> None:
    assert any("softskills lab" in c for c in _readme_commands())


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_dependencies_as_pyproject() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    environment = yaml.safe_load((REPO_ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {_name(d) for d in environment["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda == wanted


def test_textstat_is_pinned_to_the_offline_safe_release() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "textstat==0.7.8" in project["dependencies"]
