"""A damaged data file: kept aside untouched, what can be read is salvaged, work goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from _store import NOW, sample_licenses

from store.database import Database
from store.errors import DamagedDatabase
from store.recover import recover


def filled(db_path: Path) -> Database:
    """A database with licenses and three requests, compacted into the snapshot."""
    db = Database(db_path)
    db.licenses.import_licenses(sample_licenses(), NOW)
    for sid in ("A", "B", "C"):
        db.requests.submit("backup", {"support_id": sid, "slot": "20:00"}, NOW)
    db.compact()
    return db


def test_recover_keeps_the_damaged_file_and_salvages_documents(db_path: Path) -> None:
    filled(db_path)
    data = db_path.read_bytes()
    cut = data.index(b'"HD-2026-000003"')
    damaged = data[: cut + 5]  # the file ends in the middle of the last request
    db_path.write_bytes(damaged)
    with pytest.raises(DamagedDatabase):
        Database(db_path)

    report = recover(db_path, NOW)

    assert report.damaged
    aside = [p for p in report.moved if p.name.startswith("helpdesk.json.danificado-20260310-")]
    assert aside and aside[0].read_bytes() == damaged
    db = Database(db_path)
    assert {s.protocol for s in db.requests.list()} >= {"HD-2026-000001", "HD-2026-000002"}
    assert len(db.licenses.list()) == 2
    new = db.requests.submit("backup", {"support_id": "D", "slot": "20:00"}, NOW)
    assert new.protocol not in {"HD-2026-000001", "HD-2026-000002"}


def test_recover_replays_the_journal_when_the_snapshot_is_lost(db_path: Path) -> None:
    db = filled(db_path)
    db.requests.submit("backup", {"support_id": "E", "slot": "20:00"}, NOW)
    db_path.write_bytes(b"\x00" * 64)
    report = recover(db_path, NOW)
    assert report.damaged
    fresh = Database(db_path)
    assert [s.support_id for s in fresh.requests.list()] == ["E"]
    assert fresh.requests.submit("backup", {"support_id": "F", "slot": "20:00"}, NOW).protocol == (
        "HD-2026-000005"
    )


def test_healthy_file_is_left_alone(db_path: Path) -> None:
    filled(db_path)
    before = db_path.read_bytes()
    report = recover(db_path, NOW)
    assert not report.damaged and report.moved == []
    assert db_path.read_bytes() == before


def test_damage_in_a_request_never_read_is_found_when_read_and_recovered(db_path: Path) -> None:
    db = Database(db_path)
    for n in range(60):  # several checksum blocks
        db.requests.submit("backup", {"support_id": f"S{n}", "slot": "20:00"}, NOW)
    db.compact()
    data = db_path.read_bytes()
    start = data.index(b'"60": {"protocol":"HD-2026-000060","fields"')
    at = data.index(b'"slot":"20:00"', start) + len(b'"slot":"2')
    damaged = data[:at] + b"1" + data[at + 1 :]
    db_path.write_bytes(damaged)
    db = Database(db_path)  # only what a lookup lands on is read
    assert db.requests.get("HD-2026-000001").fields["slot"] == "20:00"
    with pytest.raises(DamagedDatabase):
        db.requests.get("HD-2026-000060")
    with pytest.raises(DamagedDatabase):
        db.compact()  # damaged bytes are never copied into a file that vouches for them
    assert db_path.read_bytes() == damaged

    report = recover(db_path, NOW)

    assert report.damaged
    fresh = Database(db_path)
    assert fresh.requests.get("HD-2026-000001").fields["slot"] == "20:00"
    saved = fresh.requests.submit("backup", {"support_id": "D", "slot": "20:00"}, NOW)
    assert saved.protocol == "HD-2026-000061"  # the damaged request's number is not reused
