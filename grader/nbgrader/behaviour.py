"""Behaviour tests that count only when they really ran: the test cell as it runs in the sandbox.

A behaviour test (e.g. "``prorated_refund`` returns these 12 values") has to
call the learner's code, so it runs in the learner's kernel, where the learner
may have shadowed ``float`` or ``sum``, patched the ``builtins`` module, returned
an object whose ``__eq__`` is always true, or swallowed the cell's output
(nbgrader gives full marks to a test cell that shows neither an error nor a
number). The instructor's test is therefore rewritten before it is sent to the
sandbox (the learner never sees the rewritten text, and the autograded
notebook keeps the original):

* it runs in a fresh namespace holding only the names it reads from the
  notebook, so a learner's ``float = ...`` is not the test's ``float``;
* every builtin it uses must still be Python's own (a C function or type of
  that name), else it fails with the name of what was replaced;
* ``==`` and ``!=`` compare only plain values (numbers, strings, dates and
  containers of them, exact types): a learner-made object never equals anything;
* ``assert`` statements are counted, and the final expression (a partial score)
  must be a plain number;
* at the end it prints a verdict line carrying a nonce; ``read_verdict`` turns
  the outputs into the trusted form. No verdict, no assertion and no score,
  or a non-number score: the test failed.

This makes cheating by accident or by a few lines impossible and cheating on
purpose visible (hooks into IPython are flagged by ``tamper.py``); code in the
same process can in principle forge anything, which is why the kernel also runs
in an OS sandbox and written and choice answers never depend on it.
"""
from __future__ import annotations

import ast
import builtins
import json
import re

from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_output

from grader.nbgrader.literal_items import free_names

_HARNESS = r'''
def __multiplier_behaviour_test(__source, __nonce, __needs, __builtin_names, __user):
    __type = ().__class__.__class__
    __module_dict = __type(__builtins__) is dict and __builtins__ or __builtins__.__dict__
    __builtin_fn = [].append.__class__
    __problems = []
    for __name in __builtin_names:
        __value = __module_dict.get(__name)
        if __type(__value) is __builtin_fn:
            __ok = __value.__name__ == __name and __value.__self__.__name__ == "builtins"
        elif __type(__value) is __type:
            __ok = __value.__name__ == __name and __value.__module__ == "builtins" and not (__value.__flags__ & 512)
        else:
            __ok = False
        if not __ok:
            __problems.append(__name)
    if __problems:
        raise AssertionError("the behaviour test cannot run: Python's builtin(s) " + ", ".join(__problems)
                             + " were replaced by the notebook's code")
    __plain = (int, float, bool, str, bytes, __type(None), complex)
    import datetime as __dt, decimal as __dec
    __plain = __plain + (__dt.date, __dt.datetime, __dt.timedelta, __dec.Decimal)
    def __is_plain(__v, __depth=0):
        __t = __type(__v)
        if __t in __plain:
            return True
        if __depth > 20:
            return False
        if __t in (list, tuple, set, frozenset):
            return all(__is_plain(__x, __depth + 1) for __x in __v)
        if __t is dict:
            return all(__is_plain(__k, __depth + 1) and __is_plain(__x, __depth + 1) for __k, __x in __v.items())
        return False
    __state = {"asserts": 0}
    def __eq(__a, __b):
        if not (__is_plain(__a) and __is_plain(__b)):
            return False
        return __type(__a) == __type(__b) and __a == __b or (__type(__a) in (int, float) and __type(__b) in (int, float) and __a == __b)
    def __ne(__a, __b):
        return not __eq(__a, __b)
    def __count():
        __state["asserts"] += 1
    __namespace = {"__builtins__": __module_dict, "__mp_eq": __eq, "__mp_ne": __ne, "__mp_count": __count}
    for __name in __needs:
        if __name in __user:
            __namespace[__name] = __user[__name]
    exec(compile(__source, "<behaviour test>", "exec"), __namespace)
    __result = __namespace.get("__mp_result")
    if __result is not None and __type(__result) not in (int, float, bool):
        raise AssertionError("the behaviour test's score is not a plain number")
    print("[multiplier-verdict " + __nonce + "] asserts=%d result=%r" % (__state["asserts"], __result))
'''
_VERDICT = re.compile(r"^\[multiplier-verdict (?P<nonce>[0-9a-f]+)\] asserts=(?P<asserts>\d+) "
                      r"result=(?P<result>None|-?[0-9.e+-]+|True|False|inf|nan)\s*$", re.MULTILINE)


class _Rewrite(ast.NodeTransformer):
    def visit_Assert(self, node: ast.Assert) -> list[ast.stmt]:
        self.generic_visit(node)
        count = ast.Expr(ast.Call(ast.Name("__mp_count", ast.Load()), [], []))
        return [count, node]

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        self.generic_visit(node)
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            helper = "__mp_eq" if isinstance(node.ops[0], ast.Eq) else "__mp_ne"
            return ast.Call(ast.Name(helper, ast.Load()), [node.left, node.comparators[0]], [])
        return node


def instrument(test_source: str, nonce: str) -> str:
    """The code the sandbox runs in place of the instructor's test cell."""
    tree = ast.parse(test_source)
    tree = _Rewrite().visit(tree)
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        tree.body[-1] = ast.Assign([ast.Name("__mp_result", ast.Store())], tree.body[-1].value)
    ast.fix_missing_locations(tree)
    source = ast.unparse(tree)
    needs = sorted(free_names(test_source))
    used_builtins = sorted(_builtins_used(test_source) | {"exec", "compile", "print", "all", "int",
                                                          "float", "bool", "str", "bytes", "complex", "list",
                                                          "tuple", "set", "frozenset", "dict", "__import__"})
    return (_HARNESS + f"\n__multiplier_behaviour_test({source!r}, {nonce!r}, {json.dumps(needs)}, "
            f"{json.dumps(used_builtins)}, globals())\n")


def _builtins_used(test_source: str) -> set[str]:
    names = {n.id for n in ast.walk(ast.parse(test_source)) if isinstance(n, ast.Name)}
    return names & set(dir(builtins))


def read_verdict(outputs: list, nonce: str, points: float) -> tuple[list[NotebookNode], str | None]:
    """The test cell's outputs in trusted form, and a failure reason if the test did not really pass.

    An error output stays as it is (nbgrader scores it 0). Otherwise the verdict
    line must be there; the learner's prints are kept, the verdict line removed,
    and the score becomes the execute_result nbgrader reads.
    """
    stdout = "".join(_text(o) for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stdout")
    errors = [o for o in outputs if o.get("output_type") == "error"]
    verdicts = [m for m in _VERDICT.finditer(stdout) if m.group("nonce") == nonce]
    shown = _VERDICT.sub("", stdout).strip("\n")
    kept: list[NotebookNode] = [new_output("stream", name="stdout", text=shown + "\n")] if shown else []
    if errors:
        return kept + [errors[-1]], None
    if len(verdicts) != 1:
        return kept + [_error("the behaviour test did not run to the end")], "did not run to the end"
    asserts, result = int(verdicts[0].group("asserts")), verdicts[0].group("result")
    if result == "None":
        if asserts == 0:
            return kept + [_error("the behaviour test ran no assertion")], "ran no assertion"
        return kept, None
    score = {"True": 1.0, "False": 0.0}.get(result)
    score = float(result) if score is None else score
    if score != score or score in (float("inf"), float("-inf")):
        return kept + [_error("the behaviour test's score is not a number")], "score is not a number"
    score = max(0.0, min(points, score))
    return kept + [new_output("execute_result", data={"text/plain": repr(score)}, execution_count=None)], None


def _text(output: dict) -> str:
    text = output.get("text", "")
    return "".join(text) if isinstance(text, list) else str(text)


def _error(message: str) -> NotebookNode:
    return new_output("error", ename="BehaviourTestError", evalue=message, traceback=[f"BehaviourTestError: {message}"])
