"""``softskills check`` for review tools and hooks: reviewdog/Checkstyle positions, commit messages, sections, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from grader.engine import check
from grader.review.commit_message import commit_message
from grader.review.document import Document
from grader.review.reviewdog import diagnostics
from grader.review.sections import markdown_section

RUDE = "Obviously `users.length` on L77 is always true, so every customer sees the empty banner. Could we use `await cursor.toArray()`?"
GOOD_COMMIT = (
    "Retry ledger calls on HTTP 503 with exponential backoff\n\n"
    "The ledger service returns 503 for about 40 seconds during each deploy, so\n"
    "checkout failed for every customer who paid in that window (212 failed\n"
    "orders last Tuesday). `LedgerClient.post()` now retries up to 4 times with\n"
    "backoff starting at 200 ms, and gives up after 5 seconds in total.\n"
)
GIT_TEMPLATE = (
    "\n# Please enter the commit message for your changes. Lines starting\n"
    "# with '#' will be ignored, and an empty message aborts the commit.\n#\n# On branch main\n"
)
DIFF = ("# ------------------------ >8 ------------------------\n"
        "# Do not modify or remove the line above.\n"
        "diff --git a/ledger.py b/ledger.py\n+    # because the `retry()` helper fixed 503s for checkout\n")


def softskills(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def byte_column(line: str, char_index: int) -> int:
    return len(line[:char_index].encode("utf-8")) + 1


def test_positions_are_lines_and_utf8_byte_columns() -> None:
    text = "Première ligne — “ok”.\r\nZweite Zeile: 𐐀 Obviously this\nthird"
    doc = Document.whole_file("a.md", "\ufeff" + text)
    second = text.split("\r\n")[1]
    at = text.index("Obviously")
    assert doc.position(at) == (2, byte_column(second, second.index("Obviously")))
    assert doc.position(at) == (2, len("Zweite Zeile: 𐐀 ".encode()) + 1)  # 𐐀 is 4 bytes, 1 character
    assert doc.position(text.index("ligne")) == (1, 3 + byte_column(text, text.index("ligne")))  # BOM: 3 bytes
    assert doc.position(text.index("third")) == (3, 1)
    assert doc.position(len(text)) == (3, 6)  # exclusive end after the last character


def test_withheld_criterion_is_a_diagnostic_at_its_words() -> None:
    text = "Intro line.\n" + RUDE
    doc = Document.whole_file("review.md", text)
    result = check(text, "pr-review/comment")
    found = diagnostics(result, doc)
    withheld = [c for c in result.criteria if c.earned < c.points]
    assert [d["code"]["value"] for d in found] == [c.id for c in withheld for _ in (c.spans or [None])]
    expected = [(doc.position(start), doc.position(end)) for c in withheld for start, end in c.spans]
    assert [((d["location"]["range"]["start"]["line"], d["location"]["range"]["start"]["column"]),
             (d["location"]["range"]["end"]["line"], d["location"]["range"]["end"]["column"]))
            for d in found if d["code"]["value"] in {c.id for c in withheld if c.spans}] == expected
    tone = [d for d in found if d["code"]["value"] == "respectful-tone"]
    assert tone and all(d["severity"] == "WARNING" and d["location"]["path"] == "review.md" for d in tone)
    assert tone[0]["message"] == next(c.feedback for c in result.criteria if c.id == "respectful-tone")
    # the word that cost the point is inside one of the diagnostics: line 2, columns 1-10 ("Obviously")
    assert any(d["location"]["range"]["start"] == {"line": 2, "column": 1}
               and d["location"]["range"]["end"]["line"] == 2 and d["location"]["range"]["end"]["column"] >= 10
               for d in tone)


def test_criterion_missed_for_what_is_absent_points_at_the_start() -> None:
    text = "\n\n  fixed stuff\n"
    found = diagnostics(check(text, "docs/commit-message"), Document.whole_file("msg", text))
    why = next(d for d in found if d["code"]["value"] == "explains-why")
    assert why["location"]["range"]["start"] == {"line": 3, "column": 3}


def test_commit_message_is_cleaned_as_git_does_and_maps_back() -> None:
    raw = "Retry ledger calls   \n\n\n\nbecause it failed\n" + GIT_TEMPLATE + DIFF
    doc = commit_message(".git/COMMIT_EDITMSG", raw)
    assert doc.text == "Retry ledger calls\n\nbecause it failed\n"
    assert doc.position(doc.text.index("because")) == (5, 1)
    assert doc.position(doc.text.index("failed")) == (5, 12)
    assert commit_message("m", "# only comments\n").text == ""
    assert commit_message("m", "; subject\n#not a comment\n", comment=";").text == "#not a comment\n"


def test_msg_file_ignores_comments_and_the_diff(tmp_path: Path) -> None:
    message = tmp_path / "COMMIT_EDITMSG"
    message.write_text("fixed stuff\n" + GIT_TEMPLATE + DIFF, encoding="utf-8")
    run = softskills("check", "--msg-file", str(message))
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["rubric"] == "docs/commit-message" and data["score"] == 0  # the diff's `retry()` and "because" do not count


def test_fail_under_exit_codes(tmp_path: Path) -> None:
    weak, good = tmp_path / "weak", tmp_path / "good"
    weak.write_text("fixed stuff\n", encoding="utf-8")
    good.write_text(GOOD_COMMIT + GIT_TEMPLATE, encoding="utf-8")
    rejected = softskills("check", "--msg-file", "--format", "text", "--fail-under", "2", str(weak))
    assert rejected.returncode == 1
    assert "under --fail-under 2 (missing: summary-line, describes-what, explains-why)" in rejected.stderr
    assert "\u2717 explains-why" in rejected.stdout
    passed = softskills("check", "--msg-file", "--format", "text", "--fail-under", "3", str(good))
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Score: 3 / 3" in passed.stdout
    several = softskills("check", "--msg-file", "--format", "rdjsonl", "--fail-under", "2", str(good), str(weak))
    assert several.returncode == 1
    assert {json.loads(line)["location"]["path"] for line in several.stdout.splitlines()} == {str(weak)}
    broken = softskills("check", "--rubric", "nope/nothing", "--fail-under", "1", str(good))
    assert broken.returncode == 2 and "unknown rubric" in broken.stderr


def test_rdjson_and_checkstyle_carry_the_same_diagnostics(tmp_path: Path) -> None:
    answer = tmp_path / "comment.md"
    answer.write_text("Heading\n\n" + RUDE, encoding="utf-8")
    lines = softskills("check", "--rubric", "pr-review/comment", "--format", "rdjsonl", str(answer)).stdout
    rdjsonl = [json.loads(line) for line in lines.splitlines()]
    rdjson = json.loads(softskills("check", "--rubric", "pr-review/comment", "--format", "rdjson", str(answer)).stdout)
    assert rdjson["diagnostics"] == rdjsonl and rdjson["source"] == {"name": "softskills"}
    xml = softskills("check", "--rubric", "pr-review/comment", "--format", "checkstyle", str(answer)).stdout
    errors = ElementTree.fromstring(xml.split("\n", 1)[1]).find("file").findall("error")
    assert [(int(e.get("line")), int(e.get("column")), e.get("message")) for e in errors] == [
        (d["location"]["range"]["start"]["line"], d["location"]["range"]["start"]["column"], d["message"]) for d in rdjsonl]
    assert ("softskills.pr-review/comment.respectful-tone", "3") in {(e.get("source"), e.get("line")) for e in errors}


def test_checkstyle_survives_control_characters_in_evidence(tmp_path: Path) -> None:
    answer = tmp_path / "log.md"
    answer.write_text("Obviously \x1b[31mERROR\x1b[0m is wrong.", encoding="utf-8")
    xml = softskills("check", "--rubric", "pr-review/comment", "--format", "checkstyle", str(answer)).stdout
    assert ElementTree.fromstring(xml.split("\n", 1)[1]).find("file").get("name") == str(answer)


README = """# tidyq

Install with `pip install tidyq`.

```
## Why not a heading: inside a code fence
```

## Why tidyq

Our nightly exports failed twice a week because one malformed row stopped `COPY` for the whole 2 GB file.

### Numbers

It quarantines bad rows into `rejects.csv`.

## Usage

Run `tidyq load data.csv`.
"""


def test_section_is_the_body_up_to_the_next_heading_of_its_level() -> None:
    doc = markdown_section("README.md", README, "^why")
    assert doc.text.startswith("\nOur nightly exports") and doc.text.endswith("`rejects.csv`.\n\n")
    assert "## Usage" not in doc.text and "code fence" not in doc.text
    assert doc.position(doc.text.index("Our")) == (11, 1)


def test_section_errors_are_clear(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Project\n\nNo reasons here.\n", encoding="utf-8")
    for args, message in [(("--section", "^why"), "has no Markdown heading matching '^why'"),
                          (("--section", "(why"), "is not a valid regular expression"),
                          (("--msg-file", "--section", "why"), "not both")]:
        run = softskills("check", "--rubric", "docs/readme-why", *args, str(readme))
        assert run.returncode == 2 and message in run.stderr and len(run.stderr.strip().splitlines()) == 1
    several = softskills("check", "--rubric", "docs/readme-why", str(readme), str(readme))
    assert several.returncode == 2 and "--format json grades one file" in several.stderr
