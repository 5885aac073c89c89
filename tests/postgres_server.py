"""A fresh PostgreSQL database per test, on the server ``.ci/run`` starts (``.ci/postgres``).

The server's URL comes from ``MULTIPLIER_TEST_POSTGRES_URL``. Without it the
PostgreSQL tests skip locally and fail under CI (``CI`` set), where a skipped
gradebook test would hide a broken set-up. Start one locally with
``.ci/postgres start /tmp/pg 55432`` and export the URL it prints.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

URL_VARIABLE = "MULTIPLIER_TEST_POSTGRES_URL"


def server_url() -> str:
    """The admin URL of the test server, or a skip (a failure under CI) saying what is missing."""
    url = os.environ.get(URL_VARIABLE)
    problem = None if url else f"{URL_VARIABLE} is not set (.ci/run starts a server with .ci/postgres)"
    if url:
        try:
            import psycopg

            psycopg.connect(_libpq(url), connect_timeout=10).close()
        except Exception as error:  # noqa: BLE001 - any reason the server is unusable
            problem = f"cannot connect to {url}: {error}".strip()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    return url


def _libpq(url: str) -> str:
    """The URL without SQLAlchemy's driver suffix (``postgresql+psycopg://`` -> ``postgresql://``)."""
    scheme, rest = url.split("://", 1)
    return scheme.split("+", 1)[0] + "://" + rest


@contextmanager
def fresh_database() -> Iterator[str]:
    """A new, empty database on the test server (dropped afterwards): its URL."""
    import psycopg

    admin = server_url()
    name = f"multiplier_{uuid.uuid4().hex[:12]}"
    connection = psycopg.connect(_libpq(admin), autocommit=True)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield "postgresql+psycopg://" + _libpq(admin).split("://", 1)[1].rsplit("/", 1)[0] + "/" + name
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()
