"""``softskills check`` and ``softskills rubrics`` as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ANSWER = "Obviously `users.length` on L77 is always true, so every customer sees the empty banner. Could we use `await cursor.toArray()`?"


def softskills(*args: str, stdin: str | None = None, raw_stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        input=raw_stdin if raw_stdin is not None else (stdin.encode() if stdin is not None else None),
        capture_output=True,
        timeout=120,
    )


def test_check_json_from_a_file(tmp_path: Path) -> None:
    answer = tmp_path / "answer.md"
    answer.write_text(ANSWER, encoding="utf-8")
    run = softskills("check", "--rubric", "pr-review/comment", str(answer))
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["rubric"] == "pr-review/comment" and data["max_score"] == 4
    tone = next(c for c in data["criteria"] if c["id"] == "respectful-tone")
    first_sentence = ANSWER.split("? ")[0].split(". ")[0] + "."
    assert not tone["met"] and [ANSWER[s:e] for s, e in tone["spans"]] == [first_sentence]


def test_check_text_report_from_stdin_marks_the_words() -> None:
    run = softskills("check", "--rubric", "pr-review/comment", "--format", "text", "-", stdin=ANSWER)
    assert run.returncode == 0, run.stderr
    out = run.stdout.decode()
    # three criteria met, but condescension caps a review comment at 40 % (rubric data: caps)
    assert "Score: 1.6 / 4" in out and "Capped at 40 % of the points because the tone" in out
    assert "[[Obviously `users.length`" in out and "{{Could we use `await cursor.toArray()`?}}" in out
    assert "\u2717 respectful-tone" in out and "\u2713 specific" in out


def test_check_windows_line_endings_and_bom(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_bytes(b"\xef\xbb\xbf" + ANSWER.replace(" so ", "\r\nso ").encode())
    run = softskills("check", "--rubric", "pr-review/comment", str(answer))
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["uncapped_score"] == 3 and data["score"] == 1.6


def test_empty_answer_scores_zero() -> None:
    run = softskills("check", "--rubric", "docs/commit-message", stdin="")
    assert run.returncode == 0
    assert json.loads(run.stdout)["score"] == 0


def test_user_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\xe9".encode("latin-1"))
    cases = [
        (("check", "--rubric", "nope/nothing", "-"), "unknown rubric 'nope/nothing'"),
        (("check", "--rubric", "pr-review/comment", str(tmp_path / "missing.md")), "cannot read"),
        (("check", "--rubric", "pr-review/comment", str(latin1)), "is not UTF-8 text"),
    ]
    for args, message in cases:
        run = softskills(*args, stdin="text")
        err = run.stderr.decode()
        assert run.returncode == 2, args
        assert message in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_binary_stdin_is_a_clear_error() -> None:
    run = softskills("check", "--rubric", "pr-review/comment", raw_stdin=bytes(range(256)) * 10)
    assert run.returncode == 2 and "not UTF-8" in run.stderr.decode()


def test_rubrics_lists_ids_and_titles() -> None:
    run = softskills("rubrics")
    assert run.returncode == 0
    out = run.stdout.decode()
    assert "pr-review/comment" in out and "async/self-documenting-code" in out
    data = json.loads(softskills("rubrics", "--format", "json").stdout)
    assert {"id": "docs/readme-why", "title": data[[d["id"] for d in data].index("docs/readme-why")]["title"]} in data
    assert len(data) >= 9
