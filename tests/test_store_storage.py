"""The durable storage under TinyDB: freshness, journal, compaction, damage, permissions."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from store import journal
from store.database import Database
from store.errors import DamagedDatabase, StoreError
from store.files import sweep_temps
from store.storage import JournalStorage


def journal_lines(db_path: Path) -> list[bytes]:
    """The journal's lines (header included)."""
    return db_path.with_name(db_path.name + ".journal").read_bytes().splitlines()


def test_tinydb_api_works_and_survives_reopen(db_path: Path) -> None:
    db = Database(db_path)
    table = db.table("notes")
    first = table.insert({"text": "a", "nested": {"n": 1}})
    table.insert_multiple([{"text": "b"}, {"text": "c"}])
    table.update({"seen": True}, Query().text == "a")
    table.remove(doc_ids=[2])
    again = Database(db_path).table("notes")
    assert [doc["text"] for doc in again.all()] == ["a", "c"]
    assert again.get(doc_id=first) == {"text": "a", "nested": {"n": 1}, "seen": True}


def test_returned_documents_are_copies(db_path: Path) -> None:
    table = Database(db_path).table("notes")
    doc_id = table.insert({"nested": {"n": 1}})
    table.get(doc_id=doc_id)["nested"]["n"] = 99
    table.all()[0]["nested"]["n"] = 98
    assert table.get(doc_id=doc_id) == {"nested": {"n": 1}}


def test_two_handles_see_each_other_without_stale_ids_or_cached_queries(db_path: Path) -> None:
    one, two = Database(db_path).table("t"), Database(db_path).table("t")
    query = Query().kind == "x"
    assert one.search(query) == []
    ids = []
    for i in range(6):
        handle = one if i % 2 else two
        ids.append(handle.insert({"kind": "x", "i": i}))
    assert ids == [1, 2, 3, 4, 5, 6]
    assert len(one.search(query)) == 6
    assert sorted(doc["i"] for doc in two.all()) == list(range(6))


def test_a_transaction_is_one_journal_line_and_rolls_back_on_error(db_path: Path) -> None:
    db = Database(db_path)
    db.table("a").insert({"x": 1})
    before = len(journal_lines(db_path))
    with db.transaction():
        db.table("a").insert({"x": 2})
        db.table("b").insert({"y": 1})
    assert len(journal_lines(db_path)) == before + 1
    with pytest.raises(RuntimeError), db.transaction():
        db.table("a").insert({"x": 3})
        raise RuntimeError("boom")
    assert len(journal_lines(db_path)) == before + 1
    assert [doc["x"] for doc in Database(db_path).table("a").all()] == [1, 2]
    assert [doc["x"] for doc in db.table("a").all()] == [1, 2]


def test_only_changed_documents_are_journaled(db_path: Path) -> None:
    db = Database(db_path)
    table = db.table("t")
    table.insert_multiple([{"n": i} for i in range(50)])
    table.update({"flag": True}, doc_ids=[7])
    record = journal.decode_line(journal_lines(db_path)[-1])
    assert record == {"t": {"t": {"u": {"7": {"n": 6, "flag": True}}, "d": []}}}


def test_torn_tail_is_ignored_then_cut_off(db_path: Path) -> None:
    db = Database(db_path)
    db.table("t").insert({"n": 1})
    journal_path = db_path.with_name(db_path.name + ".journal")
    with open(journal_path, "ab") as handle:
        handle.write(b'0badc0de {"t": {"t": {"u": {"2"')
    reader = Database(db_path)
    assert [doc["n"] for doc in reader.table("t").all()] == [1]
    reader.table("t").insert({"n": 2})
    assert [doc["n"] for doc in Database(db_path).table("t").all()] == [1, 2]
    for line in journal_lines(db_path):
        journal.decode_line(line)


def test_damage_inside_the_journal_is_reported_and_nothing_written(db_path: Path) -> None:
    db = Database(db_path)
    table = db.table("t")
    for n in (1, 2, 3):
        table.insert({"n": n})
    journal_path = db_path.with_name(db_path.name + ".journal")
    lines = journal_path.read_bytes().split(b"\n")
    assert b'"n":2' in lines[1]
    lines[1] = lines[1].replace(b'"n":2', b'"n":7')
    journal_path.write_bytes(b"\n".join(lines))
    snapshot = (db_path.read_bytes(), journal_path.read_bytes())
    with pytest.raises(DamagedDatabase) as caught:
        Database(db_path)
    assert caught.value.path == journal_path
    storage = JournalStorage(db_path)
    with pytest.raises(DamagedDatabase), storage.transaction():
        storage.apply("t", {"9": {"n": 9}})
    assert (db_path.read_bytes(), journal_path.read_bytes()) == snapshot


@pytest.mark.parametrize(
    "content",
    [b'{"requests": {"1": {"protocol": "HD-2026-0', b"\x00\x00\x00", b"[1, 2]", b'{"t": {"x": 1}}'],
)
def test_damaged_snapshot_is_never_overwritten(db_path: Path, content: bytes) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    with pytest.raises(DamagedDatabase) as caught:
        Database(db_path)
    message = str(caught.value)
    assert str(db_path) in message
    assert "danificado" in message
    assert "helpdesk db recover" in message
    assert db_path.read_bytes() == content


def test_compaction_folds_the_journal_into_the_snapshot(db_path: Path) -> None:
    db = Database(db_path, compact_min_bytes=500)
    table = db.table("t")
    for i in range(40):
        table.insert({"n": i, "pad": "x" * 40})
    assert len(journal_lines(db_path)) < 15
    snapshot = json.loads(db_path.read_bytes())
    assert len(snapshot["t"]) > 25
    assert [doc["n"] for doc in Database(db_path).table("t").all()] == list(range(40))


def test_journal_left_by_an_interrupted_compaction_is_not_replayed(db_path: Path) -> None:
    db = Database(db_path)
    db.table("t").insert({"n": 1})
    db.table("t").update({"n": 2}, doc_ids=[1])
    journal_path = db_path.with_name(db_path.name + ".journal")
    stale = journal_path.read_bytes()
    db.compact()
    # As if the compaction crashed after replacing the snapshot, before replacing the journal.
    moved_in = journal_path.with_name("stale")
    moved_in.write_bytes(stale)
    os.replace(moved_in, journal_path)
    db.table("t").remove(doc_ids=[1])
    fresh = Database(db_path)
    assert fresh.table("t").all() == []


def test_snapshot_is_plain_tinydb_json(db_path: Path) -> None:
    db = Database(db_path)
    db.table("t").insert({"n": 1})
    db.compact()
    plain = TinyDB(db_path, access_mode="r")
    assert plain.table("t").all() == [{"n": 1}]
    plain.close()


def test_a_plain_tinydb_file_is_adopted(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    plain = TinyDB(db_path)
    plain.table("t").insert({"n": 1})
    plain.close()
    db = Database(db_path)
    db.table("t").insert({"n": 2})
    assert [doc["n"] for doc in Database(db_path).table("t").all()] == [1, 2]


def test_stale_temp_files_are_swept_at_start(db_path: Path) -> None:
    Database(db_path).table("t").insert({"n": 1})
    leftover = db_path.with_name(f".{db_path.name}.deadbeef.tmp")
    leftover.write_bytes(b"half a snapshot")
    other = db_path.with_name("unrelated.tmp")
    other.write_bytes(b"keep")
    Database(db_path)
    assert not leftover.exists()
    assert other.exists()
    assert sweep_temps(db_path) == []


def test_permissions_are_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deep" / "helpdesk.json"
    old = os.umask(0)
    try:
        db = Database(path)
        db.table("t").insert({"n": 1})
        db.compact()
        db.table("t").insert({"n": 2})
    finally:
        os.umask(old)
    for folder in (path.parent, path.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in (path.name, path.name + ".journal", path.name + ".lock"):
        assert stat.S_IMODE((path.parent / name).stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) != 0o700 or True  # existing folders untouched


def test_existing_loose_file_is_left_alone_by_reads_and_rewritten_private(db_path: Path) -> None:
    Database(db_path).table("t").insert({"n": 1})
    db_path.chmod(0o644)
    Database(db_path).table("t").all()
    # A read changes no permission; the next compaction writes a new file, private from birth.
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o644
    Database(db_path).compact()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_threads_share_one_database_safely(db_path: Path) -> None:
    db = Database(db_path)
    table = db.table("t")
    errors: list[BaseException] = []

    def work(tag: int) -> None:
        try:
            for i in range(30):
                table.insert({"tag": tag, "i": i})
                assert len(table.all()) >= i + 1
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    docs = Database(db_path).table("t").all()
    assert len(docs) == 120
    assert len({doc.doc_id for doc in docs}) == 120


def test_drop_table_is_durable(db_path: Path) -> None:
    db = Database(db_path)
    db.table("gone").insert({"n": 1})
    db.table("kept").insert({"n": 2})
    db.tinydb.drop_table("gone")
    assert set(Database(db_path).storage.tables()) >= {"kept"}
    assert "gone" not in set(Database(db_path).storage.tables())


def test_a_failed_write_saves_nothing_and_the_next_one_works(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(db_path)
    table = db.table("t")
    table.insert({"n": 1})
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(StoreError) as caught:
        table.insert({"n": 2})
    assert str(db_path) in str(caught.value)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert [doc["n"] for doc in Database(db_path).table("t").all()] == [1]
    table.insert({"n": 3})
    assert [doc["n"] for doc in Database(db_path).table("t").all()] == [1, 3]
