"""The inter-labeler agreement benchmark computes Cohen's kappa correctly and samples stably."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("bench_label_agreement", ROOT / "benchmarks" / "bench_label_agreement.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def test_kappa_matches_a_worked_example():
    # 50 judgements: both yes 20, both no 15, first-only 5, second-only 10.
    # p_o = 0.7; p_yes = 0.5 * 0.6 = 0.3; p_no = 0.5 * 0.4 = 0.2; p_e = 0.5; kappa = 0.4.
    pairs = [(True, True)] * 20 + [(False, False)] * 15 + [(True, False)] * 5 + [(False, True)] * 10
    assert bench.cohen_kappa(pairs) == pytest.approx(0.4)


def test_kappa_is_one_for_identical_mixed_labels_and_undefined_for_constant_ones():
    assert bench.cohen_kappa([(True, True), (False, False)]) == pytest.approx(1.0)
    assert bench.cohen_kappa([(True, True)] * 5) is None
    assert bench.cohen_kappa([]) is None


def test_sample_is_about_a_fifth_and_independent_of_order():
    ids = [f"ta-pr-{n:03d}" for n in range(1000)]
    chosen = [i for i in ids if bench.in_sample(i)]
    assert 150 <= len(chosen) <= 250
    assert chosen == [i for i in reversed(ids) if bench.in_sample(i)][::-1]
