"""Results as reviewdog diagnostics (rdjsonl and rdjson, the Reviewdog Diagnostic Format).

Every criterion that did not earn all its points becomes one diagnostic per span
of evidence (the words that cost the point), carrying the criterion's feedback,
so a pull-request comment lands on those words. A criterion missed for what the
text *lacks* has no words to point at; its diagnostic sits at the start of the
graded text. Met criteria and unscored suggestions are not reported: a review
tool shows what to change, and the full grade stays in ``--format json``.
Positions follow the format: 1-based lines, 1-based columns in UTF-8 bytes,
exclusive end.
"""
from __future__ import annotations

import json

from grader.result import Result
from grader.review.document import Document

SOURCE = "softskills"
SEVERITY = "WARNING"


def diagnostics(result: Result, document: Document) -> list[dict]:
    """The rdf ``Diagnostic`` messages for one graded document."""
    found = []
    for criterion in result.criteria:
        if criterion.earned >= criterion.points:
            continue
        spans = criterion.spans or ((document.start(), document.start()),)
        for start, end in spans:
            (start_line, start_column), (end_line, end_column) = document.position(start), document.position(end)
            found.append({
                "message": criterion.feedback,
                "location": {"path": document.path, "range": {
                    "start": {"line": start_line, "column": start_column},
                    "end": {"line": end_line, "column": end_column},
                }},
                "severity": SEVERITY,
                "source": {"name": f"{SOURCE} {result.rubric}"},
                "code": {"value": criterion.id},
            })
    return found


def rdjsonl(graded: list[tuple[Result, Document]]) -> str:
    """One JSON diagnostic per line (reviewdog ``-f=rdjsonl``); empty when nothing is withheld."""
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for result, doc in graded for d in diagnostics(result, doc))


def rdjson(graded: list[tuple[Result, Document]]) -> str:
    """One ``DiagnosticResult`` JSON document (reviewdog ``-f=rdjson``)."""
    every = [d for result, doc in graded for d in diagnostics(result, doc)]
    return json.dumps({"source": {"name": SOURCE}, "severity": SEVERITY, "diagnostics": every},
                      ensure_ascii=False, indent=2) + "\n"
