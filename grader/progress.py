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
from grader.result import Result

SKIPPED_PARTS = {".ipynb_checkpoints"}


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
        data = {"notebook": self.notebook, "cell": self.cell, "skill": self.skill, "rubric": self.rubric,
                "status": self.status, "points": self.available, "earned": round(self.earned, 6)}
        if self.result is not None:
            data["result"] = self.result.to_dict()
        if self.message:
            data["message"] = self.message
        return data


@dataclass
class ProgressReport:
    workspace: Path
    answers: list[AnswerGrade] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (notebook, what is wrong)

    def skills(self) -> dict[str, dict]:
        """Per skill: points earned of the points available, and how many answers are written."""
        summary: dict[str, dict] = defaultdict(lambda: {"score": 0.0, "max_score": 0.0, "written": 0, "answers": 0})
        for answer in self.answers:
            if answer.result is None:
                continue
            entry = summary[answer.skill]
            entry["answers"] += 1
            entry["max_score"] += answer.available
            if answer.status == "graded":
                entry["written"] += 1
                entry["score"] += answer.earned
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


def grade_notebook(path: Path, relative: Path) -> list[AnswerGrade]:
    """Grade every answer cell of one notebook (empty answers are listed, not scored)."""
    import grader
    from grader.notebook.rubric_info import rubric_exists

    grades = []
    for index, cell in enumerate(read_cells(path)):
        if cell.get("cell_type") != "code":
            continue
        answer = parse_answer_cell(_cell_source(cell))
        if answer is None:
            continue
        points = (cell.get("metadata") or {}).get("nbgrader", {}).get("points")
        common = dict(notebook=relative.as_posix(), cell=index, skill=_skill_of(relative), rubric=answer.rubric or "",
                      points=points if isinstance(points, (int, float)) and not isinstance(points, bool) else None)
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
    return grades


def exercise_notebooks(workspace: Path, folder: str = "exercises") -> list[Path]:
    root = workspace / folder
    return sorted(path for path in root.rglob("*.ipynb") if not SKIPPED_PARTS.intersection(path.parts))


def collect_progress(workspace: Path, folder: str = "exercises") -> ProgressReport:
    """Grade all exercise notebooks under ``workspace/folder``."""
    workspace = Path(workspace)
    report = ProgressReport(workspace=workspace)
    for path in exercise_notebooks(workspace, folder):
        relative = path.relative_to(workspace)
        try:
            report.answers.extend(grade_notebook(path, relative))
        except (ValueError, OSError) as error:
            report.problems.append((relative.as_posix(), str(error)))
    return report


def render_text(report: ProgressReport, worst: int = 5) -> str:
    """The report as a few readable lines for a terminal or a notebook."""
    lines = [f"Progress in {report.workspace}",
             "Written answers only; the choice and ranking parts are scored when your instructor grades.", ""]
    skills = report.skills()
    if not skills:
        lines.append("No written answers found (no %%answer cells under exercises/).")
    for skill, entry in skills.items():
        percent = round(100 * entry["score"] / entry["max_score"]) if entry["max_score"] else 0
        lines.append(f"  {skill:<28} {entry['score']:.3g}/{entry['max_score']:g} points ({percent}%), "
                     f"{entry['written']} of {entry['answers']} answers written")
    written = [a for a in report.answers if a.status in ("graded", "empty")]
    if written:
        lines += ["", "Answers:"]
        for answer in written:
            where = f"{answer.notebook} cell {answer.cell + 1}"
            if answer.status == "empty":
                lines.append(f"  {where}: not written yet")
                continue
            missed = [c.id for c in answer.result.criteria if not c.met]
            verdict = f"missed {', '.join(missed)}" if missed else "every criterion met"
            lines.append(f"  {where}: {answer.earned:.3g}/{answer.available:g} points, {verdict}")
    criteria = [row for row in report.criteria() if row["missed"]]
    if criteria:
        lines += ["", "Criteria you miss most (in the answers you wrote):"]
        for row in criteria[:worst]:
            lines.append(f"  missed {row['missed']} of {row['graded']}  {row['rubric']} / {row['criterion']}: "
                         f"{row['description']}")
    elif skills:
        lines += ["", "No criterion missed in the answers you wrote."]
    other = [a for a in report.answers if a.status in ("unknown-rubric", "error")]
    if other or report.problems:
        lines += ["", "Not graded:"]
        lines += [f"  {a.notebook} cell {a.cell + 1}: {a.message}" for a in other]
        lines += [f"  {notebook}: {problem} (skipped)" for notebook, problem in report.problems]
    lines += ["", "This is the automatic checker's view (signals in your wording); your instructor has the final word."]
    return "\n".join(lines)


def plot_progress(report: ProgressReport, worst: int = 8):  # noqa: ANN201 - a matplotlib Figure
    """Two charts: score per skill, and the criteria missed most often."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    skills = report.skills()
    criteria = [row for row in report.criteria() if row["missed"]][:worst]
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, max(3, 0.45 * max(len(skills), len(criteria), 4))))
    names = list(skills)
    fractions = [100 * s["score"] / s["max_score"] if s["max_score"] else 0 for s in skills.values()]
    left.barh(names, fractions, color="#1a7f37")
    left.set_xlim(0, 100)
    left.set_xlabel("% of points (empty answers count as 0)")
    left.set_title("Score per skill")
    left.invert_yaxis()
    for y, (value, entry) in enumerate(zip(fractions, skills.values())):
        left.text(min(value + 1, 80), y, f"{entry['score']:.3g}/{entry['max_score']:g}", va="center")
    labels = [f"{row['rubric']} / {row['criterion']}" for row in criteria]
    right.barh(labels, [row["missed"] for row in criteria], color="#b35900")
    right.set_xlabel("answers that missed it")
    right.xaxis.set_major_locator(MaxNLocator(integer=True))
    right.set_title("Criteria missed most")
    right.invert_yaxis()
    if not criteria:
        right.text(0.5, 0.5, "nothing missed yet", ha="center", va="center", transform=right.transAxes)
    figure.tight_layout()
    return figure
