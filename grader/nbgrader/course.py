"""Where a course's gradebook is, as nbgrader itself would work it out.

``softskills autograde`` and ``softskills report`` run in the same folder as the
nbgrader commands and must open the same database, so they read the same
``nbgrader_config.py`` through nbgrader's own ``CourseDirectory`` instead of
guessing ``gradebook.db``.
"""
from __future__ import annotations

from pathlib import Path


def course_settings(course: Path) -> tuple[str, str]:
    """(db_url, course_id) for the course folder ``course`` (its nbgrader_config.py, else nbgrader's defaults)."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    if (course / "nbgrader_config.py").is_file():
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    coursedir = CourseDirectory(config=config)
    coursedir.root = str(course)
    return coursedir.db_url, coursedir.course_id


def course_directory(configurable):  # noqa: ANN001, ANN201 - traitlets objects
    """The running nbgrader converter's CourseDirectory, found by walking up a preprocessor's parents.

    nbgrader hands preprocessors only the notebook and ``resources`` (ids and the
    db url); the file paths (submitted/, source/) live on the converter, which is
    the exporter's parent.
    """
    node = configurable
    while node is not None:
        coursedir = getattr(node, "coursedir", None)
        if coursedir is not None:
            return coursedir
        node = node.parent
    raise RuntimeError(f"{type(configurable).__name__} runs inside an nbgrader command only: no CourseDirectory found")
