"""Widgets for lessons and exercises: ``from grader.notebook import scenario, live_editor``.

``%load_ext grader`` registers the ``%%answer`` magic (see ``grader.notebook.magic``);
``render_result_html`` is the feedback panel as plain HTML, shared with the nbgrader glue.
"""
from __future__ import annotations

from grader.notebook.live_editor import live_editor
from grader.notebook.panel import render_result_html
from grader.notebook.scenario_widget import scenario

__all__ = ["scenario", "live_editor", "render_result_html"]
