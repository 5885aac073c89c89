"""nbgrader settings every learner's server loads (JUPYTER_CONFIG_PATH points here; the course image copies
this file to /etc/jupyter/nbgrader_config.py): which course, where the shared exchange is mounted, and
who is submitting. nbgrader names a submission after the OS user, which is the same for every learner
when all servers run as one account (SimpleLocalProcessSpawner, or ``jovyan`` in every Zero to JupyterHub
container); the hub's user name is the learner's id instead."""
import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file
c.CourseDirectory.course_id = "multiplier"
c.Exchange.root = os.environ.get("MULTIPLIER_EXCHANGE", "/usr/local/share/nbgrader/exchange")
if os.environ.get("JUPYTERHUB_USER"):
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
