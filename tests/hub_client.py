"""Drive a running JupyterHub as its users do: the hub's REST API, users' Jupyter servers, their kernels.

Used by tests/test_jupyterhub.py and benchmarks/bench_hub.py. Everything goes through the
hub's proxy (one base URL), with each user's own API token, so a request reaches a user's
server exactly as the user's browser would. Only the standard library and tornado (a
Jupyter dependency) are used.
"""
from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / "deploy" / "jupyterhub" / "jupyterhub_config.py"


class HubError(RuntimeError):
    """A request to the hub or a user's server failed."""


@dataclass
class Hub:
    """A hub at ``base_url`` (the proxy's address), managed with ``admin_token``."""

    base_url: str
    admin_token: str

    def request(self, method: str, path: str, token: str, body: dict | None = None,
                query: dict | None = None, timeout: float = 120) -> dict | list | str | None:
        url = self.base_url.rstrip("/") + urllib.parse.quote(path, safe="/") + (("?" + urllib.parse.urlencode(query)) if query else "")
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            raise HubError(f"{method} {path}: HTTP {error.code}: {error.read().decode('utf-8', 'replace')[:500]}") from None
        if not text:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text

    def wait_until_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.request("GET", "/hub/api/", self.admin_token, timeout=5)
                return
            except (HubError, OSError):
                if time.monotonic() > deadline:
                    raise HubError(f"the hub at {self.base_url} did not answer within {timeout:.0f} s") from None
                time.sleep(0.5)

    def token_for(self, user: str) -> str:
        """A new API token of ``user`` (with the user's own permissions)."""
        return self.request("POST", f"/hub/api/users/{user}/tokens", self.admin_token, {"note": "multiplier test"})["token"]

    def start_server(self, user: str) -> None:
        try:
            self.request("POST", f"/hub/api/users/{user}/server", self.admin_token, {})
        except HubError as error:
            if "is already running" not in str(error) and "pending" not in str(error):
                raise

    def wait_for_server(self, user: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.request("GET", f"/hub/api/users/{user}", self.admin_token)
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise HubError(f"{user}'s server was not ready within {timeout:.0f} s")

    def stop_server(self, user: str) -> None:
        try:
            self.request("DELETE", f"/hub/api/users/{user}/server", self.admin_token)
        except HubError:
            pass


@dataclass
class Kernel:
    """One kernel on a Jupyter server (``prefix`` = "/user/ana" or "/services/formgrader"), used over its websocket."""

    hub: Hub
    prefix: str
    token: str
    kernel_id: str = ""

    def start(self) -> "Kernel":
        self.kernel_id = self.hub.request("POST", f"{self.prefix}/api/kernels", self.token, {"name": "python3"})["id"]
        return self

    def shutdown(self) -> None:
        try:
            self.hub.request("DELETE", f"{self.prefix}/api/kernels/{self.kernel_id}", self.token)
        except HubError:
            pass

    def execute(self, code: str, timeout: float = 600) -> str:
        """Run ``code``; its stdout and results as text. Raises HubError with the traceback if it fails."""
        async def run() -> str:
            connection = await self.connect()
            try:
                return await execute(connection, code)
            finally:
                connection.close()

        return asyncio.run(asyncio.wait_for(run(), timeout))

    async def connect(self):  # noqa: ANN201 - tornado.websocket.WebSocketClientConnection
        """An open websocket to this kernel's channels (for several executions in a row)."""
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = (self.hub.base_url.replace("http://", "ws://", 1).rstrip("/")
               + f"{self.prefix}/api/kernels/{self.kernel_id}/channels")
        return await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"}),
                                       max_message_size=64 * 1024 * 1024)


async def execute(connection, code: str) -> str:  # noqa: ANN001 - a connection from Kernel.connect
    """Run ``code`` on an open kernel websocket and wait for its reply: the output as text."""
    msg_id = uuid.uuid4().hex
    connection.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": uuid.uuid4().hex,
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    out, error, replied, idle = [], None, False, False
    while not (replied and idle):
        raw = await connection.read_message()
        if raw is None:
            raise HubError("the kernel's websocket closed")
        message = json.loads(raw)
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = message["msg_type"], message["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind in ("execute_result", "display_data"):
            out.append(content["data"].get("text/plain", ""))
        elif kind == "error":
            error = "\n".join(content.get("traceback", [])) or content.get("evalue", "")
        elif kind == "execute_reply":
            replied = True
        elif kind == "status" and content.get("execution_state") == "idle":
            idle = True
    if error is not None:
        raise HubError(f"kernel error:\n{error}")
    return "".join(out)


def free_ports(count: int) -> list[int]:
    """Ports free on 127.0.0.1 right now (the hub binds them a moment later)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


class LocalHub:
    """deploy/jupyterhub/jupyterhub_config.py started as a real process on 127.0.0.1; stopped with everything it spawned.

    ``with LocalHub(root, course, exchange, instructors, learners, env) as hub:`` gives a :class:`Hub`.
    """

    def __init__(self, root: Path, course: Path, exchange: Path, instructors: list[str], learners: list[str],
                 env: dict[str, str], startup_timeout: float = 180) -> None:
        self.root, self.state = root, root / "state"
        self.startup_timeout = startup_timeout
        hub_port, proxy_api, hub_api, formgrader = free_ports(4)
        self.admin_token = os.urandom(16).hex()
        self.env = dict(env, MULTIPLIER_HUB_STATE=str(self.state), MULTIPLIER_COURSE=str(course),
                        MULTIPLIER_EXCHANGE=str(exchange), MULTIPLIER_INSTRUCTORS=",".join(instructors),
                        MULTIPLIER_LEARNERS=",".join(learners), MULTIPLIER_HUB_PORT=str(hub_port),
                        MULTIPLIER_PROXY_API_PORT=str(proxy_api), MULTIPLIER_HUB_API_PORT=str(hub_api),
                        MULTIPLIER_FORMGRADER_PORT=str(formgrader), MULTIPLIER_HUB_ADMIN_TOKEN=self.admin_token)
        self.hub = Hub(f"http://127.0.0.1:{hub_port}", self.admin_token)
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Hub:
        self.log = (self.root / "hub.log").open("w")
        self.process = subprocess.Popen(["jupyterhub", "-f", str(CONFIG)], cwd=self.root, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            self.hub.wait_until_up(timeout=self.startup_timeout)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self.hub

    def __exit__(self, *exc_info: object) -> None:
        pids = self._spawned_pids()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        for pid in pids:  # servers the hub started and could not stop
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.log.close()

    def _spawned_pids(self) -> list[int]:
        """PIDs of the servers the hub started, from its own database."""
        database = self.state / "jupyterhub.sqlite"
        if not database.exists():
            return []
        with sqlite3.connect(database) as connection:
            rows = connection.execute("SELECT state FROM spawners").fetchall()
        states = [json.loads(text) for (text,) in rows if text]
        return [state["pid"] for state in states if state.get("pid")]
