"""Choice, matching and ranking items graded from the submitted text, without running the learner's code.

A choice item is a solution cell such as ``choice = "c"`` (or a dict of labels,
a list in ranked order) and a locked test cell that checks the names it sets.
Running the learner's notebook to learn the value of ``choice`` hands the grade
to whatever that code does: a ``str`` subclass whose ``__eq__`` is always true
passes every hidden ``assert``. So here the answer cell is *parsed* from the
snapshot of the submitted file: every statement must be ``name = <literal>``
(``ast.literal_eval``: strings, numbers, lists, dicts, tuples, sets), and the
instructor's test (the master copy from the gradebook, hidden tests included)
runs in the grading process on those plain values, with Python's own builtins.
A cell holding anything else scores zero on its test and is flagged.

Which tests can be graded this way is decided from the master copy only: a test
qualifies when every name it reads from the notebook is set by a master answer
cell that is itself all literals. Everything else (a behaviour test calling a
learner's function) needs a kernel: see ``execute.py``.
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import io
import traceback
from dataclasses import dataclass, field

from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_output

UNANSWERED_STUB = "raise NotImplementedError()"  # nbgrader's code stub in a released solution cell


@dataclass(frozen=True)
class LiteralAnswer:
    """What one choice/ranking answer cell of a submission sets, or why it could not be read."""

    values: dict = field(default_factory=dict)
    problem: str | None = None  # set when the cell is not plain literals
    unanswered: bool = False  # still the released stub
    syntax_error: bool = False


def read_literal_answer(source: str) -> LiteralAnswer:
    """Parse ``name = <literal>`` statements; never executes anything."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return LiteralAnswer(problem=f"it is not valid Python (line {error.lineno}: {error.msg})", syntax_error=True)
    if _is_stub(tree):
        return LiteralAnswer(unanswered=True)
    values: dict = {}
    for statement in tree.body:
        if not isinstance(statement, ast.Assign) or not all(isinstance(t, ast.Name) for t in statement.targets):
            return LiteralAnswer(problem=f"line {statement.lineno} is not of the form name = value "
                                         f"({type(statement).__name__})")
        try:
            value = ast.literal_eval(statement.value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return LiteralAnswer(problem=f"the value on line {statement.lineno} is not a plain literal "
                                         "(only strings, numbers, lists, dicts, tuples and sets are read)")
        for target in statement.targets:
            values[target.id] = value
    return LiteralAnswer(values=values)


def _is_stub(tree: ast.Module) -> bool:
    return bool(tree.body) and all(ast.unparse(s) == UNANSWERED_STUB for s in tree.body)


def provided_names(master_source: str) -> set[str]:
    """Names a master answer cell sets if it is all literals, else an empty set."""
    answer = read_literal_answer(master_source)
    return set() if answer.problem or answer.unanswered else set(answer.values)


def free_names(test_source: str) -> set[str]:
    """Names a test reads that it neither sets nor imports itself, builtins excluded."""
    try:
        tree = ast.parse(test_source)
    except SyntaxError:
        return {"<unparsable test>"}
    loaded, stored = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else stored).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stored.add(node.name)
        elif isinstance(node, ast.arg):
            stored.add(node.arg)
        elif isinstance(node, ast.alias):
            stored.add((node.asname or node.name).split(".")[0])
    return loaded - stored - set(dir(builtins))


def run_test(test_source: str, values: dict) -> list[NotebookNode]:
    """Run an instructor's test on plain values in this process; outputs as the kernel would record them.

    The test is the master copy (trusted code); ``values`` are literals parsed
    from the submission, deep-copied so a test cannot leak state between learners.
    """
    namespace = {"__builtins__": builtins, **copy.deepcopy(values)}
    tree = ast.parse(test_source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    stdout = io.StringIO()
    outputs: list[NotebookNode] = []
    try:
        with contextlib.redirect_stdout(stdout):
            exec(compile(tree, "<test>", "exec"), namespace)  # noqa: S102 - the instructor's test
            result = eval(compile(ast.Expression(last.value), "<test>", "eval"), namespace) if last else None
    except Exception as error:  # the test failing is the expected outcome for a wrong answer
        _add_stream(outputs, stdout.getvalue())
        outputs.append(new_output("error", ename=type(error).__name__, evalue=str(error),
                                  traceback=traceback.format_exception_only(type(error), error)))
        return outputs
    _add_stream(outputs, stdout.getvalue())
    if result is not None:
        outputs.append(new_output("execute_result", data={"text/plain": repr(result)}, execution_count=None))
    return outputs


def _add_stream(outputs: list[NotebookNode], text: str) -> None:
    if text:
        outputs.append(new_output("stream", name="stdout", text=text))
