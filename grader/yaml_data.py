"""Reading the grader's YAML files (rubrics, lexicons, moves, word lists, labeled answers).

Why one function: libyaml's safe loader, where PyYAML was built with it, reads these
files several times faster than the pure-Python one, and a whole ``softskills check``
pays for every file it reads at start-up. Both loaders build the same data.
"""
from __future__ import annotations

from typing import Any


def load_yaml(text: str) -> Any:
    """The data of one YAML document (safe: plain mappings, lists and scalars only)."""
    import yaml  # imported here: ``import grader`` stays fast

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
