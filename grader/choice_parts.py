"""Score an exercise's choice and ranking parts locally, the way nbgrader will.

Why: self-study progress showed only the written answers (20 of an
assignment's 27 points), so the learner's standing did not match the
assignment. A choice part is a plain value (``choice = "c"``,
``ranking = ["b", "a", "c"]``) checked by a test cell whose hidden part is the
answer key. The key is the course's own master copy in ``solutions/``, so the
part can be scored without a kernel: the learner's cell is read as literals only
(``ast.literal_eval``: nothing the learner wrote is executed), and the master
test runs on those values with nbgrader's rule: an error scores 0, a number as
the last expression is partial credit, otherwise full points.

A part whose answer is code (the self-documenting-code function) is left to
grading: running the learner's code is the instructor's autograder's job.
"""
from __future__ import annotations

import ast
import contextlib
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class ChoiceScore:
    status: str  # "checked" | "empty" | "not-checked" | "error"
    earned: float
    message: str = ""


class NotLiteral(ValueError):
    """The answer cell holds something other than plain values assigned to names."""


def literal_answers(source: str) -> dict:
    """``{"choice": "c"}`` from ``choice = "c"``; comments are ignored. Raises ``NotLiteral`` otherwise."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise NotLiteral(f"the cell is not valid Python ({error.msg}, line {error.lineno})") from error
    values = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            raise NotLiteral("only plain values can be checked here (for example choice = \"a\")")
        try:
            values[node.targets[0].id] = ast.literal_eval(node.value)
        except ValueError as error:
            raise NotLiteral(f"{node.targets[0].id} is not a plain value (a string, list or dict)") from error
    return values


def score_part(answer_source: str, format_check: str, master_test: str, points: float) -> ChoiceScore:
    """Score one choice part: the learner's answer cell, their format check, then the master test.

    ``format_check`` is the test cell as released (its messages are the
    learner's to read); ``master_test`` adds the hidden answer key, whose
    messages would give the answer away, so a failure there only says "not correct".
    """
    try:
        values = literal_answers(answer_source)
    except NotLiteral as error:
        return ChoiceScore("not-checked", 0.0, f"{error}; it is scored when your instructor grades")
    if not values:
        return ChoiceScore("empty", 0.0, "not answered yet")
    try:
        _run(format_check, values)
    except Exception as error:  # noqa: BLE001 - any failure of the format check is the learner's to fix
        return ChoiceScore("checked", 0.0, f"format check failed: {error or type(error).__name__}")
    try:
        result = _run(master_test, values)
    except Exception:  # noqa: BLE001 - a wrong answer fails the answer key's assertions
        return ChoiceScore("checked", 0.0, "not correct")
    if isinstance(result, (int, float)) and not isinstance(result, bool):
        return ChoiceScore("checked", max(0.0, min(float(points), float(result))))
    return ChoiceScore("checked", float(points))


def _run(code: str, values: dict) -> object:
    """Run the course's test code on the learner's values; return the last expression's value (or None)."""
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    namespace = {"__name__": "__multiplier_progress__", **values}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(tree, "<answer key>", "exec"), namespace)  # noqa: S102 - the course's own test code
        if last is None:
            return None
        return eval(compile(ast.Expression(last.value), "<answer key>", "eval"), namespace)  # noqa: S307
