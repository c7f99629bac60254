"""A TinyDB storage that never loses an acknowledged write: snapshot + journal, under one file lock.

Why this layout. TinyDB's ``JSONStorage`` rewrites the whole file in place on every write: a crash
mid-write corrupts it, two processes corrupt each other, and each insert costs time proportional to
everything already stored. Here the data lives in two files beside each other:

* the **snapshot** (``helpdesk.json``) — plain TinyDB JSON (one object per table, plus a
  ``_storage`` entry holding the snapshot's random nonce, layout and checksums), one document per
  line, so the tables that grow with the history are read only where a lookup lands, through the
  indexes the snapshot persists (``store.snapshot``). It is only ever replaced whole and
  atomically: temp file in the same folder, fsync, ``os.replace``, fsync of the folder.
* the **journal** (``helpdesk.json.journal``) — one checksummed line per committed transaction,
  holding only the documents it changed, appended and fsynced before the commit returns. Its
  header names the snapshot nonce it extends, so a journal left behind by a compaction that
  crashed half-way is recognised as already folded in and ignored (``store.journal``).

A commit therefore writes a few hundred bytes, whatever the history size. When the journal grows
past a fixed size (``compact_min_bytes``, 1 MiB), the commit also compacts: a new snapshot with
everything, then a fresh journal. The size is fixed, not a fraction of the snapshot, because every
process reads the whole journal when it opens the file: a journal that grew with the history
would make opening grow with it. The median commit stays flat; the rare compaction costs about
one TinyDB write.

Every read and every transaction holds one ``filelock`` lock (plus a thread lock; see
``store.locking``, which also explains why a read of a store not yet on disk needs neither), and
re-reads the disk inside it: the in-memory copy is reused only while the snapshot and journal on
disk are provably the same files (``store.disk``) and then only the journal lines appended since
are read. Nothing — no next id, no query result — is served from memory without that check.
Lookups by key (a protocol, an ID Suporte) go through indexes: the snapshot's own for the lazy
tables (plus the few documents the journal changed), or in-memory ones that every change, local
or replayed from the journal, keeps current.

Tables in memory are changed in place (copying them on every commit would make a commit cost grow
with the history), but a changed document is always replaced by a new dict, never mutated: a
document object, once read, never changes. Readers iterate tables while holding ``locked()``,
which threads share with writers, so no table changes size under a loop.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any, cast

from tinydb.storages import Storage

from helpdesk.errors import os_reason
from store import schema, snapshot
from store.disk import DiskFiles
from store.errors import DamagedDatabase, DataFileUnusable, StoreError
from store.indexes import Indexes, IndexKey
from store.locking import StoreLock

Doc = dict[str, Any]
Tables = dict[str, MutableMapping[str, Doc]]


def copy_json(value: Any) -> Any:
    """A deep copy of a JSON-like value (tuples become lists, as JSON would make them)."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [copy_json(item) for item in value]
    return value


class JournalStorage(Storage):
    """Snapshot + journal storage for TinyDB; see the module docstring for the design."""

    def __init__(
        self,
        path: Path,
        *,
        compact_min_bytes: int = 1 << 20,
        compact_ratio: float = 0.0,
        lock_timeout: float = 30.0,
        lazy_tables: Iterable[str] = (),
        persisted_indexes: Mapping[str, Mapping[str, IndexKey]] | None = None,
    ) -> None:
        # Resolved once, here: a data file reached through a symbolic link is the link's target
        # for good, so its journal and lock sit beside it and a compaction replaces the target,
        # never the link (which would silently fork the data).
        self.path = Path(os.path.realpath(path))
        if self.path.is_dir():
            # Checked before the lock file is made beside it, so nothing is left in the parent.
            raise DataFileUnusable(self.path, "é uma pasta, não um arquivo")
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.compact_min_bytes = compact_min_bytes
        self.compact_ratio = compact_ratio
        self.lazy_tables = frozenset(lazy_tables)
        """Tables whose documents are decoded only when read (see ``store.snapshot``)."""
        self.persisted_indexes = {
            name: dict(indexes) for name, indexes in (persisted_indexes or {}).items()
        }
        """Indexes of lazy tables that compactions write into the snapshot, by table."""
        self.before_commit: Callable[[], None] | None = None
        """Called inside a transaction that is about to write (e.g. to stamp the schema)."""
        self._lock = StoreLock(self.path, self.lock_path, timeout=lock_timeout)
        self._disk = DiskFiles(self.path, self.journal_path)
        self._tables: Tables | None = None
        self._next_ids: dict[str, int] = {}
        self._depth = 0
        self._pending: dict[str, tuple[dict[str, Doc], set[str]]] = {}
        self._dropped: set[str] = set()
        self._indexes = Indexes()
        self._force_compact = False
        self.warnings: list[str] = []
        """Problems that did not stop a saved change (a failed compaction), for the caller to show."""

    # ----------------------------------------------------------------- locking and transactions

    def on_disk(self) -> bool:
        """Whether the store exists on disk yet (its data file, or the lock file of a write)."""
        return self._lock.on_disk()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the thread lock and the file lock (both reentrant) for reading.

        A store not on disk yet is read without a file lock, and nothing is created for it.
        """
        with self._lock.held(write=False):
            yield

    @contextlib.contextmanager
    def transaction(self, *, compact: bool = False) -> Iterator[None]:
        """One atomic read-modify-write: lock, re-read, run the body, commit durably, unlock.

        Nested transactions join the outermost one. If the body raises, nothing is written and
        the in-memory copy is dropped (the next read reloads from disk).
        """
        with self._lock.held(write=True):
            self._force_compact = self._force_compact or compact
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._refresh()
            self._depth = 1
            try:
                yield
                if self._has_pending() and self.before_commit is not None:
                    self.before_commit()
                self._commit()
            except BaseException:
                self._invalidate()
                raise
            finally:
                self._depth = 0
                self._pending = {}
                self._dropped = set()
                self._force_compact = False

    # ------------------------------------------------------------------------- reading

    def tables(self) -> Tables:
        """The live tables, fresh from disk (never mutate them; iterate them under ``locked()``)."""
        with self._lock.held(write=False) as on_disk:
            if not self._depth:
                self._read_fresh(on_disk)
            assert self._tables is not None
            return dict(self._tables)

    def table(self, name: str) -> MutableMapping[str, Doc]:
        """One live table (``{str id: doc}``), fresh from disk; read-only for callers."""
        return self.tables().get(name, {})

    def lookup(self, name: str, index: str, key: IndexKey, value: Hashable) -> list[str]:
        """Ids of the documents of table ``name`` whose ``key(doc) == value``, fresh from disk.

        A lazy table still in its snapshot answers from the index the snapshot persists, for
        every document not changed since, and checks the changed ones (few: the journal's)
        itself; the table is not read. Otherwise the index (called ``index``; always pass the same
        ``key`` for it) is built on first use and then kept up to date by every change, local or
        read from the journal, so a lookup costs the same whatever the table's size.
        """
        with self._lock.held(write=False) as on_disk:
            if not self._depth:
                self._read_fresh(on_disk)
            assert self._tables is not None
            table = self._tables.get(name, {})
            if isinstance(table, snapshot.LazyTable) and table.section is not None:
                listed = table.section.lookup(index, value)
                if listed is not None:
                    found = {doc_id for doc_id in listed if doc_id not in table.changed}
                    for doc_id in table.changed:
                        doc = table.get(doc_id)
                        if doc is not None and key(doc) == value:
                            found.add(doc_id)
                    return sorted(found, key=int)
            return self._indexes.lookup(name, index, key, table, value)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """TinyDB's whole-database read: a new outer dict over the live tables."""
        return cast(dict[str, dict[str, Any]], self.tables())

    def _refresh(self) -> None:
        """Bring the in-memory copy up to date with disk (file lock held)."""
        if self._tables is not None and self._disk.unchanged():
            try:
                self._apply_records(self._disk.read_tail())
            except DamagedDatabase:
                self._invalidate()
                raise
            return
        self._invalidate()
        tables, records = self._disk.load(self.lazy_tables)
        try:
            self._check_tables(tables)
            self._tables = tables
            self._apply_records(records)
        except DamagedDatabase:
            self._invalidate()
            raise

    def _read_fresh(self, on_disk: bool) -> None:
        """Refresh for a read: from disk under the file lock, or empty when nothing is on disk."""
        if on_disk:
            self._refresh()
        else:
            self._invalidate()
            self._tables = {}

    def _check_tables(self, tables: Mapping[str, MutableMapping[str, Doc]]) -> None:
        """Check every eagerly read document's shape; lazy ones are checked as they are decoded."""
        for name, table in tables.items():
            if isinstance(table, snapshot.LazyTable):
                table.check = self._lazy_check(name)
                continue
            for doc_id, doc in table.items():
                issue = schema.problem(name, doc)
                if issue is not None:
                    raise DamagedDatabase(self.path, schema.describe(name, doc_id, issue))

    def _lazy_check(self, name: str) -> Callable[[str, Any], None]:
        """The decode-time check of lazy table ``name``."""

        def check(doc_id: str, doc: Any) -> None:
            issue = schema.problem(name, doc)
            if issue is not None:
                raise DamagedDatabase(self.path, schema.describe(name, doc_id, issue))

        return check

    def verify(self) -> None:
        """Read and check every byte and document, lazy ones included; DamagedDatabase if bad."""
        with self.locked():
            tables = self.tables()
            if self._disk.body is not None:
                self._disk.body.check_all()
            for table in tables.values():
                if isinstance(table, snapshot.LazyTable):
                    for doc_id in table:
                        table[doc_id]

    def _apply_records(self, records: Iterable[Any]) -> None:
        """Apply decoded journal records to the in-memory tables (each checked first)."""
        for record in records:
            issue = schema.record_problem(record)
            for name, change in (record.get("t", {}) if issue is None else {}).items():
                for doc_id, doc in change.get("u", {}).items():
                    if (found := schema.problem(name, doc)) is not None:
                        issue = schema.describe(name, doc_id, found)
                        break
                if issue is not None:
                    break
            if issue is not None:
                raise DamagedDatabase(self._disk.journal_path, issue)
            for name in record.get("x", ()):
                self._drop_in_memory(name)
            for name, change in record.get("t", {}).items():
                self._apply_in_memory(name, change.get("u", {}), change.get("d", ()))

    # ------------------------------------------------------------------------- changing

    def allocate_id(self, name: str) -> int:
        """The next document id of table ``name`` (inside a transaction, so never stale)."""
        self._require_transaction()
        if name not in self._next_ids:
            keys = self.table(name)
            if isinstance(keys, snapshot.LazyTable):
                self._next_ids[name] = keys.max_id() + 1  # without listing the history
            else:
                self._next_ids[name] = max(map(int, keys), default=0) + 1
        next_id = self._next_ids[name]
        self._next_ids[name] = next_id + 1
        return next_id

    def apply(self, name: str, upserts: Mapping[str, Doc], deletes: Iterable[str] = ()) -> None:
        """Record changes to table ``name``; they are written when the transaction commits.

        The documents are kept as given: pass documents nobody else holds (copy them first).
        """
        self._require_transaction()
        deletes = list(deletes)
        changed, removed = self._pending.setdefault(name, ({}, set()))
        for doc_id in deletes:
            changed.pop(doc_id, None)
            removed.add(doc_id)
        for doc_id, doc in upserts.items():
            removed.discard(doc_id)
            changed[doc_id] = doc
        self._apply_in_memory(name, upserts, deletes)

    def drop(self, name: str) -> None:
        """Remove table ``name`` entirely when the transaction commits."""
        self._require_transaction()
        self._pending.pop(name, None)
        self._dropped.add(name)
        self._drop_in_memory(name)

    def write(self, data: Mapping[str, Mapping[str, Any]]) -> None:
        """TinyDB's whole-database write (used by ``drop_table``): applied as a diff."""
        with self.transaction():
            current = self.tables()
            for name in [name for name in current if name not in data]:
                self.drop(name)
            for name, table in data.items():
                old = current.get(name, {})
                upserts = {
                    str(doc_id): copy_json(doc)
                    for doc_id, doc in table.items()
                    if old.get(str(doc_id)) != doc
                }
                kept = {str(doc_id) for doc_id in table}
                deletes = [doc_id for doc_id in old if doc_id not in kept]
                if upserts or deletes or name not in current:
                    self.apply(name, upserts, deletes)

    def _apply_in_memory(
        self, name: str, upserts: Mapping[str, Doc], deletes: Iterable[str]
    ) -> None:
        """Change a table in memory, its indexes and its next id (documents are replaced)."""
        assert self._tables is not None
        deletes = list(deletes)
        table = self._tables.get(name)
        if table is None:
            table = snapshot.LazyTable() if name in self.lazy_tables else {}
            self._tables[name] = table
        self._indexes.update(name, table, upserts, deletes)
        for doc_id in deletes:
            table.pop(doc_id, None)
        table.update(upserts)
        if name in self._next_ids and upserts:
            highest = max(map(int, upserts)) + 1
            self._next_ids[name] = max(self._next_ids[name], highest)

    def _drop_in_memory(self, name: str) -> None:
        """Forget table ``name`` in memory."""
        assert self._tables is not None
        self._tables.pop(name, None)
        self._next_ids.pop(name, None)
        self._indexes.drop(name)

    def _require_transaction(self) -> None:
        """Changes outside a transaction would escape the lock: refuse them."""
        if not self._depth:
            raise RuntimeError("store changes must run inside Database.transaction()")

    def _has_pending(self) -> bool:
        """Whether the running transaction changed anything."""
        return bool(self._pending or self._dropped)

    # ------------------------------------------------------------------------- writing

    def _commit(self) -> None:
        """Make the transaction's changes durable (file lock held).

        The answer tells the truth: once the journal entry is fsynced the changes are saved,
        whatever happens next. A compaction that then fails (disk full, folder not writable) is
        only a warning (:attr:`warnings`); the journal stays long, so the next commit retries it.
        """
        if not self._has_pending() and not self._force_compact:
            return
        assert self._tables is not None
        disk = self._disk
        self._require_writable()
        try:
            if disk.nonce is None or self._force_compact:
                self._write_snapshot()
                return
            disk.append(self._record())
        except OSError as error:
            raise StoreError(
                f"Não foi possível gravar o arquivo de dados {self.path}: {os_reason(error)}. "
                "Nada foi salvo."
            ) from error
        if disk.journal_end > max(self.compact_min_bytes, disk.base_size * self.compact_ratio):
            self.compact_quietly()

    def compact_quietly(self) -> None:
        """Fold the journal into a new snapshot; a failure becomes a warning (file lock held)."""
        try:
            self._write_snapshot()
        except (OSError, DamagedDatabase) as error:
            # What is on disk is still a consistent snapshot + journal; forget what memory
            # believes about the files so the next access reads them again.
            self._disk.close()
            self._tables = None
            self._next_ids = {}
            self._indexes.clear()
            reason = os_reason(error) if isinstance(error, OSError) else str(error)
            self.warnings.append(
                f"Aviso: os dados foram salvos, mas não foi possível compactar o arquivo "
                f"{self.path} ({reason}); isso será tentado de novo depois."
            )

    def _write_snapshot(self) -> None:
        """Write the tables in memory as a new snapshot (lazy ones indexed) and a new journal."""
        assert self._tables is not None
        self._disk.write_snapshot(
            self._tables,
            lazy=self.lazy_tables,
            indexes={
                name: indexes
                for name, indexes in self.persisted_indexes.items()
                if name in self.lazy_tables
            },
        )

    def drop_stale_journal(self) -> None:
        """Empty a journal a crashed compaction left behind (inside a transaction).

        Its records are already in the snapshot, but its bytes may still hold data an erasure
        removed; a read-only file is left as it is (reading never needs to write).
        """
        self._require_transaction()
        if not self._disk.journal_stale or self._disk.nonce is None:
            return
        with contextlib.suppress(OSError, StoreError):
            self._require_writable()
            self._disk.reset_journal()

    def writable(self) -> bool:
        """Whether the data file may be written (its owner did not make it read-only)."""
        try:
            self._require_writable()
        except DataFileUnusable:
            return False
        return True

    def _require_writable(self) -> None:
        """Refuse to write a data file its owner made read-only (its permissions are theirs)."""
        try:
            mode = os.stat(self.path).st_mode
        except OSError:
            return
        if not mode & stat.S_IWUSR:
            raise DataFileUnusable(self.path, "o arquivo só permite leitura; nada foi salvo")

    def _record(self) -> dict[str, Any]:
        """The journal record of the running transaction."""
        record: dict[str, Any] = {
            "t": {
                name: {"u": changed, "d": sorted(removed)}
                for name, (changed, removed) in self._pending.items()
            }
        }
        if self._dropped:
            record["x"] = sorted(self._dropped)
        return record

    # ------------------------------------------------------------------------- lifecycle

    def _invalidate(self) -> None:
        """Forget everything in memory; the next access reloads from disk."""
        self._disk.close()
        self._tables = None
        self._next_ids = {}
        self._indexes.clear()

    def close(self) -> None:
        """Release the open files (the object can still be used: it reopens on demand)."""
        with self._lock.thread:
            self._invalidate()
