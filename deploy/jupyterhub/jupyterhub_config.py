"""JupyterHub for a Multiplier cohort on one machine: learners, instructors, formgrader, one exchange.

What runs (all on 127.0.0.1 unless MULTIPLIER_HUB_IP says otherwise):

* the hub and configurable-http-proxy (npm) in front of everything, on MULTIPLIER_HUB_PORT;
* one Jupyter server per learner (SimpleLocalProcessSpawner: a process of the hub's own OS
  user, home folder MULTIPLIER_HUB_STATE/home/<name>). learner/nbgrader_config.py makes nbgrader
  record each submission under the learner's *hub* name, since all servers share one OS account;
* nbgrader's formgrader as a hub service named ``formgrader``: a Jupyter server in the course
  folder (MULTIPLIER_COURSE, this repository or a copy), which only instructors may open;
* the exchange MULTIPLIER_EXCHANGE, a folder every server reads and writes.

DummyAuthenticator accepts the listed users with the password MULTIPLIER_HUB_PASSWORD: for a
trial or a workshop on a private network, not the internet (use The Littlest JupyterHub or
Zero to JupyterHub with a real authenticator, see docs/instructor-guide.md).

    MULTIPLIER_COURSE=$PWD MULTIPLIER_EXCHANGE=/usr/local/share/nbgrader/exchange \\
    MULTIPLIER_INSTRUCTORS=instructor MULTIPLIER_LEARNERS=ana,bo,cai MULTIPLIER_HUB_PASSWORD=... \\
    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
"""
import os
import secrets
from pathlib import Path

HERE = Path(__file__).resolve().parent
env = os.environ.get


def names(variable: str) -> list[str]:
    return [name.strip() for name in env(variable, "").split(",") if name.strip()]


state = Path(env("MULTIPLIER_HUB_STATE", "/srv/multiplier-hub")).resolve()
course = Path(env("MULTIPLIER_COURSE", HERE.parents[1])).resolve()
exchange = env("MULTIPLIER_EXCHANGE", "/usr/local/share/nbgrader/exchange")
ip = env("MULTIPLIER_HUB_IP", "127.0.0.1")
port = int(env("MULTIPLIER_HUB_PORT", "8000"))
instructors, learners = names("MULTIPLIER_INSTRUCTORS"), names("MULTIPLIER_LEARNERS")
state.mkdir(parents=True, exist_ok=True)

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

# --- the hub and its proxy: loopback, state kept in one folder ------------------------------------------------
c.JupyterHub.ip = ip
c.JupyterHub.port = port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("MULTIPLIER_HUB_API_PORT", str(port + 81)))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(env('MULTIPLIER_PROXY_API_PORT', str(port + 1)))}"
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server

# --- who may log in ---------------------------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = env("MULTIPLIER_HUB_PASSWORD") or secrets.token_urlsafe(24)
c.Authenticator.allowed_users = set(instructors + learners)
c.Authenticator.admin_users = set(instructors)

# --- learners' servers ------------------------------------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
# Jupyter refuses to run as root without this; a container or CI job may be root.
ROOT_ARGS = ["--allow-root"] if os.geteuid() == 0 else []
c.Spawner.args = ROOT_ARGS
c.Spawner.start_timeout = 120   # a loaded 2-core machine starts a server in 5-20 s
c.Spawner.http_timeout = 120
# Servers (and the formgrader service) get 2 s to stop on SIGINT before SIGTERM: a Jupyter server
# without a terminal waits for a confirmation that never comes.
c.LocalProcessSpawner.interrupt_timeout = 2
c.Spawner.environment = {
    "MULTIPLIER_EXCHANGE": exchange,
    "JUPYTER_CONFIG_PATH": str(HERE / "learner"),  # learner/nbgrader_config.py: course id and exchange
}

# --- formgrader: a hub service for instructors, in the course folder -------------------------------------------
c.JupyterHub.services = [{
    "name": "formgrader",
    "url": f"http://127.0.0.1:{int(env('MULTIPLIER_FORMGRADER_PORT', str(port + 2)))}",
    "command": ["jupyterhub-singleuser", *ROOT_ARGS],
    "cwd": str(course),
    "environment": {"MULTIPLIER_EXCHANGE": exchange, "JUPYTERHUB_DEFAULT_URL": "/formgrader"},
    "oauth_no_confirm": True,
}]
c.JupyterHub.load_roles = [
    {"name": "instructor", "users": instructors,
     "scopes": ["access:services!service=formgrader", "admin:users", "admin:servers", "tokens"]},
    {"name": "formgrader", "services": ["formgrader"], "scopes": ["read:users:name", "list:users"]},
]
if env("MULTIPLIER_HUB_ADMIN_TOKEN"):
    # A token for scripts that manage the cohort (create users' tokens, start servers); tests use it.
    c.JupyterHub.services.append({"name": "course-admin", "api_token": env("MULTIPLIER_HUB_ADMIN_TOKEN")})
    c.JupyterHub.load_roles.append({"name": "course-admin", "services": ["course-admin"],
                                    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers",
                                               "access:services"]})
