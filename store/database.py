"""The helpdesk data file: durable TinyDB tables, schema version, and the repositories over them."""

from __future__ import annotations

import contextlib
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from store import keys, migrations, names
from store.errors import NewerSchema
from store.files import sweep_temps
from store.storage import JournalStorage
from store.table import DurableTable, DurableTinyDB

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from store.feedback import MissRepository, VoteRepository
    from store.interface import Doc, Tables
    from store.licenses import LicenseRepository
    from store.privacy import ErasurePlan, ErasureReport
    from store.requests import RequestRepository

_META_ID = "1"


class Database:
    """One helpdesk data file, opened at ``path`` (it and its folder are created on the first write).

    Opening reads the file, sweeps temp files and a stale journal a crash left behind and upgrades
    an old schema; it never changes the files' permissions (files the app creates are ``0600``
    from the start; one the person made read-only is refused for writing, never widened). A
    damaged file raises :class:`store.errors.DamagedDatabase` and is never written. Tables are
    TinyDB tables (``db.table("name")``) whose every operation is locked, fresh and durable; group
    several operations into one atomic commit with ``with db.transaction(): …``.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        compact_min_bytes: int = 1 << 20,
        lock_timeout: float = 30.0,
    ) -> None:
        self.storage = JournalStorage(
            Path(path),
            compact_min_bytes=compact_min_bytes,
            lock_timeout=lock_timeout,
            lazy_tables=names.LAZY,
            persisted_indexes=keys.PERSISTED,
        )
        self.path = self.storage.path
        """The data file, symbolic links resolved (see ``JournalStorage``)."""
        self.storage.before_commit = self._stamp_schema
        storage = self.storage
        self.tinydb = DurableTinyDB(storage=lambda: storage)
        if self.storage.on_disk():
            # A store not on disk yet has nothing to check, and reading it must create nothing:
            # its first write makes the folder, the lock and the files, all private already.
            with self.transaction():
                sweep_temps(self.path)
                self.storage.drop_stale_journal()
                self._upgrade_schema()

    # ------------------------------------------------------------------ tables and transactions

    def table(self, name: str) -> DurableTable:
        """The TinyDB table ``name`` (e.g. a feature's own small table)."""
        return self.tinydb.table(name)  # type: ignore[return-value]

    def transaction(self, *, compact: bool = False) -> contextlib.AbstractContextManager[None]:
        """Group operations into one locked, atomic, durable commit (reentrant).

        ``compact=True`` rewrites the snapshot and empties the journal at commit, so nothing
        removed in this transaction survives anywhere in the files (used by privacy erasure).
        """
        return self.storage.transaction(compact=compact)

    def compact(self) -> None:
        """Rewrite the data file in full and start an empty journal."""
        with self.transaction(compact=True):
            pass

    # ------------------------------------------------------------------------ repositories

    @cached_property
    def requests(self) -> RequestRepository:
        """Requests (``submit``, ``list``, ``get``, status changes)."""
        from store.requests import RequestRepository

        return RequestRepository(self)

    @cached_property
    def licenses(self) -> LicenseRepository:
        """The lote's licenses."""
        from store.licenses import LicenseRepository

        return LicenseRepository(self)

    @cached_property
    def votes(self) -> VoteRepository:
        """ "Was this article useful?" votes."""
        from store.feedback import VoteRepository

        return VoteRepository(self)

    @cached_property
    def misses(self) -> MissRepository:
        """Searches that found nothing."""
        from store.feedback import MissRepository

        return MissRepository(self)

    # ------------------------------------------------------------------------------ schema

    def schema_version(self) -> int | None:
        """The schema version stored in the file (None for a file never written)."""
        meta = self.storage.table(migrations.META_TABLE).get(_META_ID)
        if meta is None:
            return None
        return int(meta.get(migrations.SCHEMA_KEY, 1))

    def _upgrade_schema(self) -> None:
        """Bring an older file to the current schema (inside the opening transaction)."""
        found = self.schema_version()
        if found is None:
            tables = self.storage.tables()
            if not any(tables.values()):
                return
            found = 1  # data written before the schema was recorded
        if found > migrations.CURRENT:
            raise NewerSchema(self.path, found, migrations.CURRENT)
        if found == migrations.CURRENT:
            return
        if found >= migrations.READS_AS_IS and not self.storage.writable():
            return  # readable as it is; migrating would need a write the person did not allow
        with self.transaction(compact=True):  # the old documents' bytes are left behind
            for name, docs in migrations.migrate(self.storage.tables(), found).items():
                self.storage.apply(name, docs)
            self._write_version()

    def _stamp_schema(self) -> None:
        """Record the schema version with the first write of a new file."""
        if self.schema_version() is None:
            self._write_version()

    def _write_version(self) -> None:
        """Store the current schema version in the meta table."""
        self.storage.apply(
            migrations.META_TABLE, {_META_ID: {migrations.SCHEMA_KEY: migrations.CURRENT}}
        )

    # ------------------------------------------------------------------ the store interface

    def describe(self) -> str:
        """Where the store is (the data file's path)."""
        return str(self.path)

    def counts(self) -> dict[str, int]:
        """How many documents each table holds."""
        from store.transfer import counts

        return counts(self)

    def dump(self) -> Tables:
        """Every stored document, engine-neutral (see ``store.interface``)."""
        from store.transfer import dump

        return dump(self)

    def load(self, tables: Mapping[str, Mapping[str, Doc]]) -> None:
        """Replace the whole contents with ``tables`` in one commit."""
        from store.transfer import load

        load(self, tables)

    def erase_client(self, support_id: str, now: datetime) -> ErasureReport:
        """LGPD: remove everything that identifies the client of ``support_id`` (one commit)."""
        from store.privacy import erase_client

        return erase_client(self, support_id, now)

    def preview_erasure(self, support_id: str, now: datetime) -> ErasurePlan:
        """What erasing ``support_id`` would change (nothing is written)."""
        from store.privacy import preview

        return preview(self, support_id, now)

    def changed_since(self, token: object) -> tuple[bool, object]:
        """Whether any process committed to the file since ``token``, and the new token."""
        from store.transfer import file_state

        state = file_state(self)
        return state != token, state

    # ---------------------------------------------------------------------------- lifecycle

    def close(self) -> None:
        """Release open files (the object stays usable and reopens on demand)."""
        self.storage.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
