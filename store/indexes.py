"""Lookups by key (a protocol, an ID Suporte) over the storage's in-memory tables.

Each index is built on first use and then moved along by every change the storage applies, local
or replayed from the journal, so a lookup costs the same whatever the table's size.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

IndexKey = Callable[[Mapping[str, Any]], Hashable]
"""What a document is indexed by."""


class Indexes:
    """The indexes of every table, by ``(table name, index name)``."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, str], IndexKey] = {}
        self._built: dict[tuple[str, str], dict[Hashable, set[str]]] = {}

    def lookup(
        self,
        name: str,
        index: str,
        key: IndexKey,
        table: Mapping[str, Mapping[str, Any]],
        value: Hashable,
    ) -> list[str]:
        """Ids of the documents of ``table`` (called ``name``) whose ``key(doc) == value``."""
        built = self._built.get((name, index))
        if built is None:
            self._keys[(name, index)] = key
            built = {}
            for doc_id, doc in table.items():
                built.setdefault(key(doc), set()).add(doc_id)
            self._built[(name, index)] = built
        return sorted(built.get(value, ()), key=int)

    def update(
        self,
        name: str,
        table: Mapping[str, Mapping[str, Any]],
        upserts: Mapping[str, Mapping[str, Any]],
        deletes: Iterable[str],
    ) -> None:
        """Move changed documents between the entries of their old and new keys.

        Call before ``table`` itself changes: the old documents tell which entries to leave.
        """
        deletes = list(deletes)
        for (indexed, index), built in self._built.items():
            if indexed != name:
                continue
            key = self._keys[(indexed, index)]
            for doc_id in [*deletes, *upserts]:
                old = table.get(doc_id)
                if old is not None:
                    built.get(key(old), set()).discard(doc_id)
            for doc_id, doc in upserts.items():
                built.setdefault(key(doc), set()).add(doc_id)

    def drop(self, name: str) -> None:
        """Forget the indexes of table ``name``."""
        for built in [k for k in self._built if k[0] == name]:
            del self._built[built]

    def clear(self) -> None:
        """Forget every index (they are rebuilt on the next lookup)."""
        self._built = {}
