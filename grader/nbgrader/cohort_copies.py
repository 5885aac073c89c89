"""After a cohort is autograded: flag near-duplicate answers between learners, naming the pair.

Runs in ``softskills autograde`` once every learner is graded (a per-learner step
cannot see the others). Each flagged pair gets an integrity flag row for both
learners, a line in the cell's automatic comment (formgrader shows it) and
nbgrader's "flagged" mark. Re-running replaces the previous pair flags.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from grader.nbgrader import copies

KIND = "near-duplicate"


def answer_texts(results) -> dict[tuple[str, str], dict[str, str]]:  # noqa: ANN001 - StoredResult list
    """(notebook, grade_id) -> {student: answer text} for every graded written answer."""
    texts: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for stored in results:
        if stored.status == "graded" and stored.result and stored.result.get("answer_text"):
            texts[(stored.notebook, stored.grade_id)][stored.student] = stored.result["answer_text"]
    return texts


def duplicate_pairs(results) -> list[dict]:  # noqa: ANN001
    """Every near-duplicate pair: notebook, grade_id, the two learners and their similarity."""
    pairs = []
    for (notebook, grade_id), answers in sorted(answer_texts(results).items()):
        for first, second, value in copies.near_duplicates(answers):
            pairs.append({"notebook": notebook, "grade_id": grade_id, "first": first, "second": second,
                          "similarity": value})
    return pairs


def flag_near_duplicates(course: Path, assignment: str) -> list[str]:
    """Write the pair flags into the gradebook; the log lines for the autograde summary."""
    from nbgrader.api import Gradebook
    from sqlalchemy import delete, insert

    from grader.nbgrader import store
    from grader.nbgrader.course import course_settings

    db_url, course_id = course_settings(course)
    lines = []
    with Gradebook(db_url) as gradebook:
        connection = gradebook.db.connection()
        store.ensure_tables(connection)
        store.serialize(connection, store.LOCK_COHORT_PASS)  # shards finishing together: one pass at a time
        table = store.integrity_flags
        connection.execute(delete(table).where(table.c.assignment == assignment, table.c.kind == KIND))
        for pair in duplicate_pairs(store.read_results(connection, assignment)):
            for me, other in ((pair["first"], pair["second"]), (pair["second"], pair["first"])):
                message = (f"Answer cell '{pair['grade_id']}' is a near-duplicate of {other}'s answer "
                           f"({pair['similarity']:.0%} of 3-word sequences shared); both were scored as written.")
                connection.execute(insert(table).values(course=course_id, assignment=assignment,
                                                        notebook=pair["notebook"], student=me,
                                                        grade_id=pair["grade_id"], kind=KIND, message=message))
                comment = gradebook.find_comment(pair["grade_id"], pair["notebook"], assignment, me)
                if message not in (comment.auto_comment or ""):
                    comment.auto_comment = (comment.auto_comment or "") + f"\n\nIntegrity flag: {message}"
                gradebook.find_submission_notebook(pair["notebook"], assignment, me).flagged = True
                lines.append(f"[integrity] student '{me}', {pair['notebook']}.ipynb: {message}")
        gradebook.db.commit()
    return lines
