"""Python source of a ``format: python`` answer, parsed once with ``ast``.

Why ``ast`` and not regex: names, docstrings and literals have exact meanings
in the syntax tree (a number in a string is not a magic number; ``x`` in a
comment is not a variable). A syntax error is recorded, not raised, so every
python check can report it as a clear miss.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from grader.analysis.text import Analysis, Span

MAX_SOURCE_CHARS = 300_000  # parsing megabytes of "code" helps nobody; beyond this it is refused


@dataclass
class Name:
    text: str
    kind: str  # function | argument | variable | class
    span: Span


@dataclass
class Function:
    name: str
    span: Span  # the name in the def line
    docstring: str | None
    docstring_span: Span | None
    arguments: list[str]
    node: ast.AST


@dataclass
class PythonCode:
    error: str | None = None
    error_span: Span | None = None
    functions: list[Function] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    module_constants: set[str] = field(default_factory=set)
    numbers: list[tuple[float | int | complex, Span]] = field(default_factory=list)  # literals inside function bodies


class _Offsets:
    """(line, column-in-UTF-8-bytes) -> character offset into the answer text."""

    def __init__(self, analysis: Analysis) -> None:
        self.lines = analysis.lines
        self.norm = analysis.norm

    def offset(self, lineno: int, col: int) -> int:
        if lineno - 1 >= len(self.lines):
            return len(self.norm)
        start, end = self.lines[lineno - 1]
        prefix = self.norm[start:end].encode("utf-8")[:col].decode("utf-8", errors="ignore")
        return start + len(prefix)

    def span(self, node: ast.AST, length: int | None = None) -> Span:
        start = self.offset(node.lineno, node.col_offset)
        if length is not None:
            return (start, start + length)
        end_line, end_col = getattr(node, "end_lineno", None), getattr(node, "end_col_offset", None)
        return (start, self.offset(end_line, end_col)) if end_line else (start, start + 1)


def parse(analysis: Analysis) -> PythonCode:
    source = analysis.norm
    if len(source) > MAX_SOURCE_CHARS:
        return PythonCode(error=f"the code is longer than {MAX_SOURCE_CHARS:,} characters")
    try:
        tree = ast.parse(source.replace("\x00", " "))
    except SyntaxError as error:
        line = error.lineno or 1
        where = _Offsets(analysis).offset(line, 0) if line <= len(analysis.lines) else 0
        end = analysis.lines[line - 1][1] if line <= len(analysis.lines) else len(source)
        return PythonCode(error=f"line {line}: {error.msg}", error_span=(where, end))
    except (ValueError, RecursionError, MemoryError) as error:
        return PythonCode(error=f"the code cannot be parsed ({type(error).__name__})")
    return _collect(tree, _Offsets(analysis))


def _collect(tree: ast.Module, offsets: _Offsets) -> PythonCode:
    code = PythonCode()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id.isupper():
                    code.module_constants.add(target.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id.isupper():
            code.module_constants.add(node.target.id)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            _add_definition(code, node, offsets)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            code.names.append(Name(node.id, "variable", offsets.span(node)))
        elif isinstance(node, ast.arg) and node.arg not in ("self", "cls"):
            code.names.append(Name(node.arg, "argument", offsets.span(node, len(node.arg))))
    for function in code.functions:
        _collect_numbers(code, function.node, offsets)
    code.names.sort(key=lambda n: n.span)
    code.numbers.sort(key=lambda n: n[1])
    return code


def _add_definition(code: PythonCode, node: ast.AST, offsets: _Offsets) -> None:
    keyword = "class " if isinstance(node, ast.ClassDef) else ("async def " if isinstance(node, ast.AsyncFunctionDef) else "def ")
    start = offsets.offset(node.lineno, node.col_offset)
    name_start = offsets.norm.find(node.name, start)
    name_span = (name_start, name_start + len(node.name)) if name_start >= 0 else (start, start + len(keyword))
    code.names.append(Name(node.name, "class" if keyword == "class " else "function", name_span))
    if keyword == "class ":
        return
    docstring = ast.get_docstring(node)
    doc_span = None
    if docstring is not None:
        doc_span = offsets.span(node.body[0])
    arguments = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs if a.arg not in ("self", "cls")]
    code.functions.append(Function(node.name, name_span, docstring, doc_span, arguments, node))


def _collect_numbers(code: PythonCode, function: ast.AST, offsets: _Offsets) -> None:
    defaults = {id(d) for d in function.args.defaults + function.args.kw_defaults if d is not None}
    for node in ast.walk(function):
        if id(node) in defaults:
            continue
        if isinstance(node, ast.Constant) and type(node.value) in (int, float, complex):
            code.numbers.append((node.value, offsets.span(node)))
