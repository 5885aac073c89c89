"""Autograde (first sanitize step): keep the submitted file as it was before any learner code ran.

nbgrader reads ``submitted/<student>/<assignment>/<notebook>.ipynb``, sanitizes
it, then executes the learner's notebook. Code in that notebook could rewrite
the submitted file (model answers in, itself out) before a later step reads it
again. So the very first sanitize step keeps the file's bytes, their sha256
and the parsed JSON in the grading process's memory; every later grading step
(written answers, choice and ranking answers, integrity checks) reads this
snapshot and never the file. After grading, ``softskills autograde`` compares
the file's hash with the snapshot's to prove the file was left unchanged.

The snapshot hangs off the running nbgrader converter (the object that owns the
``CourseDirectory``), which lives for the whole autograde of one learner, across
the sanitize and autograde passes; nothing is written to disk.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from grader.nbgrader.course import course_directory


@dataclass
class Snapshot:
    """One submitted notebook as it was on disk when grading began."""

    path: str
    sha256: str
    notebook: dict  # the raw JSON (unvalidated: a tampered file may not validate)
    flags: list = field(default_factory=list)  # grader.nbgrader.tamper.Flag, added by later steps


def _run_state(configurable) -> dict:  # noqa: ANN001 - traitlets objects
    """The per-run dict on the converter (the parent that owns ``coursedir``)."""
    node = configurable
    while node is not None and getattr(node, "coursedir", None) is None:
        node = node.parent
    if node is None:
        raise RuntimeError(f"{type(configurable).__name__} runs inside an nbgrader command only")
    if not hasattr(node, "_multiplier_snapshots"):
        node._multiplier_snapshots = {}
    return node._multiplier_snapshots


def take_snapshot(path: str) -> Snapshot:
    """Read ``path`` once: bytes, hash and parsed JSON."""
    import nbformat

    with open(path, "rb") as handle:
        raw = handle.read()
    data = json.loads(raw.decode("utf-8"))
    if isinstance(data, dict) and data.get("nbformat", 4) < 4:  # older notebooks, as nbformat would upgrade them
        data = nbformat.convert(nbformat.from_dict(data), 4)
    return Snapshot(path=path, sha256=hashlib.sha256(raw).hexdigest(), notebook=data)


def snapshot_for(configurable, resources: ResourcesDict) -> Snapshot:  # noqa: ANN001
    """The snapshot taken for this learner's notebook in the sanitize pass of this run."""
    info = resources["nbgrader"]
    key = (info["student"], info["assignment"], info["notebook"])
    try:
        return _run_state(configurable)[key]
    except KeyError:
        raise RuntimeError(f"no snapshot of {key}: SnapshotSubmission must be the first sanitize step "
                           "in nbgrader_config.py") from None


class SnapshotSubmission(NbGraderPreprocessor):
    """Keep the submitted file's bytes, hash and JSON before anything else happens."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        coursedir = course_directory(self)
        folder = coursedir.format_path(coursedir.submitted_directory, info["student"], info["assignment"])
        path = os.path.join(folder, f"{info['notebook']}.ipynb")
        _run_state(self)[(info["student"], info["assignment"], info["notebook"])] = take_snapshot(path)
        return nb, resources
