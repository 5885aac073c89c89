"""Cohort analytics for one assignment: what the class gets right, what it keeps missing.

``data`` reads the gradebook (nbgrader's tables plus the ``multiplier_*`` tables
written at autograde time), ``analytics`` turns it into per-item and
per-criterion figures, ``charts`` draws them, ``render`` writes HTML and CSV.
"""
