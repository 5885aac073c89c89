"""Self-study progress: grade the learner's saved exercise notebooks with the course engine.

Why from the saved files: that is what an instructor would grade, so the
learner sees the same result without running anything, and nothing in the
kernel can make it look better. The notebooks are opened read-only; this
module never writes to them. A malformed notebook is reported and skipped.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from grader.answers import parse_answer_cell
from grader.choice_parts import score_part
from grader.result import Result

SKIPPED_PARTS = {".ipynb_checkpoints"}
TITLE_LENGTH = 70


@dataclass(frozen=True)
class AnswerGrade:
    """One ``%%answer`` cell of one notebook and how it came out."""

    notebook: str  # path relative to the workspace
    cell: int  # index of the cell in the notebook (0-based)
    skill: str  # the assignment folder, e.g. "01-pr-review"
    rubric: str
    status: str  # "graded" | "empty" | "unknown-rubric" | "error"
    result: Result | None = None
    message: str = ""
    points: float | None = None  # the cell's nbgrader points; None outside an nbgrader assignment
    part: str = ""  # the heading of the part the answer belongs to ("Part 1 · ..."), if any

    @property
    def available(self) -> float:
        """Points this answer is worth: the assignment's points if set, else the rubric's maximum."""
        if self.points is not None:
            return float(self.points)
        return self.result.max_score if self.result else 0.0

    @property
    def earned(self) -> float:
        """Same rule as the autograder: available points times the rubric fraction; 0 if not written."""
        if self.status != "graded" or self.result is None:
            return 0.0
        return self.available * self.result.fraction

    def to_dict(self) -> dict:
        data = {"notebook": self.notebook, "cell": self.cell, "part": self.part, "skill": self.skill,
                "rubric": self.rubric, "status": self.status, "points": self.available,
                "earned": round(self.earned, 6)}
        if self.result is not None:
            data["result"] = self.result.to_dict()
        if self.message:
            data["message"] = self.message
        return data


@dataclass(frozen=True)
class ChoiceGrade:
    """One choice or ranking part (an nbgrader test cell with points) scored against the answer key."""

    notebook: str
    cell: int  # index of the test cell
    skill: str
    part: str
    points: float
    status: str  # "checked" | "empty" | "not-checked" (code, or no answer key here)
    earned: float = 0.0
    message: str = ""

    def to_dict(self) -> dict:
        return {"notebook": self.notebook, "cell": self.cell, "part": self.part, "skill": self.skill,
                "status": self.status, "points": self.points, "earned": round(self.earned, 6),
                "message": self.message}


@dataclass
class ProgressReport:
    workspace: Path
    answers: list[AnswerGrade] = field(default_factory=list)
    choices: list[ChoiceGrade] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (notebook, what is wrong)

    def skills(self) -> dict[str, dict]:
        """Per skill: points earned of all the assignment's points, answers written, parts not checked here."""
        def empty() -> dict:
            return {"score": 0.0, "max_score": 0.0, "written": 0, "answers": 0, "choices_answered": 0,
                    "choices": 0, "not_checked_points": 0.0}

        summary: dict[str, dict] = defaultdict(empty)
        for answer in self.answers:
            if answer.result is None:
                continue
            entry = summary[answer.skill]
            entry["answers"] += 1
            entry["max_score"] += answer.available
            if answer.status == "graded":
                entry["written"] += 1
                entry["score"] += answer.earned
        for choice in self.choices:
            entry = summary[choice.skill]
            entry["max_score"] += choice.points
            entry["score"] += choice.earned
            if choice.status == "not-checked":
                entry["not_checked_points"] += choice.points
            else:
                entry["choices"] += 1
                entry["choices_answered"] += choice.status == "checked"
        return {skill: {**entry, "score": round(entry["score"], 6), "max_score": round(entry["max_score"], 6)}
                for skill, entry in sorted(summary.items())}

    def criteria(self) -> list[dict]:
        """Every criterion met or missed in written answers, most often missed first."""
        missed: Counter = Counter()
        seen: Counter = Counter()
        described: dict[tuple[str, str], str] = {}
        for answer in self.answers:
            if answer.status != "graded":
                continue
            for criterion in answer.result.criteria:
                key = (answer.rubric, criterion.id)
                seen[key] += 1
                missed[key] += 0 if criterion.met else 1
                described[key] = criterion.description
        rows = [{"rubric": rubric, "criterion": criterion, "description": described[(rubric, criterion)],
                 "missed": missed[(rubric, criterion)], "graded": seen[(rubric, criterion)]}
                for rubric, criterion in seen]
        return sorted(rows, key=lambda row: (-row["missed"] / row["graded"], -row["missed"], row["rubric"],
                                             row["criterion"]))

    def to_dict(self) -> dict:
        return {
            "workspace": str(self.workspace),
            "skills": self.skills(),
            "criteria": self.criteria(),
            "answers": [answer.to_dict() for answer in self.answers],
            "choices": [choice.to_dict() for choice in self.choices],
            "problems": [{"notebook": notebook, "problem": problem} for notebook, problem in self.problems],
        }


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def read_cells(path: Path) -> list[dict]:
    """The cells of a saved notebook, read-only. Raises ValueError with a learner-readable reason."""
    try:
        with open(path, encoding="utf-8") as handle:
            notebook = json.load(handle)
    except json.JSONDecodeError as error:
        raise ValueError(f"not a valid notebook file (JSON error at line {error.lineno}: {error.msg})") from error
    except UnicodeDecodeError as error:
        raise ValueError("not a valid notebook file (not UTF-8 text)") from error
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise ValueError("not a valid notebook file (no list of cells)")
    return [cell for cell in notebook["cells"] if isinstance(cell, dict)]


def _skill_of(relative: Path) -> str:
    parts = relative.parts
    if len(parts) >= 3 and parts[0] == "exercises":
        return parts[1]
    return relative.parent.as_posix() or "."


def _nbgrader(cell: dict) -> dict:
    data = (cell.get("metadata") or {}).get("nbgrader")
    return data if isinstance(data, dict) else {}


def _points(cell: dict) -> float | None:
    points = _nbgrader(cell).get("points")
    return float(points) if isinstance(points, (int, float)) and not isinstance(points, bool) else None


def part_titles(cells: list[dict]) -> list[str]:
    """For each cell, the last Markdown heading above it ("Part 1 · ..."): how the assignment names its parts."""
    titles, current = [], ""
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for line in _cell_source(cell).splitlines():
                if line.startswith("## "):
                    current = line.lstrip("#").strip()
                    if len(current) > TITLE_LENGTH:
                        current = current[:TITLE_LENGTH - 1].rstrip() + "\u2026"
                    break
        titles.append(current)
    return titles


def grade_choices(cells: list[dict], relative: Path, master: dict[str, str] | None) -> list[ChoiceGrade]:
    """Score each graded test cell of a notebook from the learner's answer cell above it.

    ``master`` maps grade ids to the master test cells (with hidden tests), from
    the course's ``solutions/``; without it the parts are listed as not checked.
    """
    titles = part_titles(cells)
    grades, answer_cell = [], None
    for index, cell in enumerate(cells):
        meta = _nbgrader(cell)
        if cell.get("cell_type") != "code" or not meta:
            continue
        if meta.get("solution"):
            answer_cell = cell
            continue
        if parse_answer_cell(_cell_source(cell)) is not None:  # a written answer, graded by its rubric
            continue
        points = _points(cell)
        if not meta.get("grade") or points is None:
            continue
        common = dict(notebook=relative.as_posix(), cell=index, skill=_skill_of(relative), part=titles[index],
                      points=points)
        key = (master or {}).get(meta.get("grade_id", ""))
        answer_source = _cell_source(answer_cell) if answer_cell is not None else ""
        if key is None:
            grades.append(ChoiceGrade(**common, status="not-checked",
                                      message="no answer key here; it is scored when your instructor grades"))
        elif parse_answer_cell(answer_source) is not None:
            grades.append(ChoiceGrade(**common, status="not-checked",
                                      message="tests of your code; they run when your instructor grades"))
        else:
            score = score_part(answer_source, _cell_source(cell), key, points)
            grades.append(ChoiceGrade(**common, status=score.status, earned=score.earned, message=score.message))
        answer_cell = None
    return grades


def master_tests(path: Path) -> dict[str, str]:
    """Grade id -> source of every graded cell in a master (solutions) notebook; {} if unreadable."""
    try:
        cells = read_cells(path)
    except (ValueError, OSError):
        return {}
    return {_nbgrader(c)["grade_id"]: _cell_source(c) for c in cells
            if _nbgrader(c).get("grade") and _nbgrader(c).get("grade_id")}


def grade_notebook(path: Path, relative: Path, solutions: Path | None = None) -> tuple[list[AnswerGrade],
                                                                                         list[ChoiceGrade]]:
    """Grade every answer cell of one notebook (empty answers are listed, not scored) and its choice parts."""
    import grader
    from grader.notebook.rubric_info import rubric_exists

    cells = read_cells(path)
    titles = part_titles(cells)
    master = None
    if solutions is not None and relative.parts[:1] == ("exercises",):
        master = master_tests(solutions.joinpath(*relative.parts[1:]))
    grades = []
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        answer = parse_answer_cell(_cell_source(cell))
        if answer is None:
            continue
        common = dict(notebook=relative.as_posix(), cell=index, skill=_skill_of(relative), rubric=answer.rubric or "",
                      points=_points(cell), part=titles[index])
        if not answer.rubric or not rubric_exists(answer.rubric):
            grades.append(AnswerGrade(**common, status="unknown-rubric",
                                      message=f"no rubric called '{answer.rubric or ''}'"))
            continue
        try:
            result = grader.check(answer.text, answer.rubric, answer.brief)
        except Exception as error:  # one bad answer must not hide the others
            grades.append(AnswerGrade(**common, status="error", message=f"{type(error).__name__}: {error}"))
            continue
        status = "graded" if answer.text.strip() else "empty"
        grades.append(AnswerGrade(**common, status=status, result=result))
    return grades, grade_choices(cells, relative, master)


def exercise_notebooks(workspace: Path, folder: str = "exercises") -> list[Path]:
    root = workspace / folder
    return sorted(path for path in root.rglob("*.ipynb") if not SKIPPED_PARTS.intersection(path.parts))


def course_solutions() -> Path | None:
    """The course's ``solutions/`` (the answer key of the choice parts), if this install has it."""
    from grader.cli import UsageError
    from grader.commands.lab import find_course_root

    try:
        solutions = find_course_root() / "solutions"
    except UsageError:
        return None
    return solutions if solutions.is_dir() else None


def collect_progress(workspace: Path, folder: str = "exercises", solutions: Path | None = None) -> ProgressReport:
    """Grade all exercise notebooks under ``workspace/folder`` (choice parts against ``solutions``)."""
    workspace = Path(workspace)
    solutions = solutions or course_solutions()
    report = ProgressReport(workspace=workspace)
    for path in exercise_notebooks(workspace, folder):
        relative = path.relative_to(workspace)
        try:
            answers, choices = grade_notebook(path, relative, solutions)
        except (ValueError, OSError) as error:
            report.problems.append((relative.as_posix(), str(error)))
            continue
        report.answers.extend(answers)
        report.choices.extend(choices)
    return report


def _where(item) -> str:  # noqa: ANN001 - an AnswerGrade or a ChoiceGrade
    """How the assignment names an item: its part title, else its cell."""
    return f"{item.notebook}: {item.part}" if item.part else f"{item.notebook} cell {item.cell + 1}"


def render_text(report: ProgressReport, worst: int = 5) -> str:
    """The report as a few readable lines for a terminal or a notebook."""
    lines = [f"Progress in {report.workspace}",
             "Points as the assignments count them: written answers by the checker, choice and ranking parts "
             "against the course's answer key.", ""]
    skills = report.skills()
    if not skills:
        lines.append("No graded parts found (no %%answer or graded cells under exercises/).")
    for skill, entry in skills.items():
        percent = round(100 * entry["score"] / entry["max_score"]) if entry["max_score"] else 0
        line = (f"  {skill:<28} {entry['score']:.3g}/{entry['max_score']:g} points ({percent}%), "
                f"{entry['written']} of {entry['answers']} answers written")
        if entry["choices"]:
            line += f", {entry['choices_answered']} of {entry['choices']} choice parts answered"
        if entry["not_checked_points"]:
            line += f" ({entry['not_checked_points']:g} points are scored only when graded)"
        lines.append(line)
    items = sorted([a for a in report.answers if a.status in ("graded", "empty")] + report.choices,
                   key=lambda item: (item.notebook, item.cell))
    if items:
        lines += ["", "Parts:"]
    for item in items:
        if isinstance(item, ChoiceGrade):
            if item.status == "checked":
                detail = f"{item.earned:.3g}/{item.points:g} points" + (f", {item.message}" if item.message else "")
            else:
                detail = f"{item.message} ({item.points:g} points)"
        elif item.status == "empty":
            detail = f"not written yet (0/{item.available:g} points)"
        else:
            missed = [c.id for c in item.result.criteria if not c.met]
            verdict = f"missed {', '.join(missed)}" if missed else "every criterion met"
            detail = f"{item.earned:.3g}/{item.available:g} points, {verdict}"
        lines.append(f"  {_where(item)}: {detail}")
    criteria = [row for row in report.criteria() if row["missed"]]
    if criteria:
        lines += ["", "Criteria you miss most (in the answers you wrote):"]
        for row in criteria[:worst]:
            lines.append(f"  missed {row['missed']} of {row['graded']}  {row['rubric']} / {row['criterion']}: "
                         f"{row['description']}")
    elif report.criteria():
        lines += ["", "No criterion missed in the answers you wrote."]
    other = [a for a in report.answers if a.status in ("unknown-rubric", "error")]
    if other or report.problems:
        lines += ["", "Not graded:"]
        lines += [f"  {_where(a)}: {a.message}" for a in other]
        lines += [f"  {notebook}: {problem} (skipped)" for notebook, problem in report.problems]
    lines += ["", "This is the automatic checker's view (signals in your wording); your instructor has the final word."]
    return "\n".join(lines)


def plot_progress(report: ProgressReport, worst: int = 8):  # noqa: ANN201 - a matplotlib Figure, or None
    """Score per skill and, when there are any, the criteria missed most often; ``None`` with nothing to show.

    A chart with empty axes says nothing and looks broken, so a panel is only
    drawn when it has bars.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    skills = report.skills()
    criteria = [row for row in report.criteria() if row["missed"]][:worst]
    panels = [name for name, rows in (("skills", skills), ("criteria", criteria)) if rows]
    if not panels:
        return None
    height = max(3, 0.45 * max(len(skills), len(criteria), 4))
    figure, axes = plt.subplots(1, len(panels), figsize=(6 * len(panels), height), squeeze=False)
    axes = dict(zip(panels, axes[0]))
    if "skills" in axes:
        left = axes["skills"]
        names = list(skills)
        fractions = [100 * s["score"] / s["max_score"] if s["max_score"] else 0 for s in skills.values()]
        left.barh(names, fractions, color="#1a7f37")
        left.set_xlim(0, 100)
        left.set_xlabel("% of the assignment's points (unanswered parts count as 0)")
        left.set_title("Score per skill")
        left.invert_yaxis()
        for y, (value, entry) in enumerate(zip(fractions, skills.values())):
            left.text(min(value + 1, 80), y, f"{entry['score']:.3g}/{entry['max_score']:g}", va="center")
    if "criteria" in axes:
        right = axes["criteria"]
        right.barh([f"{row['rubric']} / {row['criterion']}" for row in criteria], [row["missed"] for row in criteria],
                   color="#b35900")
        right.set_xlabel("answers that missed it")
        right.xaxis.set_major_locator(MaxNLocator(integer=True))
        right.set_title("Criteria missed most")
        right.invert_yaxis()
    figure.tight_layout()
    return figure
