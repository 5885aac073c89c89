"""Colours and card styles for every piece of course HTML, taken from JupyterLab's theme variables.

Why CSS variables and not fixed colours: the same HTML is shown in the light and
the dark theme (and in high contrast), in widgets and in saved outputs. A fixed
white card with dark text was a white slab in the dark theme. Each ``var()``
carries a light-theme fallback, so the HTML still reads well where no JupyterLab
theme is loaded (an nbgrader feedback file, a browser opening the HTML directly).

Highlights mix a theme colour with transparency (``color-mix``) so the tint
works on any background and the text keeps the theme's own text colour.
"""
from __future__ import annotations

TEXT = "var(--jp-content-font-color1, #1f2328)"
MUTED = "var(--jp-content-font-color2, #57606a)"
FAINT = "var(--jp-content-font-color3, #6e7781)"
BACKGROUND = "var(--jp-layout-color1, #ffffff)"
SUBTLE_BACKGROUND = "var(--jp-layout-color2, #f3f4f6)"
BORDER = "var(--jp-border-color1, #c8ccd1)"
RULE = "var(--jp-border-color2, #eaeef2)"
MET = "var(--jp-success-color0, #1a7f37)"
MISSED = "var(--jp-warn-color0, #b35900)"
PARTIAL = "var(--jp-warn-color1, #9a6700)"
ERROR = "var(--jp-error-color0, #cf222e)"
INFO = "var(--jp-info-color0, #0969da)"
NEUTRAL = MUTED

FONT = "font-family: var(--jp-content-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif); " \
       "font-size: 14px; line-height: 1.45;"
CARD = (
    f"{FONT} color: {TEXT}; background: {BACKGROUND}; border: 1px solid {BORDER}; border-radius: 6px; "
    "padding: 10px 12px; max-width: 60rem; box-sizing: border-box;"
)


def tint(colour: str, percent: int = 22) -> str:
    """A translucent version of a theme colour: a highlight that reads on light and dark backgrounds."""
    return f"color-mix(in srgb, {colour} {percent}%, transparent)"


MARK_MET = f"background: {tint(MET)}; color: inherit; border-radius: 3px; padding: 1px 2px; " \
           f"box-shadow: inset 0 -2px 0 {MET}; -webkit-box-decoration-break: clone; box-decoration-break: clone;"
MARK_MISSED = f"background: {tint(MISSED)}; color: inherit; border-radius: 3px; padding: 1px 2px; " \
              f"box-shadow: inset 0 -2px 0 {MISSED}; -webkit-box-decoration-break: clone; " \
              "box-decoration-break: clone;"
