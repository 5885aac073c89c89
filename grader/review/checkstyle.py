"""Results as Checkstyle XML, the format most CI annotation tools (and reviewdog ``-f=checkstyle``) read.

The same diagnostics as :mod:`grader.review.reviewdog`, at their start positions
(Checkstyle has no end position); ``source`` names the rubric and the criterion.
"""
from __future__ import annotations

import re
from xml.etree import ElementTree

from grader.result import Result
from grader.review.document import Document
from grader.review.reviewdog import diagnostics


# Characters XML 1.0 cannot carry at all (a pasted terminal log can hold them); shown as U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def checkstyle(graded: list[tuple[Result, Document]]) -> str:
    """A ``<checkstyle>`` document with one ``<file>`` per graded file (also when nothing is withheld)."""
    root = ElementTree.Element("checkstyle", version="4.3")
    for result, document in graded:
        file_element = ElementTree.SubElement(root, "file", name=document.path)
        for diagnostic in diagnostics(result, document):
            start = diagnostic["location"]["range"]["start"]
            ElementTree.SubElement(file_element, "error", {
                "line": str(start["line"]), "column": str(start["column"]), "severity": "warning",
                "message": _NOT_XML.sub("\ufffd", diagnostic["message"]),
                "source": f"softskills.{result.rubric}.{diagnostic['code']['value']}",
            })
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
