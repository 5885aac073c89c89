"""The course on a real JupyterHub (deploy/jupyterhub/jupyterhub_config.py), as an instructor and learners use it.

Real processes on 127.0.0.1: the hub, configurable-http-proxy (npm), one Jupyter server
per learner, nbgrader's formgrader as a hub service in the course folder, one exchange.
Every step goes through the hub's proxy with the acting user's own token:
release (formgrader API) -> fetch, answer, save, submit (each learner's server: nbgrader's
assignment-list extension and the contents API) -> collect (formgrader) -> ``softskills
autograde`` (in a kernel of the formgrader server) -> generate and release feedback
(formgrader) -> fetch feedback (each learner's server).

Needs ``jupyterhub`` (PyPI) and ``configurable-http-proxy`` (npm) on PATH: skipped
locally without them, a failure under CI.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402
from hub_client import HubError, Kernel, LocalHub  # noqa: E402

pytestmark = pytest.mark.hub
REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "fixture"
INSTRUCTOR = "teacher"
LEARNERS = {"ana": C.excellent, "bo": C.weak, "cai": C.blank}
FORMGRADER = "/services/formgrader/formgrader/api"
COURSE = {"course_id": "multiplier", "assignment_id": ASSIGNMENT}


def require_hub_tools() -> None:
    missing = [tool for tool in ("jupyterhub", "configurable-http-proxy") if shutil.which(tool) is None]
    if missing:
        message = f"not on PATH: {', '.join(missing)} (pip install jupyterhub; npm install -g configurable-http-proxy)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def running_hub(tmp_path_factory):
    require_hub_tools()
    root = tmp_path_factory.mktemp("hub")
    exchange = root / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    course = C.make_course(root / "course", ASSIGNMENT, C.FIXTURE / "solutions" / ASSIGNMENT)
    with LocalHub(root, course, exchange, [INSTRUCTOR], list(LEARNERS), C.nbgrader_env()) as hub:
        yield {"hub": hub, "course": course}


def test_release_submit_autograde_feedback_through_the_hub(running_hub) -> None:
    hub, course = running_hub["hub"], running_hub["course"]
    teacher = hub.token_for(INSTRUCTOR)
    tokens = {learner: hub.token_for(learner) for learner in LEARNERS}
    for learner in LEARNERS:
        hub.start_server(learner)
    for learner in LEARNERS:
        hub.wait_for_server(learner)

    # only instructors reach formgrader; a learner cannot reach another learner's server
    with pytest.raises(HubError, match="HTTP 403"):
        hub.request("GET", f"{FORMGRADER}/assignments", tokens["ana"])
    with pytest.raises(HubError, match="HTTP 403|HTTP 404"):
        hub.request("GET", "/user/bo/api/contents", tokens["ana"])

    released = hub.request("POST", f"{FORMGRADER}/assignment/{ASSIGNMENT}/release", teacher)
    assert released["success"], released

    a = C.Assignment.from_course(course, ASSIGNMENT)
    for learner, build in LEARNERS.items():
        listing = hub.request("POST", f"/user/{learner}/assignments/fetch", tokens[learner], query=COURSE)
        assert listing["success"] and [x["status"] for x in listing["value"]] == ["fetched"], listing
        path = f"/user/{learner}/api/contents/{ASSIGNMENT}/{a.notebook}.ipynb"
        fetched = hub.request("GET", path, tokens[learner])["content"]
        assert [c["source"] for c in fetched["cells"]] == [C.source_of(c) for c in a.released["cells"]]
        hub.request("PUT", path, tokens[learner], {"type": "notebook", "format": "json", "content": build(a)})
        submitted = hub.request("POST", f"/user/{learner}/assignments/submit", tokens[learner], query=COURSE)
        assert submitted["success"], submitted

    collected = hub.request("POST", f"{FORMGRADER}/assignment/{ASSIGNMENT}/collect", teacher)
    assert collected["success"], collected
    assert sorted(p.name for p in (course / "submitted").iterdir()) == sorted(LEARNERS)  # hub names, not the OS user

    kernel = Kernel(hub, "/services/formgrader", teacher).start()
    try:
        out = kernel.execute(
            "import subprocess\n"
            f"run = subprocess.run(['softskills', 'autograde', '{ASSIGNMENT}', '--jobs', '2'], capture_output=True, text=True)\n"
            "print(run.returncode, run.stdout, run.stderr[-3000:])\n")
    finally:
        kernel.shutdown()
    assert out.startswith("0 ") and f"{ASSIGNMENT}: {len(LEARNERS)} graded, 0 skipped" in out, out

    scores = C.gradebook_scores(course, ASSIGNMENT)
    totals = {learner: sum(auto for (s, _, _), (auto, _, _) in scores.items() if s == learner) for learner in LEARNERS}
    assert totals["ana"] > totals["bo"] > totals["cai"] == 0, totals

    for step in ("generate_feedback", "release_feedback"):
        done = hub.request("POST", f"{FORMGRADER}/assignment/{ASSIGNMENT}/{step}", teacher)
        assert done["success"], (step, done)

    for learner in LEARNERS:
        listing = hub.request("POST", f"/user/{learner}/assignments/fetch_feedback", tokens[learner], query=COURSE)
        assert listing["success"], listing
        folder = hub.request("GET", f"/user/{learner}/api/contents/{ASSIGNMENT}/feedback", tokens[learner])
        (stamp,) = folder["content"]
        html = hub.request("GET", f"/user/{learner}/api/contents/{stamp['path']}/{a.notebook}.html", tokens[learner],
                           query={"type": "file", "format": "text"})["content"]
        max_total = sum(a.points.values())
        assert f"{ASSIGNMENT} (Score: {totals[learner]:.1f} / {max_total:.1f})" in html, learner
