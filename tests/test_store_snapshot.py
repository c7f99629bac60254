"""The snapshot layout: one document per line, checksummed, request details decoded on demand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _store import NOW
from tinydb import TinyDB

from store import snapshot
from store.database import Database
from store.errors import DamagedDatabase
from store.names import REQUEST_DETAILS


def test_round_trip_keeps_tables_and_order(tmp_path: Path) -> None:
    tables: dict[str, dict[str, dict[str, Any]]] = {
        "a": {"1": {"text": "linha\ncom quebra", "n": [1, {"x": None}]}, "3": {"é": "ç"}},
        "empty": {},
        REQUEST_DETAILS: {"2": {"big": "x" * 100}},
    }
    data = snapshot.encode(tables, "n0nce")
    assert json.loads(data)["a"]["1"]["text"] == "linha\ncom quebra"
    decoded, nonce = snapshot.decode(data, tmp_path, frozenset({REQUEST_DETAILS}))
    assert nonce == "n0nce"
    assert {name: dict(table) for name, table in decoded.items()} == tables
    assert list(decoded["a"]) == ["1", "3"]
    assert isinstance(decoded[REQUEST_DETAILS], snapshot.LazyTable)


def test_empty_snapshot(tmp_path: Path) -> None:
    data = snapshot.encode({}, "n")
    assert json.loads(data)["_storage"]["1"]["nonce"] == "n"
    assert snapshot.decode(data, tmp_path, frozenset()) == ({}, "n")


def test_a_flipped_byte_anywhere_is_damage(tmp_path: Path) -> None:
    data = snapshot.encode({REQUEST_DETAILS: {"1": {"text": "abcdef"}}}, "n")
    flipped = data.replace(b"abcdef", b"abcdeg")
    with pytest.raises(DamagedDatabase):
        snapshot.decode(flipped, tmp_path, frozenset({REQUEST_DETAILS}))


def test_details_are_decoded_only_when_read(db_path: Path) -> None:
    db = Database(db_path)
    protocol = db.requests.submit("backup", {"support_id": "A", "slot": "20:00"}, NOW).protocol
    db.compact()
    fresh = Database(db_path)
    assert fresh.requests.list()[0].protocol == protocol
    details = fresh.storage.table(REQUEST_DETAILS)
    assert isinstance(details, snapshot.LazyTable)
    assert isinstance(details._items["1"], bytes)
    assert fresh.requests.get(protocol).message["text"]
    assert isinstance(details._items["1"], dict)


def test_compaction_copies_untouched_details_verbatim(db_path: Path) -> None:
    db = Database(db_path)
    db.requests.submit("backup", {"support_id": "A", "slot": "20:00"}, NOW)
    db.compact()
    line = next(x for x in db_path.read_bytes().splitlines() if x.startswith(b'"1": {"protocol"'))
    Database(db_path).compact()
    assert line in db_path.read_bytes().splitlines()


def test_plain_tinydb_reads_the_snapshot(db_path: Path) -> None:
    db = Database(db_path)
    db.requests.submit("backup", {"support_id": "A", "slot": "20:00"}, NOW)
    db.compact()
    plain = TinyDB(db_path, access_mode="r")
    assert plain.table("requests").all()[0]["protocol"] == "HD-2026-000001"
    plain.close()
