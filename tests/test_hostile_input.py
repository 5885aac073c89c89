"""Hostile and unusual input: a grade or a clear error, never a crash or a hang.

Patterns must stay linear: every test here runs on a 2-core CI box, so a
catastrophic-backtracking regex shows up as a test that never finishes.
"""
from __future__ import annotations

import random
import subprocess
import sys
import time

import pytest

import grader
from grader.engine import MAX_GRADED_CHARS

PROSE_RUBRICS = [
    "pr-review/comment", "stakeholder/pitch", "mentorship/feedback", "async/help-request",
    "docs/commit-message", "docs/readme-why", "conflict/adr", "conflict/reply",
]
ALL_RUBRICS = PROSE_RUBRICS + ["async/self-documenting-code"]
FIVE_MB = 5 * 1024 * 1024


def _assert_valid(result: grader.Result, text: str) -> None:
    data = result.to_dict()
    assert 0 <= data["score"] <= data["max_score"]
    for criterion in data["criteria"]:
        assert criterion["feedback"]
        for start, end in criterion["spans"]:
            assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("rubric", ALL_RUBRICS)
@pytest.mark.parametrize("text", ["", "   \n\t  \r\n", "\u200b\u200b"])
def test_empty_answer_scores_zero_with_hints(rubric: str, text: str) -> None:
    result = grader.check(text, rubric)
    assert result.score == 0
    assert all(not c.met and c.feedback for c in result.criteria)


@pytest.mark.parametrize("rubric", ALL_RUBRICS)
def test_emoji_rtl_and_mixed_scripts(rubric: str) -> None:
    text = (
        "🙂🔥 Thanks! مرحبا، هذا تعليق على `parse_date()` في السطر 42 لأن المستخدمين يرون خطأ.\n"
        "שלום — could we use `datetime.now(timezone.utc)` instead? 👍🏽 İstanbul ﬁle ß \U0001F600"
    )
    _assert_valid(grader.check(text, rubric), text)


@pytest.mark.parametrize("rubric", PROSE_RUBRICS)
def test_windows_line_endings_give_the_same_grade_and_true_offsets(rubric: str) -> None:
    unix = "Hi Dana,\n\nIn `fetchInvoices` (L142) the call ignores ctx, so users wait 30s.\n\nCould we pass `r.Context()`?\n"
    windows = unix.replace("\n", "\r\n")
    a, b = grader.check(unix, rubric), grader.check(windows, rubric)
    assert [c.met for c in a.criteria] == [c.met for c in b.criteria]
    for criterion in b.criteria:
        for start, end in criterion.spans:
            assert windows[start:end].strip(), "span points at nothing"
    code = windows.index("`fetchInvoices`")
    spans = [s for c in b.criteria for s in c.spans]
    if any(s[0] <= code < s[1] for c in a.criteria for s in c.spans):
        assert any(s[0] <= code < s[1] for s in spans)


@pytest.mark.parametrize("rubric", ALL_RUBRICS)
def test_binary_junk(rubric: str) -> None:
    rng = random.Random(7)
    text = "".join(chr(rng.randrange(0, 0x3000)) for _ in range(20_000))
    _assert_valid(grader.check(text, rubric), text)


ADVERSARIAL = {
    "word chars": "a" * FIVE_MB,
    "underscored": "a_" * (FIVE_MB // 2),
    "dotted": "a." * (FIVE_MB // 2),
    "slashes": "a/" * (FIVE_MB // 2),
    "digits": "1," * (FIVE_MB // 2),
    "backticks": "`" * FIVE_MB,
    "brackets": "[" * (FIVE_MB // 2) + "](" * (FIVE_MB // 4),
    "caps and bangs": "WHY! " * (FIVE_MB // 5),
    "spaces": " " * FIVE_MB,
    "newlines": "\n" * FIVE_MB,
    "crlf": "\r\n" * (FIVE_MB // 2),
    "hashes": "#" * FIVE_MB,
    "headings": "# x\n" * (FIVE_MB // 4),
    "nested headings": "".join(f"{'#' * (1 + i % 6)} t\n" for i in range(FIVE_MB // 8)),
    "labels": "Context: x\n" * (FIVE_MB // 11),
    "inline labels": "a. Options: b. " * (FIVE_MB // 15),
    "quotes": '"' * FIVE_MB,
    "list items": "- x\n" * (FIVE_MB // 4),
    "emoji": "🙂" * (FIVE_MB // 4),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_five_megabyte_adversarial_strings_finish(name: str) -> None:
    text = ADVERSARIAL[name]
    started = time.perf_counter()
    result = grader.check(text, "async/help-request")
    elapsed = time.perf_counter() - started
    _assert_valid(result, text)
    if any(ch.isalnum() for ch in text[:100]):  # wordless text is simply an empty answer
        assert any("Only the first" in s.message for s in result.suggestions)
    # Generous: this is a hang detector, not a benchmark (see benchmarks/bench_engine.py).
    assert elapsed < 60, f"{name}: {elapsed:.1f}s"


def test_five_megabyte_realistic_text_is_graded_on_a_prefix() -> None:
    sentence = "In `fetchInvoices` on L142 the call ignores the context, so customers wait 30 seconds. "
    text = sentence * (FIVE_MB // len(sentence) + 1)
    result = grader.check(text, "pr-review/comment")
    _assert_valid(result, text)
    assert len(text) > MAX_GRADED_CHARS
    assert any("Only the first" in s.message for s in result.suggestions)


def test_python_rubric_survives_hostile_code() -> None:
    for text in ["def (:\n", "(" * 10_000, "x = " + "1 + " * 50_000 + "1", "\x00def f(): pass"]:
        result = grader.check(text, "async/self-documenting-code")
        assert result.score == 0
        assert all(c.feedback for c in result.criteria)


def test_non_string_text_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        grader.check(b"bytes", "pr-review/comment")  # type: ignore[arg-type]


def test_cli_rejects_non_utf8_and_missing_files(tmp_path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9 au lait".encode("latin-1"))
    for args in ([str(bad)], [str(tmp_path / "missing.txt")], [str(tmp_path)]):
        run = subprocess.run(
            [sys.executable, "-m", "grader", "check", "--rubric", "pr-review/comment", *args],
            capture_output=True, text=True, timeout=60,
        )
        assert run.returncode == 2
        assert "Traceback" not in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr
