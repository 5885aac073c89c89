"""Find every worked example in the lessons and the rewrite scenarios, read from the files themselves.

Why a reader and not a copy: the test that checks the course against the grader
(tests/test_course_agrees_with_grader.py) must follow the lessons as they are
edited. An example is located by notebook, cell id and its ordinal in that cell
(``course/01-pr-review.ipynb#cell-04/table1``); its text is read from there
each time, so changing a lesson's example re-grades it, and adding one without a
recorded verdict fails the count.

What counts as an example:
- a two-column Markdown table whose header names the sides ("Weak | Strong",
  "Before | After", possibly with a note in brackets): the first data row holds
  the two texts;
- an HTML table whose ``<th>`` cells name the sides: the ``<pre>`` blocks of the
  first data row hold the texts;
- a fenced block tagged ``markdown`` in a lesson (a full document shown as a model);
- any other two-column quote table the verdict file names explicitly (the
  article's own contrasts, whose headers are the article's labels);
- the draft in a lesson's practice answer cell (``%%answer <rubric>``), which the
  lesson asks the learner to replace (``course/01-pr-review.ipynb#cell-12/answer``).
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from grader.answers import parse_answer_cell

REPO_ROOT = Path(__file__).resolve().parents[1]
SIDE_HEADER = re.compile(r"^\W*(weak|strong|before|after)\b", re.IGNORECASE)
HTML_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)
HTML_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL | re.IGNORECASE)
HTML_DATA_ROW = re.compile(r"<tr>\s*<td\b.*?</tr>", re.DOTALL | re.IGNORECASE)
HTML_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre>", re.DOTALL | re.IGNORECASE)
MARKDOWN_FENCE = re.compile(r"^```markdown\n(.*?)^```", re.DOTALL | re.MULTILINE)
STAGE_DIRECTION = re.compile(r"^\*\(.*?\)\*\s*")
QUOTED = re.compile(r'^["\u201c](.*)["\u201d]$', re.DOTALL)


@dataclass(frozen=True)
class Example:
    """One text a lesson shows as an example, with where it sits and which column or block it is."""

    location: str  # "course/01-pr-review.ipynb#cell-04/table1"
    side: str  # the column header ("Weak", "Strong (three comments)") or "example" for a fenced block
    text: str


def lesson_notebooks() -> list[Path]:
    return sorted((REPO_ROOT / "course").glob("0*.ipynb"))


def _cells(path: Path, cell_type: str = "markdown") -> list[tuple[str, str]]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [
        (cell["id"], "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
        for cell in notebook["cells"]
        if cell["cell_type"] == cell_type
    ]


def _pipe_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _pipe_tables(source: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in source.splitlines() + [""]:
        if line.lstrip().startswith("|"):
            current.append(_pipe_cells(line))
        elif current:
            tables.append([row for row in current if not all(re.fullmatch(r":?-+:?", c) for c in row)])
            current = []
    return tables


def _clean_pipe_text(cell: str) -> str:
    """A table cell as the learner would have written it: line breaks back, stage direction and quotes off."""
    text = cell.replace("<br><br>", "\n\n").replace("<br>", "\n").strip()
    text = STAGE_DIRECTION.sub("", text).strip()
    quoted = QUOTED.match(text)
    return quoted.group(1).strip() if quoted else text


def _is_side_header(header: list[str]) -> bool:
    return len(header) == 2 and all(SIDE_HEADER.match(h) for h in header)


def examples_in(path: Path, named_tables: set[str] = frozenset()) -> list[Example]:
    """Every example in one lesson notebook; ``named_tables`` adds quote tables the verdict file names."""
    found: list[Example] = []
    rel = path.relative_to(REPO_ROOT).as_posix()
    for cell_id, source in _cells(path):
        for index, table in enumerate(_pipe_tables(source), start=1):
            location = f"{rel}#{cell_id}/table{index}"
            header = table[0]
            if len(table) < 2 or not (_is_side_header(header) or location in named_tables):
                continue
            for side, cell in zip(header, table[1]):
                found.append(Example(location, side, _clean_pipe_text(cell)))
        for index, table in enumerate(HTML_TABLE.findall(source), start=1):
            headers = [re.sub(r"<[^>]+>", "", h).strip() for h in HTML_TH.findall(table)]
            row = HTML_DATA_ROW.search(table)
            if not (row and _is_side_header(headers)):
                continue
            for side, pre in zip(headers, HTML_PRE.findall(row.group(0))):
                found.append(Example(f"{rel}#{cell_id}/html{index}", side, html.unescape(pre).strip() + "\n"))
        for index, block in enumerate(MARKDOWN_FENCE.findall(source), start=1):
            found.append(Example(f"{rel}#{cell_id}/fence{index}", "example", block))
    for cell_id, source in _cells(path, "code"):
        answer = parse_answer_cell(source)
        if answer is not None:
            found.append(Example(f"{rel}#{cell_id}/answer", f"%%answer {answer.rubric}", answer.text))
    return found


def lesson_examples(named_tables: set[str] = frozenset()) -> list[Example]:
    return [example for path in lesson_notebooks() for example in examples_in(path, named_tables)]


@dataclass(frozen=True)
class ScenarioText:
    """The weak starter or the model answer of a rewrite scenario (what a live editor opens with / reveals)."""

    location: str  # "grader/scenarios/pr-review/rewrite-harsh-comment.yaml#starter"
    rubric: str
    role: str  # "starter" or "model_answer"
    text: str


def rewrite_scenario_texts() -> list[ScenarioText]:
    texts = []
    for path in sorted((REPO_ROOT / "grader" / "scenarios").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not (isinstance(data, dict) and data.get("kind") == "rewrite"):
            continue
        rel = path.relative_to(REPO_ROOT).as_posix()
        for role in ("starter", "model_answer"):
            texts.append(ScenarioText(f"{rel}#{role}", data["rubric"], role, data[role]))
    return texts
