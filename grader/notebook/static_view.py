"""A readable copy of each widget, saved in the notebook next to the live widget.

Why: a widget is drawn from a model in the kernel. After a browser reload with
a new kernel, or a server restart, the saved notebook still points at that model
and JupyterLab shows "Error displaying widget: model not found". So every widget
cell writes two outputs: first this plain HTML view (what the widget shows, plus
"run this cell to continue"), then the widget. A few CSS rules carried in the
HTML itself show exactly one of them: the live widget when it is drawn, the
static view otherwise (the "model not found" placeholder is hidden).

The same HTML carries a one-time keyboard handler: Escape in a course widget's
text box moves focus out to the notebook, as it does in a cell editor.

Both rely on the notebook being trusted, which it is for outputs made on the
learner's own machine; untrusted, JupyterLab strips them and both outputs show.
"""
from __future__ import annotations

from grader.notebook import theme

STATIC_CLASS = "multiplier-static"
LIVE_CLASS = "multiplier-live"  # added to the widget's outer box

_RULES = (
    "<style>"
    f".jp-OutputArea-child:has(.{STATIC_CLASS}):has(+ .jp-OutputArea-child .{LIVE_CLASS}) {{ display: none; }}"
    f".jp-OutputArea-child:has(.{STATIC_CLASS}) + .jp-OutputArea-child:not(:has(.{LIVE_CLASS})) "
    "{ display: none; }"
    # a saved output gets JupyterLab's rendered-HTML table style (right-aligned cells); the widget does not
    f".{STATIC_CLASS} td, .{STATIC_CLASS} th {{ text-align: left !important; }}"
    "</style>"
)
_ESCAPE = (
    "<script>(() => {"
    "if (window.multiplierEscape) { return; } window.multiplierEscape = true;"
    "document.addEventListener('keydown', (event) => {"
    "const box = event.target;"
    f"if (event.key !== 'Escape' || !box.closest || !box.closest('.{LIVE_CLASS}')) {{ return; }}"
    "if (!box.matches('textarea, input, select')) { return; }"
    "event.preventDefault(); event.stopPropagation(); box.blur();"
    "const notebook = box.closest('.jp-Notebook');"
    "if (notebook) { notebook.focus({preventScroll: true}); }"
    "}, true);"
    "})();</script>"
)

CONTINUE_WITH_DRAFT = "Run this cell to continue \u2014 your draft is kept."
CONTINUE = "Run this cell (Shift+Enter) to use this widget."


def notice_html(message: str) -> str:
    return (
        f'<div style="border-left: 4px solid {theme.INFO}; padding: 4px 10px; margin-bottom: 8px; '
        f'font-weight: 600; color: {theme.TEXT};">&#9654; {message}</div>'
    )


def static_view_html(body: str, message: str) -> str:
    """The saved stand-in for a widget: ``message`` on top of ``body`` (already-escaped HTML)."""
    return f'{_RULES}{_ESCAPE}<div class="{STATIC_CLASS}" style="{theme.CARD}">{notice_html(message)}{body}</div>'


class StaticView:
    """The static output of one widget cell; ``show()`` once, then ``update()`` as the widget changes."""

    def __init__(self, body: str, message: str) -> None:
        self.body, self.message = body, message
        self._handle = None

    def bundle(self) -> dict:
        return {"text/html": static_view_html(self.body, self.message), "text/plain": self.message}

    def show(self) -> None:
        from IPython.display import display

        self._handle = display(self.bundle(), raw=True, display_id=True)

    def update(self, body: str) -> None:
        self.body = body
        if self._handle is not None:
            self._handle.update(self.bundle(), raw=True)


def display_with_static_view(widget, view: StaticView) -> None:  # noqa: ANN001 - an ipywidgets widget
    """Show the static view, then the live widget (the order the CSS rules above expect)."""
    from IPython.display import display

    widget.add_class(LIVE_CLASS)
    view.show()
    display(widget)
