"""``softskills check``: grade a file (or stdin) against a rubric, as JSON or a readable report."""
from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rubric", required=True, metavar="ID", help="rubric id, e.g. pr-review/comment (see `softskills rubrics`)")
    parser.add_argument("--brief", metavar="ID", default=None,
                        help="the exercise's brief, e.g. 01-pr-review/part1-comment (see grader/briefs/): flags answers "
                             "about something else and figures the brief does not give")
    parser.add_argument("--format", choices=("json", "text"), default="json", help="output format (default: json)")
    parser.add_argument("file", nargs="?", default="-", metavar="FILE", help="the answer to grade; '-' or nothing reads stdin")


def run(args: argparse.Namespace) -> int:
    import json

    from grader.cli import UsageError
    from grader.brief import BriefError
    from grader.engine import check
    from grader.rubric import RubricError

    text = _read(args.file, UsageError)
    try:
        result = check(text, args.rubric, args.brief)
    except (RubricError, BriefError) as error:
        raise UsageError(str(error)) from None
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_text(result, color=sys.stdout.isatty()))
    return 0


def _read(path: str, usage_error: type[Exception]) -> str:
    """The answer text; raises ``usage_error`` with one clear line on any read problem."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise usage_error(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise usage_error(f"{'stdin' if path == '-' else path} is not UTF-8 text (invalid byte at offset {error.start})") from None


MAX_SHOWN_CHARS = 5000
_MET, _MISSED = ("{{", "}}"), ("[[", "]]")
_ANSI_MET, _ANSI_MISSED, _ANSI_RESET = ("\033[32m", "\033[31;1m", "\033[0m")


def render_text(result, color: bool = False) -> str:  # noqa: ANN001 - grader.result.Result, imported lazily
    """A readable report: score, the answer with earning/costing words marked, each criterion explained."""
    lines = [f"{result.rubric}: {result.title}", f"Score: {result.score:g} / {result.max_score:g}", ""]
    if result.cap is not None and result.score < result.uncapped_score:
        lines[-1:] = [result.cap.message, ""]
    lines.append(_highlight(result, color))
    if not color:
        lines.append("")
        lines.append("Legend: {{sentence}} earned a point, [[sentence]] cost one.")
    lines.append("")
    for criterion in result.criteria:
        mark = "\u2713" if criterion.met else "\u2717"
        lines.append(f"{mark} {criterion.id} ({criterion.earned:g}/{criterion.points:g}): {criterion.description}")
        lines.append(f"    {criterion.feedback}")
    for flag in result.flags:
        lines.append(f"! {flag.name}: {flag.message}")
    for suggestion in result.suggestions:
        lines.append(f"\u2022 suggestion: {suggestion.message}")
    return "\n".join(lines)


def _points_at_closest(criterion) -> bool:  # noqa: ANN001 - grader.result.CriterionResult
    """A missed move's span is the closest sentence, not words that cost the point (tone's are)."""
    if criterion.move is None:
        return False
    from grader.judgement.moves import catalogue

    return not catalogue()[criterion.move].absent


def _highlight(result, color: bool) -> str:  # noqa: ANN001
    text = result.text[:MAX_SHOWN_CHARS]
    marks: dict[tuple[int, int], bool] = {}
    for criterion in result.criteria:
        if not criterion.met and _points_at_closest(criterion):
            continue  # the closest candidate did not cost the point: it is named in the feedback only
        for span in criterion.spans:
            if span[1] - span[0] <= 400:  # whole paragraphs as evidence would mark everything
                marks[span] = marks.get(span, True) and criterion.met
    out, position = [], 0
    for (start, end), met in sorted(marks.items()):
        if start < position or end > len(text):
            continue
        if color:
            opening, closing = (_ANSI_MET if met else _ANSI_MISSED), _ANSI_RESET
        else:
            opening, closing = _MET if met else _MISSED
        out += [text[position:start], opening, text[start:end], closing]
        position = end
    out.append(text[position:])
    shown = "".join(out)
    if len(result.text) > MAX_SHOWN_CHARS:
        shown += f"\n... ({len(result.text) - MAX_SHOWN_CHARS:,} more characters not shown)"
    return shown
