"""One module per ``softskills`` sub-command (see ``grader.cli``)."""
