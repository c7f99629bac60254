"""A real PostgreSQL server for the tests: the one ``.ci/setup-postgres.sh`` started, or our own.

``HELPDESK_TEST_PG_URL`` names a server (CI exports it). Without it, when the PostgreSQL binaries
are installed, a throwaway cluster is started in a temporary folder (as the ``postgres`` user when
running as root) and stopped at the end. Without either, the PostgreSQL tests are skipped on a
developer's machine and FAIL under ``CI=true``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

URL_VARIABLE = "HELPDESK_TEST_PG_URL"


def bindir() -> Path | None:
    """The newest installed PostgreSQL server's binaries, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if initdb and pg_ctl else None


def _as_owner(command: list[str]) -> list[str]:
    """``command`` run as ``postgres`` when we are root (the server refuses to run as root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class Cluster:
    """A throwaway PostgreSQL cluster in a temporary folder, listening on a socket there."""

    binaries: Path
    folder: Path
    url: str
    """The test role's URL (on database ``helpdesk``, which it owns)."""

    def _ctl(self, *args: str) -> None:
        data = self.folder / "data"
        command = [str(self.binaries / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log")]
        subprocess.run(_as_owner([*command, "-w", *args]), check=True, capture_output=True)

    def start(self) -> None:
        """Start (or restart after ``stop``) the server."""
        options = f"-c listen_addresses='' -k {self.folder} -c fsync=off -c max_connections=200"
        self._ctl("-o", options, "start")

    def stop(self) -> None:
        """Stop the server at once (its data stays), as a crash or a maintenance would."""
        self._ctl("-m", "immediate", "stop")

    def remove(self) -> None:
        """Stop the server if running and delete everything."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(binaries: Path) -> Cluster:
    """Create and start a throwaway cluster with a password-protected test role."""
    folder = Path(tempfile.mkdtemp(prefix="helpdesk-pg."))
    folder.chmod(0o755)
    password = secrets.token_hex(8)
    (folder / "pwfile").write_text(password + "\n")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(folder / "pwfile", "postgres")
    subprocess.run(
        _as_owner(
            [
                str(binaries / "initdb"),
                "-D",
                str(folder / "data"),
                "-U",
                "postgres",
                f"--pwfile={folder / 'pwfile'}",
                "--auth=scram-sha-256",
                "--no-sync",
                "-E",
                "UTF8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    cluster = Cluster(binaries, folder, f"postgresql://helpdesk:{password}@/helpdesk?host={folder}")
    cluster.start()
    import psycopg

    admin = f"postgresql://postgres:{password}@/postgres?host={folder}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE helpdesk LOGIN CREATEDB PASSWORD '{password}'")
        conn.execute("CREATE DATABASE helpdesk OWNER helpdesk")
    return cluster


def unavailable(reason: str) -> None:
    """Skip on a developer's machine, FAIL under CI: a PostgreSQL test could not run."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def with_database(url: str, dbname: str, schema: str | None = None) -> str:
    """``url`` pointed at database ``dbname`` (and, if given, ``schema`` as the search path)."""
    parts = urlsplit(url)
    query = parts.query
    if schema:
        query = "&".join(q for q in (query, "options=" + quote(f"-c search_path={schema}")) if q)
    return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, query, parts.fragment))


def server_url() -> tuple[str, Callable[[], None]]:
    """A server to test against and how to let it go; skip (fail under CI) without one."""
    url = os.environ.get(URL_VARIABLE)
    if url:
        return url, lambda: None
    binaries = bindir()
    reason = f"sem servidor PostgreSQL para os testes ({URL_VARIABLE} vazio e nenhum binário)"
    if binaries is not None:
        try:
            cluster = start_cluster(binaries)
        except (OSError, subprocess.CalledProcessError, LookupError) as error:
            reason = f"não foi possível iniciar um PostgreSQL descartável: {error}"
        else:
            return cluster.url, cluster.remove
    unavailable(reason)
    raise AssertionError("unreachable")


@contextlib.contextmanager
def own_database(url: str, tag: str) -> Iterator[str]:
    """A database of our own on the server (created, yielded as a URL, dropped)."""
    import psycopg

    name = f"helpdesk_t_{tag}_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(url, name)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
