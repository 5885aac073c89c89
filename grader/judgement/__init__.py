"""Judgement by sentence moves: which sentence of an answer delivers each criterion.

``moves`` reads the catalogue (grader/moves.yaml), ``features`` turns each unit
of an answer into feature names, ``model`` scores them with the committed
weights (pure Python, so the grader still runs in Pyodide) and decides.
"""
