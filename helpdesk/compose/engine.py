"""Which store engine a ``--db``/``HELPDESK_DB`` value names: a file path or a PostgreSQL URL.

A ``postgresql://`` (or ``postgres://``) URL opens the PostgreSQL engine; libpq reads the rest
(``host=/var/run/postgresql``, ``sslmode``, ``PGPASSFILE`` and the ``PG*`` variables work as in
any PostgreSQL client). Anything else is the path of a TinyDB data file, the default. Only this
module knows both engines; everything else holds a :class:`store.interface.Store`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from helpdesk.paths import DB_FILENAME, default_data_dir, resolve_db_path
from store.database import Database

if TYPE_CHECKING:
    from store.interface import Store

URL_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(value: str | os.PathLike[str] | None) -> bool:
    """Whether ``value`` names a PostgreSQL server rather than a file."""
    return isinstance(value, str) and value.strip().lower().startswith(URL_SCHEMES)


def _text(value: str | os.PathLike[str]) -> str:
    """A ``--db`` value as text."""
    return os.fspath(value).strip()


def store_target(cli_value: str | os.PathLike[str] | None = None) -> str | Path:
    """The store in force: ``--db``, else ``HELPDESK_DB``, else the default file (a URL stays text)."""
    if cli_value is not None:
        # An empty --db is refused by resolve_db_path, never taken for "the default".
        return _text(cli_value) if is_server_url(cli_value) else resolve_db_path(cli_value)
    value = os.environ.get("HELPDESK_DB")
    if value:
        return _text(value) if is_server_url(value) else resolve_db_path(value)
    return resolve_db_path(None)


def open_store(target: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Store:
    """Open the store named by ``target`` (resolved as :func:`store_target` does).

    ``migrate=False`` opens a PostgreSQL database without applying pending migrations.
    """
    resolved = store_target(target)
    if is_server_url(resolved):
        from store.postgres.database import PostgresDatabase

        return PostgresDatabase(str(resolved), migrate=migrate)
    return Database(resolved)


def local_folder(target: str | Path) -> Path:
    """Where the app keeps what is not shared (preferences, suggested export files).

    Beside the data file for a file store; the user's data folder for a server.
    """
    if is_server_url(target):
        return default_data_dir()
    return Path(target).parent


def app_data_path(target: str | Path) -> Path:
    """The path the app is given for its local files (a file store's own path)."""
    return local_folder(target) / DB_FILENAME if is_server_url(target) else Path(target)
