"""A helpdesk store on a PostgreSQL server, opened on a libpq URL (``postgresql://…``).

One connection per store object, opened on first use and closed by :meth:`close`; every
repository operation runs in one transaction (nested ones join the outermost), serialised between
the app's threads. A dropped connection is reopened on the next operation; an unreachable server
is a :class:`ServerUnavailable` in Portuguese. Opening migrates an older schema and refuses a
newer one.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping
from datetime import datetime
from functools import cached_property
from typing import Any

import psycopg
from psycopg.rows import DictRow, dict_row

from helpdesk.clock import to_sao_paulo
from store.interface import Doc, Tables
from store.postgres import rows, schema
from store.postgres.errors import (
    NewerDatabaseSchema,
    ServerRefused,
    ServerUnavailable,
    mask_url,
    reason_of,
    refusal_of,
)
from store.postgres.feedback import PgMissRepository, PgVoteRepository
from store.postgres.licenses import PgLicenseRepository
from store.postgres.requests import PgRequestRepository
from store.privacy import ErasurePlan, ErasureReport, plan_erasure

CONNECT_TIMEOUT = 5
"""Seconds to wait for the server before telling the person it does not answer."""

_LISTENING = "listening"
"""The token of a store whose notifications are being received."""
_COUNTED = {
    "licenses": "licenses",
    "requests": "requests",
    "request_details": "request_details",
    "votes": "votes",
    "search_misses": "search_misses",
}


class PostgresDatabase:
    """The helpdesk store on PostgreSQL; same repositories as ``store.database.Database``."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self._migrate = migrate
        self._conn: psycopg.Connection[DictRow] | None = None
        self._listener: psycopg.Connection[Any] | None = None
        self._lock = threading.RLock()
        self._cursor: psycopg.Cursor[DictRow] | None = None

    # ------------------------------------------------------------------ connection

    def describe(self) -> str:
        """The URL with its password masked (safe to print)."""
        return mask_url(self.url)

    def connect(self) -> psycopg.Connection[DictRow]:
        """A plain connection to the server (ServerUnavailable when it cannot be had)."""
        try:
            return psycopg.connect(
                self.url, autocommit=True, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT
            )
        except psycopg.Error as error:
            raise ServerUnavailable(self.describe(), reason_of(error)) from None

    def _connection(self) -> psycopg.Connection[DictRow]:
        """The open connection, made (and the schema checked) on first use or after a drop."""
        if self._conn is not None and not self._conn.closed and not self._conn.broken:
            return self._conn
        self._drop()
        conn = self.connect()
        try:
            found = schema.stored_version(conn)
            if found is not None and found > schema.CURRENT:
                raise NewerDatabaseSchema(self.describe(), found, schema.CURRENT)
            if self._migrate and (found or 0) < schema.CURRENT:
                schema.migrate(conn)
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return conn

    def _drop(self) -> None:
        """Forget a closed or broken connection."""
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn = None

    def migrate(self) -> tuple[int, int]:
        """Apply the missing schema migrations; ``(version before, after)``."""
        with self._lock:
            conn = self.connect()
            try:
                return schema.migrate(conn)
            except ValueError as newer:
                raise NewerDatabaseSchema(
                    self.describe(), int(newer.args[0]), schema.CURRENT
                ) from None
            except psycopg.OperationalError as error:
                raise ServerUnavailable(self.describe(), reason_of(error)) from None
            except psycopg.Error as error:
                raise ServerRefused(self.describe(), refusal_of(error)) from None
            finally:
                conn.close()

    def schema_version(self) -> int | None:
        """The schema version recorded in the database (None before the first migration)."""
        with self._lock:
            conn = self.connect()
            try:
                return schema.stored_version(conn)
            finally:
                conn.close()

    # ------------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def transaction(self, *, compact: bool = False) -> Iterator[psycopg.Cursor[DictRow]]:
        """One transaction (nested ones join it); yields the cursor to run statements on.

        ``compact`` is accepted for the file engine's callers; the server needs nothing more.
        """
        del compact
        with self._lock:
            if self._cursor is not None:
                yield self._cursor
                return
            try:
                conn = self._connection()
                with conn.transaction(), conn.cursor() as cur:
                    self._cursor = cur
                    try:
                        yield cur
                    finally:
                        self._cursor = None
            except psycopg.OperationalError as error:
                self._drop()
                raise ServerUnavailable(self.describe(), reason_of(error)) from None
            except psycopg.Error as error:
                raise ServerRefused(self.describe(), refusal_of(error)) from None

    def pipeline(self) -> contextlib.AbstractContextManager[Any]:
        """Send the statements of the block in one batch (inside ``transaction()`` only)."""
        assert self._conn is not None and self._cursor is not None, (
            "pipeline() outside a transaction"
        )
        return self._conn.pipeline()

    def cursor(self) -> psycopg.Cursor[DictRow]:
        """The cursor of the transaction in progress (only valid inside ``transaction()``)."""
        assert self._cursor is not None, "cursor() outside a transaction"
        return self._cursor

    # ------------------------------------------------------------------ repositories

    @cached_property
    def requests(self) -> PgRequestRepository:
        """Requests."""
        return PgRequestRepository(self)

    @cached_property
    def licenses(self) -> PgLicenseRepository:
        """The lote's licenses."""
        return PgLicenseRepository(self)

    @cached_property
    def votes(self) -> PgVoteRepository:
        """Article votes."""
        return PgVoteRepository(self)

    @cached_property
    def misses(self) -> PgMissRepository:
        """Searches that found nothing."""
        return PgMissRepository(self)

    # ------------------------------------------------------------------ whole store

    def counts(self) -> dict[str, int]:
        """How many rows each table holds (by the document tables' names)."""
        with self.transaction() as cur:
            return {
                name: int(cur.execute(f"SELECT count(*) AS n FROM {table}").fetchone()["n"])  # type: ignore[index]
                for name, table in _COUNTED.items()
            }

    def dump(self) -> Tables:
        """Every stored document, engine-neutral (see ``store.interface``)."""
        with self.transaction() as cur:
            return _dump(cur)

    def load(self, tables: Mapping[str, Mapping[str, Doc]]) -> None:
        """Replace the whole contents with ``tables`` in one transaction."""
        with self.transaction() as cur:
            cur.execute(
                "TRUNCATE licenses, license_events, license_event_changes, requests, "
                "request_status_changes, "
                "request_details, request_effects, votes, search_misses, protocol_counters"
            )
            # One batch instead of a round trip per statement: a whole office's data.
            with self.pipeline():
                for key, doc in tables.get("licenses", {}).items():
                    rows.write_license(cur, int(key), doc)
                for key, doc in tables.get("requests", {}).items():
                    rows.write_summary(cur, int(key), doc, new=True)
                for key, doc in tables.get("request_details", {}).items():
                    rows.write_detail(cur, int(key), doc)
                for key, doc in tables.get("votes", {}).items():
                    rows.write_vote(cur, int(key), doc)
                for doc in tables.get("search_misses", {}).values():
                    rows.write_miss(cur, doc)
            counters = (tables.get("meta", {}).get("2") or {}).get("protocols", {})
            cur.executemany(
                "INSERT INTO protocol_counters (year, last_number) VALUES (%s, %s)",
                [(int(year), int(number)) for year, number in counters.items()],
            )
            for table in ("licenses", "requests", "votes"):
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(max(id), 0) + 1 FROM {table}), false)"
                )

    def preview_erasure(self, support_id: str, now: datetime) -> ErasurePlan:
        """What erasing ``support_id`` would change (nothing is written)."""
        with self.transaction() as cur:
            return plan_erasure(_dump(cur), support_id, to_sao_paulo(now).isoformat())

    def erase_client(self, support_id: str, now: datetime) -> ErasureReport:
        """LGPD erasure, planned as for any engine and applied in one transaction."""
        with self.transaction() as cur:
            # Nobody changes what the plan reads until it is applied.
            cur.execute(
                "LOCK TABLE licenses, requests, request_details, votes, search_misses "
                "IN SHARE ROW EXCLUSIVE MODE"
            )
            view = _DocsView(cur)
            plan = plan_erasure(view.tables(), support_id, to_sao_paulo(now).isoformat())
            for name, (upserts, deletes) in plan.changes.items():
                view.apply(name, upserts, deletes)
        return ErasureReport(
            plan.support_id, len(plan.licenses), len(plan.requests), len(plan.others)
        )

    # ------------------------------------------------------------------ colleagues' changes

    def changed_since(self, token: object) -> tuple[bool, object]:
        """Whether a commit touched requests or the lote since the last call (LISTEN/NOTIFY).

        The first call (or the first after the listening connection was lost) starts listening
        and answers True; later calls only read the notifications already received, without a
        round trip to the server.
        """
        del token  # the listening connection itself remembers what was seen
        with self._lock:
            try:
                if self._listener is None or self._listener.closed or self._listener.broken:
                    self._listener = psycopg.connect(
                        self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT
                    )
                    self._listener.execute(f"LISTEN {schema.CHANNEL}")
                    return True, _LISTENING
                changed = False
                for _note in self._listener.notifies(timeout=0):
                    changed = True
                return changed, _LISTENING
            except psycopg.Error:
                if self._listener is not None:
                    with contextlib.suppress(Exception):
                        self._listener.close()
                self._listener = None
                return False, None

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the connections (the object reopens them on demand)."""
        with self._lock:
            self._drop()
            if self._listener is not None:
                with contextlib.suppress(Exception):
                    self._listener.close()
                self._listener = None

    def __enter__(self) -> PostgresDatabase:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _dump(cur: psycopg.Cursor[DictRow]) -> Tables:
    """Every table as documents keyed by row id (misses by position)."""
    summaries = rows.load_summaries(cur, "true", ())
    protocols = {key: doc["protocol"] for key, doc in summaries.items()}
    details = {
        str(row["request_id"]): rows.detail_doc(row, protocols.get(row["request_id"], ""))
        for row in cur.execute("SELECT * FROM request_details ORDER BY request_id")
    }
    votes = {
        str(row["id"]): {
            "article_id": row["article_id"],
            "useful": row["useful"],
            "reason": row["reason"],
            "at": rows.moment(row["at"]),
        }
        for row in cur.execute("SELECT * FROM votes ORDER BY id")
    }
    misses = {
        str(n): {
            "query": row["query"],
            "count": row["count"],
            "last_at": rows.moment(row["last_at"]),
        }
        for n, row in enumerate(
            cur.execute("SELECT * FROM search_misses ORDER BY query").fetchall(), start=1
        )
    }
    counters = {
        str(row["year"]): row["last_number"]
        for row in cur.execute("SELECT * FROM protocol_counters ORDER BY year")
    }
    return {
        "licenses": {str(k): d for k, d in rows.load_licenses(cur, "true", ()).items()},
        "requests": {str(k): d for k, d in summaries.items()},
        "request_details": details,
        "votes": votes,
        "search_misses": misses,
        "meta": {"2": {"protocols": counters}} if counters else {},
    }


class _DocsView:
    """The tables as documents, and changed documents written back to their rows.

    Lets a plan made over documents (the privacy erasure) be applied inside one transaction.
    """

    def __init__(self, cur: psycopg.Cursor[DictRow]) -> None:
        self._cur = cur
        self._tables: Tables | None = None

    def tables(self) -> Tables:
        """Every table as documents (read once per erasure)."""
        if self._tables is None:
            self._tables = _dump(self._cur)
        return self._tables

    def table(self, name: str) -> dict[str, Doc]:
        """One table as documents."""
        return self.tables().get(name, {})

    def apply(self, name: str, upserts: Mapping[str, Doc], deletes: Any = ()) -> None:
        """Write changed documents back to their rows and delete the removed ones."""
        cur = self._cur
        table = self.tables().setdefault(name, {})
        for key in deletes:
            if name == "licenses":
                cur.execute("DELETE FROM licenses WHERE id = %s", (int(key),))
            table.pop(key, None)
        for key, doc in upserts.items():
            if name == "licenses":
                rows.write_license(cur, int(key), doc)
            elif name == "requests":
                rows.write_summary(cur, int(key), doc)
            elif name == "request_details":
                rows.write_detail(cur, int(key), doc)
            elif name == "votes":
                rows.write_vote(cur, int(key), doc)
            elif name == "search_misses":
                old = table.get(key)
                rows.write_miss(cur, doc, old_query=old["query"] if old else None)
            table[key] = dict(doc)
