"""``softskills check``: grade files (or stdin) against a rubric, for a person, a script or a review tool.

Output formats: ``json`` (the full result; the default), ``text`` (a readable
report), and for review tools ``rdjsonl``/``rdjson`` (reviewdog) and
``checkstyle``, which place every withheld criterion at its words in the file.
``--msg-file`` grades a git commit message file as git would record it;
``--section`` grades one Markdown section (a README's "Why"). Exit codes: 0,
1 when a file scores under ``--fail-under``, 2 on any error (nothing graded).
"""
from __future__ import annotations

import argparse
import sys

FORMATS = ("json", "text", "rdjsonl", "rdjson", "checkstyle")
COMMIT_RUBRIC = "docs/commit-message"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rubric", metavar="ID",
                        help="rubric id, e.g. pr-review/comment (see `softskills rubrics`); "
                             f"with --msg-file the default is {COMMIT_RUBRIC}")
    parser.add_argument("--brief", metavar="ID", default=None,
                        help="the exercise's brief, e.g. 01-pr-review/part1-comment (see grader/briefs/): flags answers "
                             "about something else and figures the brief does not give")
    parser.add_argument("--format", choices=FORMATS, default="json",
                        help="output format (default: json); rdjsonl, rdjson and checkstyle report each withheld "
                             "criterion at its words (1-based lines, UTF-8 byte columns) for reviewdog")
    parser.add_argument("--msg-file", action="store_true",
                        help="FILE is a git commit message (.git/COMMIT_EDITMSG): grade it without git's comment "
                             "lines and the `git commit -v` diff below the scissors line")
    parser.add_argument("--section", metavar="REGEX",
                        help="grade only the body of the first Markdown section whose heading matches REGEX "
                             "(case-insensitive), e.g. --section '^why'")
    parser.add_argument("--fail-under", type=float, metavar="POINTS",
                        help="exit 1 when a file scores fewer than POINTS (errors exit 2)")
    parser.add_argument("files", nargs="*", default=["-"], metavar="FILE",
                        help="the answers to grade; '-' or nothing reads stdin")


def run(args: argparse.Namespace) -> int:
    import json

    from grader.cli import UsageError
    from grader.brief import BriefError
    from grader.engine import check
    from grader.rubric import RubricError

    rubric = args.rubric or (COMMIT_RUBRIC if args.msg_file else None)
    if rubric is None:
        raise UsageError("--rubric is required (see `softskills rubrics`)")
    if args.msg_file and args.section:
        raise UsageError("use --msg-file or --section, not both")
    if args.format == "json" and len(args.files) > 1:
        raise UsageError("--format json grades one file; use rdjsonl, rdjson, checkstyle or text for several")
    documents = [_document(path, _read(path, UsageError), args, UsageError) for path in args.files]
    try:
        graded = [(check(document.text, rubric, args.brief), document) for document in documents]
    except (RubricError, BriefError) as error:
        raise UsageError(str(error)) from None

    if args.format == "json":
        print(json.dumps(graded[0][0].to_dict(), ensure_ascii=False, indent=2))
    elif args.format == "text":
        color = sys.stdout.isatty()
        print("\n\n".join((f"== {doc.path} ==\n" if len(graded) > 1 else "") + render_text(result, color=color)
                          for result, doc in graded))
    else:
        from grader.review import checkstyle, reviewdog

        render = {"rdjsonl": reviewdog.rdjsonl, "rdjson": reviewdog.rdjson, "checkstyle": checkstyle.checkstyle}
        sys.stdout.write(render[args.format](graded))

    if args.fail_under is None:
        return 0
    under = [(doc.path, result) for result, doc in graded if result.score < args.fail_under]
    for path, result in under:
        missed = ", ".join(c.id for c in result.criteria if c.earned < c.points)
        print(f"softskills check: {_name(path)} scores {result.score:g} / {result.max_score:g}, under "
              f"--fail-under {args.fail_under:g} (missing: {missed or 'nothing'})", file=sys.stderr)
    return 1 if under else 0


def _name(path: str) -> str:
    return "stdin" if path == "-" else path


def _document(path: str, decoded: str, args: argparse.Namespace, usage_error: type[Exception]):  # noqa: ANN202
    """The part of the file that is graded, mapped back to the file (a grader.review.document.Document)."""
    from grader.review.document import Document

    name = _name(path)
    if args.msg_file:
        from grader.review.commit_message import commit_message, git_comment_prefix

        return commit_message(name, decoded, git_comment_prefix())
    if args.section:
        import re

        from grader.review.sections import SectionNotFound, markdown_section

        try:
            return markdown_section(name, decoded, args.section)
        except re.error as error:
            raise usage_error(f"--section {args.section!r} is not a valid regular expression: {error}") from None
        except SectionNotFound as error:
            raise usage_error(str(error)) from None
    return Document.whole_file(name, decoded)


def _read(path: str, usage_error: type[Exception]) -> str:
    """The file's text (a byte-order mark kept, so columns can count it); one clear error line on any problem."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise usage_error(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise usage_error(f"{_name(path)} is not UTF-8 text (invalid byte at offset {error.start})") from None


MAX_SHOWN_CHARS = 5000
_MET, _MISSED = ("{{", "}}"), ("[[", "]]")
_ANSI_MET, _ANSI_MISSED, _ANSI_RESET = ("\033[32m", "\033[31;1m", "\033[0m")


def render_text(result, color: bool = False) -> str:  # noqa: ANN001 - grader.result.Result, imported lazily
    """A readable report: score, the answer with earning/costing words marked, each criterion explained."""
    lines = [f"{result.rubric}: {result.title}", f"Score: {result.score:g} / {result.max_score:g}", ""]
    if result.cap_binds:
        lines[-1:] = [result.cap.message, ""]
    if result.coverage_lowers:
        lines[-1:] = [result.coverage.message, ""]
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
