"""The nbgrader glue on the small fixture assignment: scores, comments, stored results, overrides, feedback.

Runs the real ``nbgrader`` commands in a temporary copy of the fixture course
(tests/fixtures/nbgrader_course): two written answers and one judgement item.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402

import grader  # noqa: E402
from grader.answers import PLACEHOLDER  # noqa: E402

# nbgrader's in-process API triggers SQLAlchemy autoflush warnings inside nbgrader itself
pytestmark = [pytest.mark.nbgrader, pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]
ASSIGNMENT = "fixture"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = C.make_course(tmp_path_factory.mktemp("glue") / "course", ASSIGNMENT, C.FIXTURE / "solutions" / ASSIGNMENT)
    a = C.Assignment.from_course(root, ASSIGNMENT)
    for student, build in (("ada", C.excellent), ("ben", C.weak), ("cy", C.blank)):
        C.write(root, student, a, build(a))
    C.run(root, "nbgrader", "autograde", ASSIGNMENT)
    return root, a


def gradebook(root: Path):
    from nbgrader.api import Gradebook

    return Gradebook(f"sqlite:///{root / 'gradebook.db'}", "multiplier")


def test_released_answer_cells_hold_only_the_placeholder(course) -> None:
    root, a = course
    for grade_id, rubric in a.answers.items():
        assert C.source_of(C.cell_by_id(a.released, grade_id)) == f"%%answer {rubric}\n{PLACEHOLDER}"


def test_auto_score_is_points_times_rubric_fraction(course) -> None:
    root, a = course
    with gradebook(root) as gb:
        for student, texts in (("ada", a.model_text), ("ben", {g: a.weak_text(g) for g in a.answers})):
            for grade_id, text in texts.items():
                grade = gb.find_grade(grade_id, a.notebook, ASSIGNMENT, student)
                expected = a.points[grade_id] * grader.check(text, a.answers[grade_id]).fraction
                assert grade.auto_score == pytest.approx(expected, abs=1e-4)
                # ada handed in the model answers verbatim: flagged as a copy, so the instructor looks
                assert grade.needs_manual_grade is (student == "ada")
        for grade_id in a.answers:
            assert gb.find_grade(grade_id, a.notebook, ASSIGNMENT, "cy").auto_score == 0.0
        # the judgement item is graded by nbgrader's rules, untouched by the glue
        assert gb.find_grade("blocking-choice-test", a.notebook, ASSIGNMENT, "ada").auto_score == 2.0
        assert gb.find_grade("blocking-choice-test", a.notebook, ASSIGNMENT, "ben").auto_score == 0.0


def test_automatic_comment_names_every_criterion(course) -> None:
    root, a = course
    with gradebook(root) as gb:
        comment = gb.find_comment("review-comment", a.notebook, ASSIGNMENT, "ben").auto_comment
        blank = gb.find_comment("review-comment", a.notebook, ASSIGNMENT, "cy").auto_comment
    result = grader.check(a.weak_text("review-comment"), "pr-review/comment")
    assert comment.startswith(f"Automatic score {10 * result.fraction:g} / 10 on rubric pr-review/comment")
    for criterion in result.criteria:
        assert f"{'✔ Met' if criterion.met else '✘ Not yet'}, {criterion.description}" in comment
        assert criterion.feedback in comment
    assert blank.startswith("No answer")


def test_results_are_stored_for_the_report(course) -> None:
    from grader.nbgrader import store

    root, a = course
    with gradebook(root) as gb:
        stored = {(r.student, r.grade_id): r for r in store.read_results(gb.db.connection(), ASSIGNMENT)}
    assert len(stored) == 3 * len(a.answers)
    ben = stored[("ben", "review-comment")]
    assert ben.status == "graded" and ben.rubric == "pr-review/comment"
    assert ben.result == {**grader.check(a.weak_text("review-comment"), "pr-review/comment").to_dict(),
                          "answer_text": a.weak_text("review-comment")}
    assert stored[("cy", "review-comment")].status == "blank" and stored[("cy", "review-comment")].result is None


def test_autograded_answer_cell_shows_the_panel_not_kernel_output(course) -> None:
    root, a = course
    nb = C.load(root / "autograded" / "ben" / ASSIGNMENT / f"{a.notebook}.ipynb")
    for grade_id in a.answers:
        (output,) = C.cell_by_id(nb, grade_id)["outputs"]
        assert output["output_type"] == "display_data"
        assert "multiplier-feedback" in "".join(output["data"]["text/html"])
        assert "application/vnd.jupyter.widget-view+json" not in output["data"]
    # no cell of the notebook wrote to stderr (it would zero an ordinary test cell)
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), C.source_of(cell)


@contextmanager
def formgrader(root: Path):
    """A real Jupyter server with nbgrader's formgrader in the course folder; yields an API caller."""
    port, token = _free_port(), "multiplier-test"
    server = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "jupyter"), "server", "--no-browser", "--allow-root",
         f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"],
        cwd=root, env=C.nbgrader_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def call(method: str, path: str, body: dict | None = None):
        request = urllib.request.Request(f"http://127.0.0.1:{port}/formgrader/api/{path}", method=method,
                                         data=json.dumps(body).encode() if body is not None else None,
                                         headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                call("GET", "status")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        yield call
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_manual_override_in_formgrader_survives_a_rerun_of_autograde(course) -> None:
    """Override a score and a comment through formgrader's own API, then autograde again with --force."""
    root, a = course
    with gradebook(root) as gb:
        grade_id = gb.find_grade("review-comment", a.notebook, ASSIGNMENT, "ben").id
        comment_id = gb.find_comment("review-comment", a.notebook, ASSIGNMENT, "ben").id
        auto_before = gb.find_grade("review-comment", a.notebook, ASSIGNMENT, "ben").auto_score
    with formgrader(root) as api:
        shown = api("GET", f"grade/{grade_id}")
        assert shown["auto_score"] == pytest.approx(auto_before) and shown["manual_score"] is None
        assert api("GET", f"comment/{comment_id}")["auto_comment"].startswith("Automatic score")
        api("PUT", f"grade/{grade_id}", {"manual_score": 7.5, "extra_credit": None})
        api("PUT", f"comment/{comment_id}", {"manual_comment": "Good instinct on risk; name the query next time."})
    C.run(root, "nbgrader", "autograde", ASSIGNMENT, "--student", "ben", "--force")
    with gradebook(root) as gb:
        grade = gb.find_grade("review-comment", a.notebook, ASSIGNMENT, "ben")
        comment = gb.find_comment("review-comment", a.notebook, ASSIGNMENT, "ben")
        assert grade.manual_score == 7.5 and grade.score == 7.5
        assert grade.auto_score == pytest.approx(auto_before)
        assert comment.manual_comment == "Good instinct on risk; name the query next time."
        assert comment.comment == comment.manual_comment and comment.auto_comment.startswith("Automatic score")
        submission = gb.find_submission(ASSIGNMENT, "ben")
        assert submission.score == pytest.approx(7.5 + sum(
            g.auto_score for g in submission.notebooks[0].grades if g.name != "review-comment"))
    C.run(root, "nbgrader", "generate_feedback", ASSIGNMENT, "--student", "ben", "--force")
    html = (root / "feedback" / "ben" / ASSIGNMENT / f"{a.notebook}.html").read_text(encoding="utf-8")
    assert "Good instinct on risk" in html and "Score: 7.5 / 10.0" in html


def test_engine_failure_sends_the_answer_to_manual_grading(course, monkeypatch) -> None:
    """In-process autograde (nbgrader's own API) with an engine that raises: the cohort keeps going."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    root, a = course
    C.write(root, "dee", a, C.excellent(a))

    def broken(text: str, rubric: str, brief: str | None = None):
        raise ValueError("lexicon file unreadable")

    monkeypatch.setattr(grader, "check", broken)
    monkeypatch.chdir(root)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    coursedir = CourseDirectory(config=config, root=str(root))
    outcome = NbGraderAPI(coursedir=coursedir, config=config).autograde(ASSIGNMENT, "dee")
    assert outcome["success"], outcome.get("error")
    assert "Rubric grading failed for dee/fixture cell 'review-comment'" in outcome["log"]
    with gradebook(root) as gb:
        grade = gb.find_grade("review-comment", a.notebook, ASSIGNMENT, "dee")
        comment = gb.find_comment("review-comment", a.notebook, ASSIGNMENT, "dee")
        assert grade.auto_score is None and grade.needs_manual_grade
        assert comment.auto_comment.startswith("Automatic grading failed (ValueError: lexicon file unreadable)")
        assert gb.find_grade("blocking-choice-test", a.notebook, ASSIGNMENT, "dee").auto_score == 2.0
    nb = json.loads((root / "submitted" / "dee" / ASSIGNMENT / f"{a.notebook}.ipynb").read_text("utf-8"))
    assert nb == C.excellent(a)  # the learner's file is untouched


def test_zip_collect_files_from_a_learning_platform(course, tmp_path) -> None:
    import zipfile

    root, a = course
    archive = root / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    notebook = json.dumps(C.excellent(a))
    with zipfile.ZipFile(archive / "lms-export.zip", "w") as bundle:
        bundle.writestr(f"fran__{a.notebook}.ipynb", notebook)
    C.run(root, "nbgrader", "zip_collect", ASSIGNMENT)
    assert (root / "submitted" / "fran" / ASSIGNMENT / f"{a.notebook}.ipynb").read_text("utf-8") == notebook


def test_release_fetch_submit_collect_through_the_exchange(course, tmp_path, monkeypatch) -> None:
    import getpass

    root, a = course
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    monkeypatch.setenv("MULTIPLIER_EXCHANGE", str(exchange))
    C.run(root, "nbgrader", "release_assignment", ASSIGNMENT)
    learner = tmp_path / "learner-home"
    learner.mkdir()
    flags = ["--course=multiplier", f"--Exchange.root={exchange}"]
    C.run(learner, "nbgrader", "fetch_assignment", ASSIGNMENT, *flags)
    fetched = learner / ASSIGNMENT / f"{a.notebook}.ipynb"
    assert json.loads(fetched.read_text("utf-8"))["cells"] == a.released["cells"]
    fetched.write_text(json.dumps(C.weak(a)), encoding="utf-8")
    C.run(learner, "nbgrader", "submit", ASSIGNMENT, *flags)
    C.run(root, "nbgrader", "collect", ASSIGNMENT)
    collected = root / "submitted" / getpass.getuser() / ASSIGNMENT
    assert json.loads((collected / f"{a.notebook}.ipynb").read_text("utf-8")) == C.weak(a)
    assert (collected / "timestamp.txt").is_file()
