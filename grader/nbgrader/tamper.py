"""Find what a submission changed that it should not have, by comparing it with the master copy.

Detection never decides a grade: grading already ignores everything a learner
can forge (scores come from the master rubric id and points, and from the answer
text in the file, computed outside the kernel). The flags exist so the
instructor *sees* the attempt, in the automatic comment, the autograde log and
the cohort report, and can talk to the learner.

Works on the submitted notebook as raw JSON (a dict), not on a validated
``NotebookNode``, because a tampered file is exactly the one whose metadata may
not validate.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from grader.answers import is_answer_cell, parse_answer_cell
from grader.nbgrader.master import MasterCell, MasterNotebook

# Code that rebinds the checker or the %%answer magic inside the learner's kernel.
# Heuristic by nature (code can hide intent); it only raises a flag.
_KERNEL_TAMPERING = [
    (re.compile(r"\bgrader(?:\s*\.\s*\w+)+\s*=(?!=)"), "assigns to an attribute of the grader package"),
    (re.compile(r"\bsetattr\s*\(\s*grader\b"), "calls setattr on the grader package"),
    (re.compile(r"sys\s*\.\s*modules\s*\[\s*['\"]grader"), "replaces a grader module in sys.modules"),
    (re.compile(r"register_magic_function|register_cell_magic|magics_manager|register_magics"),
     "registers its own IPython magic"),
    # hooks that could read or rewrite a later cell or its output (a behaviour test's verdict)
    (re.compile(r"events\s*\.\s*register|(?:pre|post)_run_cell|displayhook|\.run_cell\b|input_transformers"),
     "hooks into how IPython runs cells or shows results"),
    (re.compile(r"\bsys\s*\.\s*(?:settrace|setprofile|addaudithook)|\bgc\s*\.\s*get_(?:objects|referrers)"),
     "installs an interpreter hook or walks the interpreter's objects"),
    (re.compile(r"\bbuiltins\s*\.\s*\w+\s*=(?!=)|__builtins__\s*(?:\[|\.|=(?!=))"),
     "replaces one of Python's builtins"),
]
_HIDDEN_TESTS = re.compile(r"^[^\n]*BEGIN HIDDEN TESTS.*?END HIDDEN TESTS[^\n]*(?:\n|\Z)", re.DOTALL | re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
_TAG = re.compile(r"<[^>]*>")
# Saved outputs may legitimately hold feedback for an earlier draft of the answer,
# so a few unknown words are normal; this many is text that was never in the cell.
FOREIGN_WORDS_THRESHOLD = 12


@dataclass(frozen=True)
class Flag:
    """One integrity problem found in a submission."""

    kind: str
    message: str
    grade_id: str | None = None  # the master cell it concerns, if any

    def to_dict(self) -> dict:
        return {"kind": self.kind, "grade_id": self.grade_id, "message": self.message}


def cell_source(cell: dict) -> str:
    """A raw cell's source as one string (nbformat allows a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source or "")


def nbgrader_metadata(cell: dict) -> dict | None:
    """The cell's nbgrader metadata if it is a dict, else None."""
    metadata = cell.get("metadata")
    meta = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return meta if isinstance(meta, dict) else None


def cells_of(submitted: dict) -> list[dict]:
    cells = submitted.get("cells")
    return [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []


def graded_copy(submitted: dict, grade_id: str) -> dict | None:
    """The submitted cell nbgrader grades for ``grade_id``: the last cell carrying it.

    nbgrader's DeduplicateIds keeps the last of several cells with one grade_id
    (it walks the notebook backwards); following the same rule means the text we
    grade is the text nbgrader shows in formgrader.
    """
    copies = [c for c in cells_of(submitted) if (nbgrader_metadata(c) or {}).get("grade_id") == grade_id]
    return copies[-1] if copies else None


def detect_tampering(submitted: dict, master: MasterNotebook) -> list[Flag]:
    """Every difference from the master copy that a learner should not have made."""
    flags: list[Flag] = []
    cells = cells_of(submitted)
    occurrences: dict[str, int] = {}
    for number, cell in enumerate(cells, start=1):
        flags += _check_cell_metadata(number, cell, master, occurrences)
        flags += _check_kernel_tampering(number, cell)
    for grade_id, count in occurrences.items():
        if count > 1:
            flags.append(Flag("duplicate-cell", f"Cell '{grade_id}' appears {count} times; only the last copy "
                                                "was graded (nbgrader's rule).", grade_id))
    for master_cell in master.cells:
        copy = graded_copy(submitted, master_cell.grade_id)
        if copy is None:
            flags.append(_missing(master_cell))
        elif master_cell.locked and _normalise(cell_source(copy)) != _normalise(released_source(master_cell)):
            flags.append(Flag("edited-locked-cell", f"Locked cell '{master_cell.grade_id}' was edited; the master "
                                                    "copy was put back before the notebook ran.", master_cell.grade_id))
        elif master_cell.is_answer:
            flags += _check_magic_line(copy, master_cell)
    kernel = _kernel_name(submitted)
    if master.kernel_name and kernel != master.kernel_name:
        now = f"was changed to '{kernel}'" if kernel else "is missing"
        flags.append(Flag("kernel-changed", f"The notebook's kernel {now}; it ran with the assignment's kernel "
                                            f"'{master.kernel_name}'."))
    return flags


def released_source(master_cell: MasterCell) -> str:
    """The source as released: the gradebook keeps hidden tests, the learner never saw them."""
    return _HIDDEN_TESTS.sub("", master_cell.source)


def foreign_output_words(cell: dict, known_text: str) -> list[str]:
    """Words in a cell's saved outputs that appear nowhere in ``known_text`` (sorted, unique).

    ``known_text`` is what may legitimately show up there: the cell's text and
    the feedback panel rendered for it.
    """
    known = {w.lower() for w in _WORD.findall(_plain(known_text))}
    found = {w.lower() for w in _WORD.findall(_plain(_output_text(cell)))}
    return sorted(found - known)


def hidden_output_flag(cell: dict, known_text: str, grade_id: str) -> Flag | None:
    """A flag when an answer cell's outputs hold text that is not in the answer."""
    foreign = foreign_output_words(cell, known_text)
    if len(foreign) < FOREIGN_WORDS_THRESHOLD:
        return None
    sample = ", ".join(foreign[:6])
    return Flag("text-in-outputs", f"Answer cell '{grade_id}' has {len(foreign)} words in its saved output that are "
                                   f"not in its text (e.g. {sample}). Outputs are never graded; this is hidden text "
                                   "or feedback from a much older draft.", grade_id)


def _check_cell_metadata(number: int, cell: dict, master: MasterNotebook, occurrences: dict[str, int]) -> list[Flag]:
    metadata = cell.get("metadata")
    if isinstance(metadata, dict) and "nbgrader" in metadata and not isinstance(metadata["nbgrader"], dict):
        return [Flag("invalid-metadata", f"Cell {number} has nbgrader metadata that is not an object; it was "
                                         "treated as an ordinary cell.")]
    meta = nbgrader_metadata(cell)
    if meta is None:
        if cell.get("cell_type") == "code" and is_answer_cell(cell_source(cell)):
            return [Flag("extra-answer-cell", f"Cell {number} is an extra %%answer cell without the assignment's "
                                              "metadata (copied or added); it was not graded.")]
        return []
    grade_id = meta.get("grade_id")
    known = isinstance(grade_id, str) and master.cell(grade_id) is not None
    if not known and not any(meta.get(flag) for flag in ("grade", "solution", "locked", "task")):
        return []  # an ordinary cell with leftover nbgrader keys: nbgrader ignores it too
    if not known:
        return [Flag("unknown-cell", f"Cell {number} carries grade_id {grade_id!r}, which is not in the assignment; "
                                     "it was not graded (a renamed grade_id leaves the real cell missing).")]
    occurrences[grade_id] = occurrences.get(grade_id, 0) + 1
    master_cell = master.cell(grade_id)
    changes = _metadata_changes(meta, cell.get("cell_type"), master_cell)
    if not changes:
        return []
    return [Flag("changed-metadata", f"Cell '{grade_id}': nbgrader metadata changed ({'; '.join(changes)}); the "
                                     "master values were used.", grade_id)]


def _metadata_changes(meta: dict, cell_type: object, master_cell: MasterCell) -> list[str]:
    expected = master_cell.nbgrader_metadata()
    changes = []
    for field in ("grade", "solution", "locked", "task"):
        if bool(meta.get(field, False)) != bool(expected.get(field, False)):
            changes.append(f"{field} {bool(expected.get(field, False))} -> {meta.get(field)!r}")
    if master_cell.points is not None:
        try:
            points = float(meta.get("points"))
        except (TypeError, ValueError):
            points = None
        if points != master_cell.points:
            changes.append(f"points {master_cell.points:g} -> {meta.get('points')!r}")
    if cell_type != master_cell.cell_type:
        changes.append(f"cell type {master_cell.cell_type} -> {cell_type!r}")
    return changes


def _check_magic_line(copy: dict, master_cell: MasterCell) -> list[Flag]:
    parsed = parse_answer_cell(cell_source(copy))
    if parsed is None or not parsed.rubric:
        return [Flag("magic-line-changed", f"Answer cell '{master_cell.grade_id}' no longer starts with "
                                           f"'%%answer {master_cell.rubric}'; its text was graded with that rubric.",
                     master_cell.grade_id)]
    if parsed.rubric != master_cell.rubric:
        return [Flag("rubric-changed", f"Answer cell '{master_cell.grade_id}' names rubric '{parsed.rubric}' instead "
                                       f"of '{master_cell.rubric}'; it was graded with '{master_cell.rubric}'.",
                     master_cell.grade_id)]
    return []


def _check_kernel_tampering(number: int, cell: dict) -> list[Flag]:
    if cell.get("cell_type") != "code":
        return []
    source = cell_source(cell)
    for pattern, what in _KERNEL_TAMPERING:
        match = pattern.search(source)
        if match:
            return [Flag("kernel-tampering", f"Cell {number} {what} ('{match.group(0).strip()}'); written and "
                                             "choice answers are graded outside the notebook's kernel, behaviour "
                                             "tests in a sandbox that checks for this.")]
    return []


def _missing(master_cell: MasterCell) -> Flag:
    if master_cell.is_answer:
        what = (f"Answer cell '{master_cell.grade_id}' is missing (deleted, or its grade_id was changed); it "
                "scores 0 unless you grade it by hand.")
    elif master_cell.grade:
        what = f"Test cell '{master_cell.grade_id}' was deleted; the master copy was put back and run."
    else:
        what = f"Cell '{master_cell.grade_id}' of the assignment was deleted."
    return Flag("missing-cell", what, master_cell.grade_id)


def _kernel_name(submitted: dict) -> str | None:
    metadata = submitted.get("metadata")
    kernelspec = metadata.get("kernelspec") if isinstance(metadata, dict) else None
    return kernelspec.get("name") if isinstance(kernelspec, dict) else None


def _normalise(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def _output_text(cell: dict) -> str:
    pieces: list[str] = []
    outputs = cell.get("outputs")
    for output in outputs if isinstance(outputs, list) else []:
        if not isinstance(output, dict):
            continue
        pieces.append(_as_text(output.get("text")))
        data = output.get("data")
        if isinstance(data, dict):
            pieces += [_as_text(value) for mime, value in data.items() if mime.startswith("text/")]
    return "\n".join(pieces)


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return value if isinstance(value, str) else ""


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text))
