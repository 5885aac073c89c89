"""What the widgets need to know about a rubric before grading: does it exist, its format.

Why a separate module: the widgets must tell "unknown rubric id" apart from an
engine failure and must know whether an answer is Python (``format: python``)
without grading it. Rubric ids are file paths under ``grader/rubrics`` by
convention, so existence is a file lookup; the metadata is the YAML's top-level keys.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

RUBRICS_DIR = Path(__file__).resolve().parent.parent / "rubrics"


def known_rubric_ids(rubrics_dir: Path | None = None) -> list[str]:
    """Every rubric id shipped with the course, sorted (``skill/name``)."""
    rubrics_dir = rubrics_dir or RUBRICS_DIR
    return sorted(
        path.relative_to(rubrics_dir).with_suffix("").as_posix()
        for path in rubrics_dir.glob("*/*.yaml")
    )


def rubric_exists(rubric_id: str, rubrics_dir: Path | None = None) -> bool:
    rubrics_dir = rubrics_dir or RUBRICS_DIR
    if not rubric_id or ".." in rubric_id or rubric_id.startswith("/"):
        return False
    return (rubrics_dir / f"{rubric_id}.yaml").is_file()


def unknown_rubric_message(rubric_id: str | None) -> str:
    """A message that says what went wrong and what would work instead."""
    known = known_rubric_ids()
    listing = ", ".join(known) if known else "(no rubrics are installed - is the course complete?)"
    if not rubric_id:
        return (
            "This answer cell does not name a rubric. The first line must look like\n"
            "    %%answer pr-review/comment\n"
            f"Known rubrics: {listing}"
        )
    return f"There is no rubric called '{rubric_id}'. Check the first line of the cell.\nKnown rubrics: {listing}"


def rubric_metadata(rubric_id: str, rubrics_dir: Path | None = None) -> dict:
    """``{"title", "prompt", "format"}`` of a rubric; ``format`` defaults to ``"text"``.

    Read straight from the rubric file's top-level keys (the rubric schema's
    public part) so the widgets do not depend on the engine's internal objects.
    """
    path = (rubrics_dir or RUBRICS_DIR) / f"{rubric_id}.yaml"
    data = _read_yaml(str(path), path.stat().st_mtime)
    meta = {key: data[key] for key in ("title", "prompt", "format") if isinstance(data.get(key), str)}
    meta.setdefault("format", "text")
    meta.setdefault("title", rubric_id)
    meta.setdefault("prompt", "")
    return meta


@lru_cache(maxsize=64)
def _read_yaml(path: str, _mtime: float) -> dict:
    import yaml

    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return data if isinstance(data, dict) else {}
