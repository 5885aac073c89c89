"""The committed move weights are what the documented training command produces, and the grader needs no trainer.

Retraining reads ../shared/data and needs scikit-learn (the ``train`` extra);
without them the reproduction test is skipped, saying why.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTIFACT = Path(__file__).resolve().parents[1] / "grader" / "models" / "moves.json"
COVERAGE = ARTIFACT.parent / "coverage.json"
MAX_BYTES = 5 * 1024 * 1024


def test_the_artifact_is_small_and_records_its_hash() -> None:
    assert ARTIFACT.stat().st_size <= MAX_BYTES
    data = json.loads(ARTIFACT.read_text(encoding="utf-8"))
    assert len(data["sha256"]) == 64 and data["moves"] and data["decisions"]


def test_retraining_reproduces_the_committed_artifact(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="training needs the 'train' extra (scikit-learn)")
    from grader.training.data import shared_dir

    if shared_dir() is None:
        pytest.skip("../shared is absent: the training data is not here")
    out = tmp_path / "moves.json"
    run = subprocess.run([sys.executable, "-m", "grader.training.train", "--out", str(out),
                          "--coverage-out", str(tmp_path / "coverage.json")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    retrained = json.loads(out.read_text(encoding="utf-8"))["sha256"]
    committed = json.loads(ARTIFACT.read_text(encoding="utf-8"))["sha256"]
    assert retrained == committed, "retrain with `python -m grader.training.train` and commit grader/models/moves.json"
    profiles = json.loads((tmp_path / "coverage.json").read_text(encoding="utf-8"))["sha256"]
    assert profiles == json.loads(COVERAGE.read_text(encoding="utf-8"))["sha256"], "commit grader/models/coverage.json"


def test_grading_imports_neither_scikit_learn_nor_numpy() -> None:
    code = (
        "import sys, grader; grader.check('`f()` on L3 leaks memory, so the pod restarts. Could we close it?', "
        "'pr-review/comment'); print(sorted(m for m in ('sklearn', 'numpy', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
