"""Markdown to HTML for scenario text shown inside widgets.

Why not ``IPython.display.Markdown``: widgets.HTML needs a string, and one HTML
string per scenario keeps the widget tree flat and fast to update. mistune is
already installed as a dependency of nbconvert (which nbgrader needs); without
it, the text is shown escaped with its line breaks kept, still readable.
"""
from __future__ import annotations

import html


def markdown_html(text: str) -> str:
    try:
        import mistune
    except ImportError:
        return f'<div style="white-space: pre-wrap;">{html.escape(text or "")}</div>'
    return mistune.html(text or "")


def markdown_lines_html(text: str) -> str:
    """Markdown that keeps the author's line breaks (an option quoting a chat message keeps its shape)."""
    try:
        import mistune
    except ImportError:
        return f'<div style="white-space: pre-wrap;">{html.escape(text or "")}</div>'
    return mistune.create_markdown(hard_wrap=True)(text or "")


def markdown_inline_html(text: str) -> str:
    """An option's text without the paragraph around it (line breaks kept)."""
    rendered = markdown_lines_html(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def plain_label(text: str) -> str:
    """Text for a widget label, which cannot hold HTML: code backticks dropped, lines joined."""
    return " ".join(text.replace("`", "").split())
