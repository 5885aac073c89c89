"""``softskills lab`` workspace: first copy, later runs add new files, never overwrite."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from grader.commands import lab


def make_course(root: Path) -> Path:
    (root / "course").mkdir(parents=True)
    (root / "exercises/01-pr-review").mkdir(parents=True)
    (root / "course/00-start-here.ipynb").write_text('{"cells": []}')
    (root / "course/01-pr-review.ipynb").write_text('{"cells": ["lesson v1"]}')
    (root / "exercises/01-pr-review/pr-review.ipynb").write_text('{"cells": ["placeholder"]}')
    (root / "course/.ipynb_checkpoints").mkdir()
    (root / "course/.ipynb_checkpoints/junk.ipynb").write_text("{}")
    return root


def test_first_run_copies_course_and_exercises(tmp_path):
    course = make_course(tmp_path / "repo")
    workspace = tmp_path / "ws"
    report = lab.prepare_workspace(workspace, course)
    assert sorted(report.added) == [
        "course/00-start-here.ipynb", "course/01-pr-review.ipynb", "exercises/01-pr-review/pr-review.ipynb",
    ]
    assert (workspace / "course/01-pr-review.ipynb").read_text() == '{"cells": ["lesson v1"]}'
    assert not (workspace / "course/.ipynb_checkpoints").exists()


def test_second_run_keeps_learner_work_and_adds_new_course_files(tmp_path):
    course = make_course(tmp_path / "repo")
    workspace = tmp_path / "ws"
    lab.prepare_workspace(workspace, course)
    answer = workspace / "exercises/01-pr-review/pr-review.ipynb"
    answer.write_text('{"cells": ["my answer, three hours of work"]}')
    # the course is updated: an exercise changes upstream and a new lesson appears
    (course / "exercises/01-pr-review/pr-review.ipynb").write_text('{"cells": ["placeholder v2"]}')
    (course / "course/02-stakeholder-buy-in.ipynb").write_text('{"cells": ["new lesson"]}')
    report = lab.prepare_workspace(workspace, course)
    assert answer.read_text() == '{"cells": ["my answer, three hours of work"]}'
    assert report.added == ["course/02-stakeholder-buy-in.ipynb"]
    assert report.kept_changed == ["exercises/01-pr-review/pr-review.ipynb"]
    assert report.unchanged == 2
    assert (workspace / "course/02-stakeholder-buy-in.ipynb").read_text() == '{"cells": ["new lesson"]}'
    assert "kept your version of 1 file" in lab.summary(workspace, report)


def test_deleted_file_comes_back_fresh(tmp_path):
    course = make_course(tmp_path / "repo")
    workspace = tmp_path / "ws"
    lab.prepare_workspace(workspace, course)
    (workspace / "course/01-pr-review.ipynb").unlink()
    assert lab.prepare_workspace(workspace, course).added == ["course/01-pr-review.ipynb"]


def test_settings_switch_off_news_and_survive_learner_edits(tmp_path):
    course = make_course(tmp_path / "repo")
    workspace = tmp_path / "ws"
    lab.prepare_workspace(workspace, course)
    settings = workspace / lab.SETTINGS_DIR / "@jupyterlab/apputils-extension/notification.jupyterlab-settings"
    text = settings.read_text()
    body = json.loads("\n".join(line for line in text.splitlines() if not line.strip().startswith("//")))
    assert body == {"fetchNews": "false", "checkForUpdates": False}
    settings.write_text('{"fetchNews": "true"}')
    lab.prepare_workspace(workspace, course)
    assert settings.read_text() == '{"fetchNews": "true"}'


def test_lab_command_serves_workspace_and_opens_start_page(tmp_path):
    command = lab.lab_command(tmp_path, port=8899, open_browser=False)
    assert f"--ServerApp.root_dir={tmp_path}" in command
    assert "--LabApp.default_url=/lab/tree/course/00-start-here.ipynb" in command
    assert "--ServerApp.port=8899" in command and "--ServerApp.open_browser=False" in command
    assert f"--LabApp.user_settings_dir={tmp_path / lab.SETTINGS_DIR}" in command
    assert lab.lab_environment(tmp_path)["JUPYTERLAB_SETTINGS_DIR"] == str(tmp_path / lab.SETTINGS_DIR)


def test_default_workspace_honours_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MULTIPLIER_WORKSPACE", str(tmp_path / "mine"))
    assert lab.default_workspace() == tmp_path / "mine"
    monkeypatch.delenv("MULTIPLIER_WORKSPACE")
    assert lab.default_workspace() == Path.home() / "multiplier"


def test_course_root_is_the_repo():
    root = lab.find_course_root()
    assert (root / "course").is_dir() and (root / "grader").is_dir()


def test_missing_course_files_is_a_clear_error(monkeypatch, tmp_path):
    from grader.cli import UsageError

    fake_file = tmp_path / "site-packages/grader/commands/lab.py"
    monkeypatch.setattr(lab, "__file__", str(fake_file))
    with pytest.raises(UsageError, match="cannot find the course files"):
        lab.find_course_root()


def test_run_refuses_a_file_as_workspace(tmp_path):
    import argparse

    from grader.cli import UsageError

    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    with pytest.raises(UsageError, match="is not a folder"):
        lab.run(argparse.Namespace(workspace=not_a_dir, no_browser=True, port=None, instructor=False))


def test_run_prepares_workspace_then_starts_jupyterlab_in_it(monkeypatch, tmp_path, capsys):
    import argparse

    course = make_course(tmp_path / "repo")
    monkeypatch.setattr(lab, "find_course_root", lambda: course)
    calls = []
    monkeypatch.setattr(lab, "_become_server", lambda command, env: calls.append((command, env)) or 0)
    monkeypatch.setattr(lab.os, "chdir", lambda path: calls.append(("chdir", path)))
    workspace = tmp_path / "ws"
    assert lab.run(argparse.Namespace(workspace=workspace, no_browser=True, port=9999, instructor=False)) == 0
    assert (workspace / "course/00-start-here.ipynb").exists()
    assert calls[0] == ("chdir", workspace.resolve())
    command, env = calls[1]
    assert command == lab.lab_command(workspace.resolve(), port=9999, open_browser=False)
    assert env["JUPYTERLAB_SETTINGS_DIR"] == str(workspace.resolve() / lab.SETTINGS_DIR)
    assert "added 3 course file(s)" in capsys.readouterr().out


@pytest.mark.skipif(os.name != "posix", reason="execve is POSIX")
def test_server_replaces_the_softskills_process(monkeypatch):
    class Replaced(Exception):
        pass

    def fake_execve(path, argv, env):
        raise Replaced((path, argv, env))  # the real execve never returns either

    monkeypatch.setattr(lab.os, "execve", fake_execve)
    with pytest.raises(Replaced) as replaced:
        lab._become_server(["/bin/true", "x"], {"A": "1"})
    assert replaced.value.args[0] == ("/bin/true", ["/bin/true", "x"], {"A": "1"})


def test_copy_failure_is_a_clear_error(monkeypatch, tmp_path):
    import argparse

    from grader.cli import UsageError

    course = make_course(tmp_path / "repo")
    monkeypatch.setattr(lab, "find_course_root", lambda: course)

    def disk_full(source, target):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(lab.shutil, "copy2", disk_full)
    with pytest.raises(UsageError, match="No space left on device"):
        lab.run(argparse.Namespace(workspace=tmp_path / "ws", no_browser=True, port=None, instructor=False))


LESSON = {"cells": [{"cell_type": "markdown", "id": "a1", "metadata": {}, "source": "# Lesson"}],
          "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                       "language_info": {"name": "python"}},
          "nbformat": 4, "nbformat_minor": 5}


def test_notebooks_get_this_kernels_language_info_and_still_count_as_unchanged(tmp_path):
    """JupyterLab writes the kernel's language_info on open; with it already there the file stays clean."""
    from ipykernel.ipkernel import IPythonKernel

    course = make_course(tmp_path / "repo")
    (course / "course/01-pr-review.ipynb").write_text(json.dumps(LESSON))
    workspace = tmp_path / "ws"
    lab.prepare_workspace(workspace, course)
    copied = json.loads((workspace / "course/01-pr-review.ipynb").read_text())
    assert copied["metadata"]["language_info"] == IPythonKernel.language_info
    assert copied["cells"] == LESSON["cells"]
    report = lab.prepare_workspace(workspace, course)
    assert report.kept_changed == [] and report.unchanged == 3
    copied["cells"][0]["source"] = "# Lesson, with my notes"
    (workspace / "course/01-pr-review.ipynb").write_text(json.dumps(copied))
    assert lab.prepare_workspace(workspace, course).kept_changed == ["course/01-pr-review.ipynb"]


def test_learners_do_not_get_nbgrader_instructor_tools_unless_asked(tmp_path):
    course = make_course(tmp_path / "repo")
    workspace = tmp_path / "ws"
    lab.prepare_workspace(workspace, course)
    config = workspace / ".jupyter-config"
    page = json.loads((config / "labconfig/page_config.json").read_text())
    assert page["disabledExtensions"] == {"@jupyter/nbgrader": True}
    server = json.loads((config / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    lab.prepare_workspace(workspace, course, instructor=True)
    assert json.loads((config / "labconfig/page_config.json").read_text()) == {}
    assert json.loads((config / "jupyter_server_config.json").read_text()) == {}


def test_course_kernel_loads_the_grader_extension_under_the_stock_kernel_name(tmp_path):
    lab.prepare_workspace(tmp_path / "ws", make_course(tmp_path / "repo"))
    spec = json.loads((tmp_path / "ws/.jupyter-data/kernels/python3/kernel.json").read_text())
    assert spec["display_name"] == "Python 3 (ipykernel)" and spec["language"] == "python"
    assert "--ext=grader.notebook.magic" in spec["argv"]
    env = lab.lab_environment(tmp_path / "ws")
    assert env["JUPYTER_PATH"].split(os.pathsep)[0] == str(tmp_path / "ws/.jupyter-data")
    assert env["JUPYTER_CONFIG_DIR"] == str(tmp_path / "ws/.jupyter-config")
    assert env["MULTIPLIER_WORKSPACE"] == str(tmp_path / "ws")
    assert (tmp_path / "ws/.jupyter-config/custom/custom.css").read_text().count("multiplier-prose") >= 2
    assert "--LabApp.custom_css=True" in lab.lab_command(tmp_path / "ws")


def test_answer_cells_wrap(tmp_path):
    lab.prepare_workspace(tmp_path / "ws", make_course(tmp_path / "repo"))
    text = (tmp_path / "ws" / lab.SETTINGS_DIR / "@jupyterlab/notebook-extension/tracker.jupyterlab-settings").read_text()
    body = json.loads("\n".join(line for line in text.splitlines() if not line.strip().startswith("//")))
    assert body["codeCellConfig"]["lineWrap"] is True
