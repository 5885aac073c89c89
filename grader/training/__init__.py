"""Training and measurement of the learned sentence moves (not imported by ``import grader``).

Everything here needs the labeled data (``../shared/data`` and ``tests/calibration``)
and, for training, scikit-learn (``pip install -e .[train]``). The grader at run time
only reads the small committed artifact ``grader/models/moves.json``.
"""
