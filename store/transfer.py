"""The file engine's side of ``store.interface``: its tables as neutral documents and back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from store import names
from store.interface import COPIED_TABLES, Doc, Tables
from store.storage import copy_json

if TYPE_CHECKING:
    from store.database import Database

_COUNTERS_ID = "2"  # the meta document holding the protocol counters (see store.requests)


def dump(db: Database) -> Tables:
    """Every stored document (copies), with the protocol counters as ``meta``."""
    with db.storage.locked():
        tables = db.storage.tables()
        out: Tables = {name: copy_json(dict(tables.get(name, {}))) for name in COPIED_TABLES}
        counters = tables.get(names.META, {}).get(_COUNTERS_ID)
    out[names.META] = {_COUNTERS_ID: copy_json(counters)} if counters else {}
    return out


def load(db: Database, tables: Mapping[str, Mapping[str, Doc]]) -> None:
    """Replace the file's contents with ``tables`` in one commit that rewrites the file."""
    with db.transaction(compact=True):
        storage = db.storage
        for name in COPIED_TABLES:
            storage.apply(name, {}, list(storage.table(name)))
            storage.apply(
                name, {str(key): copy_json(doc) for key, doc in tables.get(name, {}).items()}
            )
        counters = tables.get(names.META, {}).get(_COUNTERS_ID)
        if counters:
            storage.apply(names.META, {_COUNTERS_ID: copy_json(dict(counters))})
        else:
            storage.apply(
                names.META, {}, [_COUNTERS_ID] if _COUNTERS_ID in storage.table(names.META) else []
            )


def counts(db: Database) -> dict[str, int]:
    """How many documents each neutral table holds."""
    tables = db.storage.tables()
    return {name: len(tables.get(name, {})) for name in COPIED_TABLES}


def file_state(db: Database) -> tuple[int, ...]:
    """A token that changes whenever any process commits to the file (sizes and times)."""
    state: list[int] = []
    for path in (db.path, db.storage.journal_path):
        try:
            info = path.stat()
        except OSError:
            state.extend((0, 0))
            continue
        state.extend((info.st_mtime_ns, info.st_size))
    return tuple(state)
