"""Fixtures that run a test on both store engines: the TinyDB file and a real PostgreSQL.

``store`` is parametrized ``arquivo``/``postgresql``; ``open_store`` opens another handle on the
same store (a colleague's app, or the app reopened). Each pytest-xdist worker has its own
PostgreSQL database and each test its own schema in it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from _pg import own_database, server_url, with_database

from store.interface import Store

OpenStore = Callable[[], Store]


@pytest.fixture(scope="session")
def pg_worker_url() -> Iterator[str]:
    """A PostgreSQL database of this test run (and xdist worker)."""
    url, stop = server_url()
    try:
        with own_database(url, os.environ.get("PYTEST_XDIST_WORKER", "main")) as mine:
            yield str(mine)
    finally:
        stop()


@pytest.fixture
def pg_url(pg_worker_url: str) -> Iterator[str]:
    """A URL whose search path is a fresh schema of this test alone (dropped afterwards)."""
    import psycopg

    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(pg_worker_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    dbname = urlsplit(pg_worker_url).path.lstrip("/")
    yield with_database(pg_worker_url, dbname, schema)
    with psycopg.connect(pg_worker_url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["arquivo", "postgresql"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where this test's store lives: a data file path or a PostgreSQL URL."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "data" / "helpdesk.json")


@pytest.fixture
def open_store(store_target: str) -> Iterator[OpenStore]:
    """Opens handles on this test's store (all closed at the end)."""
    from helpdesk.compose.engine import open_store as open_engine

    opened: list[Store] = []

    def opener() -> Store:
        opened.append(open_engine(store_target))
        return opened[-1]

    yield opener
    for handle in opened:
        handle.close()


@pytest.fixture
def store(open_store: OpenStore) -> Store:
    """An empty store on this test's engine."""
    return open_store()
