"""The scenario widget's kernel side: a ranking box that is never blank, a static copy for restarts."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from grader.notebook import scenario
from grader.notebook.scenario_widget import NO_RANK

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import fake_engine  # noqa: E402 - tests/fixtures/fake_engine.py


@pytest.fixture
def fake(monkeypatch):
    fake_engine.install(monkeypatch)


def test_ranking_boxes_start_on_a_visible_prompt_and_cannot_be_submitted_blank(fake):
    widget = scenario("demo/order")
    boxes = list(widget.rank_inputs.values())
    assert all(box.value == NO_RANK and box.label == "Rank\u2026" for box in boxes)
    widget.on_submit()
    assert "Give every option a rank" in widget.status.value and widget.feedback.value == ""
    for rank, box in enumerate(boxes, start=1):
        box.value = rank
    widget.on_submit()
    assert widget.status.value == "" and "expert order" in widget.feedback.value


def test_static_copy_shows_the_situation_and_every_option(fake):
    widget = scenario("demo/pick")
    html = widget.static_html()
    assert widget.scenario.title in html
    assert all(f"<strong>{letter}.</strong>" in html for letter in "AB")
    assert "var(--jp-layout-color1" in html  # theme colours, readable in the dark theme
