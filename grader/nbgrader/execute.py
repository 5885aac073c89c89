"""Autograde (execute step, in place of nbgrader's ``Execute``): run learner code only when a test needs it.

For every test cell of the master copy:

* a *choice/ranking* test (it reads only names that master answer cells set to
  literals) is run here, in the grading process, on the literals parsed from the
  snapshot of the submitted file (``literal_items``); the learner's code never runs
  for it, and an answer cell that is not plain literals scores 0 and is flagged;
* a *behaviour* test (it calls the learner's code) runs in the learner's
  notebook, executed in the OS sandbox (``sandbox``), rewritten so that it
  counts only when it really ran (``behaviour``).

An assignment with no behaviour test starts no kernel at all: written answers
(``SaveRubricGrades``) and choice answers come from the snapshot, and the
autograded notebook keeps the submission's cells with the grading outputs.
"""
from __future__ import annotations

import copy
import os
import secrets
from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbformat.v4 import new_output
from nbgrader.api import Gradebook
from nbgrader.preprocessors import Execute

from grader.nbgrader import behaviour, literal_items, sandbox
from grader.nbgrader.course import course_directory
from grader.nbgrader.master import MasterCell, MasterNotebook, load_master
from grader.nbgrader.snapshot import Snapshot, snapshot_for
from grader.nbgrader.tamper import Flag, cell_source, graded_copy


def test_cells(master: MasterNotebook) -> list[MasterCell]:
    return [c for c in master.cells if c.grade and not c.solution and c.cell_type == "code"]


def literal_answer_cells(master: MasterNotebook, sources: dict[str, str]) -> dict[str, set[str]]:
    """grade_id -> names it sets, for answer cells whose model answer (in ``sources``) is all literals.

    The gradebook keeps solution cells as released (the stub), so the model
    answer is read from the instructor's source notebook.
    """
    cells = {}
    for cell in master.cells:
        if cell.solution and not cell.grade and cell.cell_type == "code" and not cell.is_answer:
            names = literal_items.provided_names(sources.get(cell.grade_id, ""))
            if names:
                cells[cell.grade_id] = names
    return cells


def needs_kernel(master: MasterNotebook, sources: dict[str, str]) -> list[MasterCell]:
    """The master's behaviour tests: tests reading a name no literal answer cell sets."""
    provided = set().union(set(), *literal_answer_cells(master, sources).values())
    return [t for t in test_cells(master) if not literal_items.free_names(t.source) <= provided]


def source_cells(path: str) -> dict[str, str]:
    """grade_id -> source of the instructor's source notebook at ``path`` ({} if unreadable)."""
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            cells = json.load(handle)["cells"]
        return {c["metadata"]["nbgrader"]["grade_id"]: cell_source(c) for c in cells
                if isinstance(c.get("metadata", {}).get("nbgrader"), dict) and "grade_id" in c["metadata"]["nbgrader"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


class SandboxedExecute(Execute):
    """Grade choice tests from the snapshot; run the notebook (sandboxed) only for behaviour tests."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            master = load_master(gradebook, info["notebook"], info["assignment"])
        snapshot = snapshot_for(self, resources)
        coursedir = course_directory(self)
        folder = coursedir.format_path(coursedir.source_directory, ".", info["assignment"])
        self._sources = source_cells(os.path.join(folder, f"{info['notebook']}.ipynb"))
        if not self._sources:
            self.log.warning("Source notebook of %s not readable: every test runs in the notebook", info["notebook"])
        where = {cell.metadata.get("nbgrader", {}).get("grade_id"): index for index, cell in enumerate(nb.cells)}
        kernel_tests = needs_kernel(master, self._sources)
        if kernel_tests:
            self._run_behaviour_tests(nb, master, kernel_tests, where, snapshot)
        values, problems = self._literal_answers(master, snapshot)
        for test in test_cells(master):
            if test in kernel_tests or test.grade_id not in where:
                continue
            cell = nb.cells[where[test.grade_id]]
            blocking = [problems[name] for name in literal_items.free_names(test.source) if name in problems]
            cell.outputs = ([_error("AnswerNotReadable", blocking[0])] if blocking
                            else literal_items.run_test(test.source, values))
        return nb, resources

    def _literal_answers(self, master: MasterNotebook, snapshot: Snapshot) -> tuple[dict, dict[str, str]]:
        """Values set by the submitted literal answer cells, and name -> why it has no value."""
        values: dict = {}
        problems: dict[str, str] = {}
        for grade_id, names in literal_answer_cells(master, self._sources).items():
            copy_ = graded_copy(snapshot.notebook, grade_id)
            answer = literal_items.read_literal_answer(cell_source(copy_) if copy_ is not None else "")
            if answer.problem:
                message = f"The answer in cell '{grade_id}' was not graded: {answer.problem}."
                if not answer.syntax_error:
                    message += " Choice and ranking answers are read as plain values, never run."
                    snapshot.flags.append(Flag("non-literal-answer", message, grade_id))
                problems.update({name: message for name in names})
            elif answer.unanswered:
                problems.update({name: f"Not answered: cell '{grade_id}' still holds the released stub."
                                 for name in names})
            else:
                values.update(answer.values)
        return values, problems

    def _run_behaviour_tests(self, nb: NotebookNode, master: MasterNotebook, tests: list[MasterCell],
                             where: dict, snapshot: Snapshot) -> None:
        nonce = secrets.token_hex(12)
        literal_tests = {t.grade_id for t in test_cells(master)} - {t.grade_id for t in tests}
        to_run = copy.deepcopy(nb)
        for cell in to_run.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in literal_tests:
                cell.source = ""  # graded from the snapshot, never in the kernel
            elif master.cell(grade_id) in tests:
                cell.source = behaviour.instrument(master.cell(grade_id).source, nonce)
        executed, failure = sandbox.run_notebook(to_run, self._hidden_paths(), self.timeout or 30, self.log)
        if executed is not None and len(executed.get("cells", [])) != len(nb.cells):
            executed, failure = None, "the executed notebook came back with a different number of cells"
        if executed is None:
            self.log.warning("Behaviour tests of %s not run: %s", snapshot.path, failure)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            master_cell = master.cell(grade_id) if grade_id else None
            outputs = executed["cells"][index].get("outputs", []) if executed else []
            if master_cell in tests:
                if executed is None:
                    cell.outputs = [_error("BehaviourTestError", f"the behaviour test could not run: {failure}")]
                    continue
                trusted, bypass = behaviour.read_verdict(outputs, nonce, master_cell.points or 0.0)
                cell.outputs = [from_dict(o) for o in trusted]
                replaced = [o for o in trusted if o.get("output_type") == "error"
                            and "were replaced by the notebook's code" in str(o.get("evalue", ""))]
                if bypass or replaced:
                    why = bypass or str(replaced[0]["evalue"])
                    snapshot.flags.append(Flag("behaviour-test-bypassed", f"Behaviour test '{grade_id}' scored 0: "
                                               f"{why}.", grade_id))
            elif executed is not None:
                cell.outputs = [from_dict(o) for o in outputs if isinstance(o, dict)]

    def _hidden_paths(self) -> list[Path]:
        """Everything learner code must not see: the course, the instructor's home, the exchange, solutions."""
        import grader

        coursedir = course_directory(self)
        hidden = [Path(coursedir.root), Path(os.path.expanduser("~")),
                  Path(grader.__file__).resolve().parent.parent / "solutions"]
        exchange = self.config.get("Exchange", {}).get("root") or "/usr/local/share/nbgrader/exchange"
        hidden.append(Path(exchange))
        if coursedir.db_url.startswith("sqlite:///"):
            hidden.append(Path(coursedir.db_url[len("sqlite:///"):]).resolve().parent)
        return [p for p in hidden if str(p) not in ("/", "")]


def _error(name: str, message: str) -> NotebookNode:
    return new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"])
