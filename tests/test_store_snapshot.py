"""The snapshot layout: one document per line, checksummed, request details decoded on demand."""

from __future__ import annotations

import itertools
import json
import tempfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from _store import NOW
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from store import keys, snapshot
from store.database import Database
from store.errors import DamagedDatabase, DuplicateRequest
from store.names import REQUEST_DETAILS, REQUESTS

CANCEL = {
    "term_start": "01/03/2026",
    "renews_on": "01/03/2027",
    "cycle_months": "12",
    "conta_pj": "sim",
}


def _decode(data: bytes, path: Path, lazy: frozenset[str] = frozenset()) -> tuple[Any, Any]:
    """Tables and nonce of snapshot bytes."""
    tables, nonce, _ = snapshot.decode(data, path, lazy)
    return tables, nonce


def test_round_trip_keeps_tables_and_order(tmp_path: Path) -> None:
    tables: dict[str, dict[str, dict[str, Any]]] = {
        "a": {"1": {"text": "linha\ncom quebra", "n": [1, {"x": None}]}, "3": {"é": "ç"}},
        "empty": {},
        REQUEST_DETAILS: {"10": {"big": "x" * 100}, "2": {"big": "y"}},
    }
    lazy = frozenset({REQUEST_DETAILS})
    data = snapshot.encode(tables, "n0nce", lazy=lazy)
    assert json.loads(data)["a"]["1"]["text"] == "linha\ncom quebra"
    decoded, nonce = _decode(data, tmp_path, lazy)
    assert nonce == "n0nce"
    assert {name: dict(table) for name, table in decoded.items()} == tables
    assert list(decoded["a"]) == ["1", "3"]
    assert list(decoded[REQUEST_DETAILS]) == ["2", "10"]  # lazy lines are sorted by id
    assert isinstance(decoded[REQUEST_DETAILS], snapshot.LazyTable)


def test_empty_snapshot(tmp_path: Path) -> None:
    data = snapshot.encode({}, "n")
    assert json.loads(data)["_storage"]["1"]["nonce"] == "n"
    assert _decode(data, tmp_path) == ({}, "n")


def _many(count: int) -> dict[str, dict[str, Any]]:
    """Request-like documents spread over many checksum blocks."""
    return {
        str(n): {"protocol": f"HD-2026-{n:06d}", "kind": "cancel", "pad": "x" * 300}
        for n in range(1, count + 1)
    }


def test_a_flipped_byte_anywhere_is_damage_before_it_is_used(tmp_path: Path) -> None:
    lazy = frozenset({REQUEST_DETAILS})
    docs = _many(400)
    data = snapshot.encode({"meta": {"1": {"v": "abcdef"}}, REQUEST_DETAILS: docs}, "n", lazy=lazy)
    eager = data.replace(b"abcdef", b"abcdeg")
    with pytest.raises(DamagedDatabase):
        _decode(eager, tmp_path, lazy)
    header = data.replace(b'"nonce":"n"', b'"nonce":"m"')
    with pytest.raises(DamagedDatabase):
        _decode(header, tmp_path, lazy)
    target = b'"protocol":"HD-2026-000300"'
    lazy_damage = data.replace(target, target.replace(b"300", b"301"))
    tables, _, body = snapshot.decode(lazy_damage, tmp_path, lazy)
    assert tables[REQUEST_DETAILS]["2"]["protocol"] == "HD-2026-000002"  # a block far away
    with pytest.raises(DamagedDatabase):
        tables[REQUEST_DETAILS]["300"]
    assert body is not None
    with pytest.raises(DamagedDatabase):
        body.check_all()
    with pytest.raises(DamagedDatabase):
        _decode(data[:-100], tmp_path, lazy)[0][REQUEST_DETAILS]["400"]


def test_lookups_read_only_the_lines_they_need(tmp_path: Path) -> None:
    lazy = frozenset({REQUEST_DETAILS})
    indexes = {REQUEST_DETAILS: {"protocol": lambda doc: doc["protocol"]}}
    data = snapshot.encode({REQUEST_DETAILS: _many(6000)}, "n", lazy=lazy, indexes=indexes)
    tables, _, body = snapshot.decode(data, tmp_path, lazy)
    table = tables[REQUEST_DETAILS]
    assert isinstance(table, snapshot.LazyTable) and table.section is not None
    assert table.section.lookup("protocol", "HD-2026-001234") == ["1234"]
    assert table.section.lookup("protocol", "HD-2026-009999") == []
    assert table["1999"]["protocol"] == "HD-2026-001999"
    assert "6001" not in table and "x" not in table
    assert table.max_id() == 6000
    assert body is not None
    assert len(body._checked) < len(body.crcs) // 3  # most of the file was never read
    assert len(table) == 6000 and table.section is None  # listing reads it all


def test_a_format_1_snapshot_is_still_read(tmp_path: Path) -> None:
    body = b'"t": {\n"1": {"n":1}\n},\n"request_details": {\n"1": {"big":"x"}\n}\n}\n'
    header = {"1": {"nonce": "old", "format": 1, "crc": zlib.crc32(body)}}
    data = b'{"_storage": ' + json.dumps(header).encode() + b",\n" + body
    tables, nonce = _decode(data, tmp_path, frozenset({REQUEST_DETAILS}))
    assert nonce == "old" and tables["t"] == {"1": {"n": 1}}
    assert dict(tables[REQUEST_DETAILS]) == {"1": {"big": "x"}}
    with pytest.raises(DamagedDatabase):
        _decode(data.replace(b'"big":"x"', b'"big":"y"'), tmp_path, frozenset())


def test_details_are_decoded_only_when_read(db_path: Path) -> None:
    db = Database(db_path)
    protocol = db.requests.submit("backup", {"support_id": "A", "slot": "20:00"}, NOW).protocol
    db.compact()
    fresh = Database(db_path)
    assert fresh.requests.list()[0].protocol == protocol
    details = fresh.storage.table(REQUEST_DETAILS)
    assert isinstance(details, snapshot.LazyTable)
    assert details.section is not None and "1" not in details._items  # not even listed
    assert fresh.requests.get(protocol).message["text"]
    assert isinstance(details._items["1"], dict)


def test_a_submit_reads_none_of_the_history(db_path: Path) -> None:
    db = Database(db_path)
    first = db.requests.submit("cancel", {"support_id": "A", **CANCEL}, NOW)
    for n in range(30):
        db.requests.submit("backup", {"support_id": f"B{n}", "slot": "20:00"}, NOW)
    db.compact()
    fresh = Database(db_path)
    with pytest.raises(DuplicateRequest) as caught:
        fresh.requests.submit("cancel", {"support_id": "A", **CANCEL}, NOW)
    assert caught.value.protocols == [first.protocol]
    saved = fresh.requests.submit("backup", {"support_id": "C", "slot": "20:00"}, NOW)
    assert saved.protocol == "HD-2026-000032"
    assert fresh.requests.get("HD-2026-000007").support_id == "B5"
    for name in (REQUESTS, REQUEST_DETAILS):
        table = fresh.storage.table(name)
        assert isinstance(table, snapshot.LazyTable) and table.section is not None
        assert len(table._items) <= 3  # the new request, and the ones looked up
    assert [r.protocol for r in Database(db_path).requests.list()][:2] == [
        "HD-2026-000032",
        "HD-2026-000031",
    ]


def test_lookups_see_changes_the_journal_made_after_the_snapshot(db_path: Path) -> None:
    db = Database(db_path)
    first = db.requests.submit("cancel", {"support_id": "A", **CANCEL}, NOW)
    db.compact()
    db.requests.withdraw(first.protocol, NOW)  # journaled: the snapshot's index still lists it
    fresh = Database(db_path)
    assert fresh.requests.open_duplicates("cancel", "A") == []
    second = fresh.requests.submit("cancel", {"support_id": "A", **CANCEL}, NOW)
    assert Database(db_path).requests.open_duplicates("cancel", "A") == [second.protocol]
    assert Database(db_path).requests.get(first.protocol).status == "retirada"


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


OPERATION = st.tuples(
    st.sampled_from(["put", "delete", "compact", "reopen"]),
    st.integers(1, 12),
    st.sampled_from(["cancel", "backup"]),
    st.sampled_from(["A", "B", "C"]),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(OPERATION, max_size=25))
def test_lookups_agree_with_the_table_through_changes_compactions_and_reopening(
    operations: list[tuple[str, int, str, str]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data" / "helpdesk.json"
        db = Database(path)
        expected: dict[str, dict[str, Any]] = {}
        for op, number, kind, support_id in operations:
            doc_id = str(number)
            if op == "put":
                doc = {**_summary(number), "kind": kind, "support_id": support_id}
                with db.transaction():
                    db.storage.apply(REQUESTS, {doc_id: doc})
                expected[doc_id] = doc
            elif op == "delete" and doc_id in expected:
                with db.transaction():
                    db.storage.apply(REQUESTS, {}, [doc_id])
                del expected[doc_id]
            elif op == "compact":
                db.compact()
            elif op == "reopen":
                db = Database(path)
            for value in itertools.product(("cancel", "backup"), ("A", "B", "C")):
                found = db.storage.lookup(
                    REQUESTS, keys.KIND_AND_LICENSE, keys.by_kind_and_license, value
                )
                wanted = [i for i, d in expected.items() if (d["kind"], d["support_id"]) == value]
                assert found == sorted(wanted, key=int)
            for doc_id, doc in expected.items():
                assert db.storage.lookup(
                    REQUESTS, keys.PROTOCOL, keys.by_protocol, doc["protocol"]
                ) == [doc_id]
        fresh = Database(path)
        assert dict(fresh.storage.table(REQUESTS)) == expected


def _summary(number: int) -> dict[str, Any]:
    """A request summary document numbered ``number``."""
    at = "2026-03-10T10:00:00-03:00"
    return {
        "protocol": f"HD-2026-{number:06d}",
        "kind": "cancel",
        "support_id": "A",
        "client": "",
        "status": "registrada",
        "status_history": [{"status": "registrada", "at": at, "note": ""}],
        "created_at": at,
        "decision": "ok",
        "key_date": None,
        "effect": None,
    }
