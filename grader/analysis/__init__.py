"""Text analysis computed once per answer and shared by every check.

Checks never re-tokenise: they ask the :class:`Analysis` of the answer for
sentences, tokens, Markdown structure or a named signal, each computed on first
use and cached on the object.
"""
from grader.analysis.text import Analysis, Span, Token

__all__ = ["Analysis", "Span", "Token"]
