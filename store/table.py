"""TinyDB tables over :class:`JournalStorage`: locked writes, no stale next id, no query cache.

TinyDB's ``Table`` keeps a next-id counter and a query cache in memory, and its writes are a read
followed by a separate write. Both are wrong with several processes, so this subclass:

* runs every write method inside one storage transaction (lock held from reading to committing);
* takes document ids from the storage, which derives them from the data it just re-read;
* has no query cache; every read goes through the storage's freshness check;
* hands TinyDB's updaters a tracking view of the table, so only the documents an operation really
  changed are journaled, and documents returned to callers are copies they may freely mutate.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any, cast

from tinydb import TinyDB
from tinydb.table import Document, Table

from store.storage import Doc, JournalStorage, copy_json


class CopiedDocument(Document):
    """A document handed to a caller: a deep copy, so mutating it cannot touch the store."""

    def __init__(self, value: Mapping[str, Any], doc_id: int) -> None:
        super().__init__(copy_json(value), doc_id)


class NoQueryCache(dict[Any, Any]):
    """A query cache that never remembers (results must always come from fresh data)."""

    def __init__(self, capacity: int | None = None) -> None:
        super().__init__()
        del capacity

    def __setitem__(self, key: Any, value: Any) -> None:
        """Drop the value."""

    def get(self, key: Any, default: Any = None) -> Any:
        """Always a miss."""
        return default


class TrackedTable(MutableMapping[int, Doc]):
    """The view TinyDB's updaters mutate: copies on access, remembers what changed."""

    def __init__(self, raw: Mapping[str, Doc]) -> None:
        self._raw = raw
        self._working: dict[int, Doc] = {}
        self._deleted: set[int] = set()

    def __contains__(self, key: object) -> bool:
        if key in self._working:
            return True
        return key not in self._deleted and str(key) in self._raw

    def __getitem__(self, key: int) -> Doc:
        if key in self._working:
            return self._working[key]
        if key in self._deleted:
            raise KeyError(key)
        doc = copy_json(self._raw[str(key)])
        self._working[key] = doc
        return doc

    def __setitem__(self, key: int, value: Doc) -> None:
        self._deleted.discard(key)
        self._working[key] = copy_json(dict(value))

    def __delitem__(self, key: int) -> None:
        if key not in self:
            raise KeyError(key)
        self._working.pop(key, None)
        self._deleted.add(key)

    def __iter__(self) -> Iterator[int]:
        for raw_key in self._raw:
            key = int(raw_key)
            if key not in self._deleted and key not in self._working:
                yield key
        yield from list(self._working)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def clear(self) -> None:
        """Delete every document without copying any."""
        self._working.clear()
        self._deleted.update(int(key) for key in self._raw)

    def changes(self) -> tuple[dict[str, Doc], list[str]]:
        """Documents added or really modified, and ids removed, keyed as stored."""
        upserts = {
            str(key): doc for key, doc in self._working.items() if self._raw.get(str(key)) != doc
        }
        deletes = [str(key) for key in self._deleted if str(key) in self._raw]
        return upserts, deletes


class DurableTable(Table):
    """A TinyDB table whose every operation is fresh, locked and durable."""

    document_class = CopiedDocument
    query_cache_class = NoQueryCache  # type: ignore[assignment]

    @property
    def _durable(self) -> JournalStorage:
        """The storage, typed."""
        return cast(JournalStorage, self._storage)

    def insert(self, document: Mapping[str, Any]) -> int:
        """Insert one document; returns its id."""
        with self._durable.transaction():
            return super().insert(document)

    def insert_multiple(self, documents: Iterable[Mapping[str, Any]]) -> list[int]:
        """Insert several documents in one commit; returns their ids."""
        with self._durable.transaction():
            return super().insert_multiple(documents)

    def update(
        self, fields: Any, cond: Any = None, doc_ids: Iterable[int] | None = None
    ) -> list[int]:
        """Update matching documents (see ``tinydb.table.Table.update``)."""
        with self._durable.transaction():
            return super().update(fields, cond, doc_ids)

    def update_multiple(self, updates: Any) -> list[int]:
        """Several updates in one commit (see ``tinydb.table.Table.update_multiple``)."""
        with self._durable.transaction():
            return super().update_multiple(updates)

    def upsert(self, document: Mapping[str, Any], cond: Any = None) -> list[int]:
        """Update matching documents or insert one (see ``tinydb.table.Table.upsert``)."""
        with self._durable.transaction():
            return super().upsert(document, cond)

    def remove(self, cond: Any = None, doc_ids: Iterable[int] | None = None) -> list[int]:
        """Remove matching documents; returns their ids."""
        with self._durable.transaction():
            return super().remove(cond, doc_ids)

    def truncate(self) -> None:
        """Remove every document of the table."""
        with self._durable.transaction():
            super().truncate()

    def search(self, cond: Any) -> list[Document]:
        """Documents matching ``cond`` (copies), read from fresh data."""
        with self._durable.locked():
            return super().search(cond)

    def get(self, cond: Any = None, doc_id: int | None = None, doc_ids: Any = None) -> Any:
        """One document (or several by ``doc_ids``), as copies; see ``tinydb.table.Table.get``."""
        with self._durable.locked():
            return super().get(cond, doc_id, doc_ids)

    def __iter__(self) -> Iterator[Document]:
        with self._durable.locked():
            documents = list(super().__iter__())
        return iter(documents)

    def __len__(self) -> int:
        with self._durable.locked():
            return super().__len__()

    def _get_next_id(self) -> int:
        """The storage's next id, computed from data re-read under the lock."""
        return self._durable.allocate_id(self.name)

    def _read_table(self) -> dict[str, Mapping[str, Any]]:
        """The current version of the table (checked against disk)."""
        return cast(dict[str, Mapping[str, Any]], self._durable.table(self.name))

    def _update_table(self, updater: Any) -> None:
        """Run a TinyDB updater on a tracking view and journal only what it changed."""
        with self._durable.transaction():
            tracked = TrackedTable(self._durable.table(self.name))
            updater(tracked)
            upserts, deletes = tracked.changes()
            if upserts or deletes:
                self._durable.apply(self.name, upserts, deletes)


class DurableTinyDB(TinyDB):
    """TinyDB wired to durable tables."""

    table_class = DurableTable
