"""A data file in the previous layout (written by the app before this one) reads back identically.

The fixture in ``tests/fixtures/store_v2`` was written by the app as it was before the snapshot
became format 2: a format-1 snapshot (one checksum over the whole body) plus a journal with
changes not folded in yet. ``expected.json`` is what that app read from it.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from _cli import run

from helpdesk.clock import SAO_PAULO
from store import migrations, names, snapshot
from store.database import Database
from store.packing import is_packed, unpack_detail

FIXTURE = Path(__file__).parent / "fixtures" / "store_v2"
LATER = datetime(2026, 3, 20, 10, 0, tzinfo=SAO_PAULO)
"""A moment after every request of the fixture."""


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    """A private copy of the fixture's data file and pending journal."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    for name in ("helpdesk.json", "helpdesk.json.journal"):
        shutil.copy(FIXTURE / name, folder / name)
        (folder / name).chmod(0o600)
    return folder / "helpdesk.json"


def reads(db: Database) -> dict[str, Any]:
    """Everything the fixture's ``expected.json`` records, as this app reads it."""
    data = {
        "requests": [r.to_json() for r in db.requests.all()],
        "list": [s.to_json() for s in db.requests.list()],
        "licenses": {
            sid: [dict(h) for h in db.licenses.history(sid)]
            for sid in ("100200", "300400", "500600")
        },
        "dump": _unpacked(db.dump()),
    }
    return json.loads(json.dumps(data, ensure_ascii=False, sort_keys=True))


def _unpacked(tables: dict[str, Any]) -> dict[str, Any]:
    """A dump with its details in full, whatever the schema version stores."""
    details = tables.get(names.REQUEST_DETAILS, {})
    return {**tables, names.REQUEST_DETAILS: {k: unpack_detail(d) for k, d in details.items()}}


def expected() -> dict[str, Any]:
    """What the previous app read from the fixture."""
    return json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))


def test_a_file_in_the_previous_layout_reads_back_identically(old_file: Path) -> None:
    before = old_file.stat().st_size + old_file.with_name("helpdesk.json.journal").stat().st_size
    db = Database(old_file)  # migrated, and compacted: the journal is folded in
    assert reads(db) == expected()
    assert db.schema_version() == migrations.CURRENT
    assert old_file.stat().st_size < before / 2
    details = db.storage.table(names.REQUEST_DETAILS)
    assert len(details) == 7 and all(is_packed(doc) for doc in details.values())
    assert reads(Database(old_file)) == expected()
    # What the support message and the detail screen show, byte for byte.
    for request in expected()["requests"]:
        shown = db.requests.get(request["protocol"])
        assert shown.message == request["message"] and shown.outcome == request["outcome"]


def test_its_first_compaction_rewrites_it_in_format_2_and_nothing_changes(old_file: Path) -> None:
    Database(old_file).compact()
    header = json.loads(old_file.read_bytes().split(b"\n", 1)[0].rstrip(b",") + b"}")
    assert header["_storage"]["1"]["format"] == snapshot.FORMAT
    assert reads(Database(old_file)) == expected()
    db = Database(old_file)
    saved = db.requests.submit("backup", {"support_id": "500600", "slot": "20:00"}, LATER)
    assert saved.protocol == "HD-2026-000008"
    assert Database(old_file).requests.open_duplicates("transfer", "300400") == ["HD-2026-000006"]


def test_a_database_in_the_previous_schema_is_migrated_and_reads_back_identically(
    pg_url: str,
) -> None:
    import psycopg
    from psycopg.types.json import Jsonb

    from store.postgres import schema
    from store.postgres.database import PostgresDatabase

    old = expected()
    with psycopg.connect(pg_url, autocommit=True) as conn, conn.transaction():
        # Version 1, as the previous app created it.
        conn.execute(schema._VERSION_TABLE)
        conn.execute(str(schema.MIGRATIONS[0]).encode())
        conn.execute("INSERT INTO helpdesk_schema (single, version) VALUES (true, 1)")
    previous = PostgresDatabase(pg_url, migrate=False)
    previous.load({k: v for k, v in old["dump"].items() if k != names.REQUEST_DETAILS})
    previous.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for key, detail in old["dump"][names.REQUEST_DETAILS].items():
            message = detail["message"]
            conn.execute(
                "INSERT INTO request_details (request_id, fields, outcome, message_channel, "
                "message_text, message_url) VALUES (%s, %s, %s, %s, %s, %s)",
                (
                    int(key),
                    Jsonb(detail["fields"]),
                    Jsonb(detail["outcome"]),
                    message["channel"],
                    message["text"],
                    message["url"],
                ),
            )
    db = PostgresDatabase(pg_url)  # migrates on first use
    assert [r.to_json() for r in db.requests.all()] == old["requests"]
    assert db.schema_version() == schema.CURRENT
    assert [s.to_json() for s in db.requests.list()] == old["list"]
    assert _unpacked(db.dump()) == old["dump"]
    details = db.dump()[names.REQUEST_DETAILS]
    assert details and all(is_packed(doc) for doc in details.values())
    db.close()


def test_a_read_only_file_in_the_previous_layout_is_read_as_it_is(
    old_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old_file.chmod(0o400)
    before = old_file.read_bytes()
    assert reads(Database(old_file)) == expected()
    code, out, err = run(capsys, "--db", str(old_file), "requests", "show", "HD-2026-000001")
    assert code == 0, err
    assert "HD-2026-000001" in out
    assert old_file.read_bytes() == before and Database(old_file).schema_version() == 2


def test_a_request_registered_by_the_older_app_keeps_the_change_it_made(old_file: Path) -> None:
    """The older app changed the lote at registration (HD-2026-000004, a substitution still
    registered, already shows its new client). That change stays: marking it sent does not
    apply it a second time, and withdrawing it still puts the license back."""
    db = Database(old_file)
    request = db.requests.get("HD-2026-000004")
    assert request.status == "registrada"
    lic = db.licenses.get(request.support_id)
    assert lic is not None
    history = db.licenses.history(request.support_id)
    assert history[-1]["protocol"] == "HD-2026-000004"
    db.requests.mark("HD-2026-000004", "enviada", LATER)
    assert db.licenses.get(request.support_id) == lic
    assert db.licenses.history(request.support_id) == history
    db.requests.withdraw("HD-2026-000004", LATER)
    back = db.licenses.get(request.support_id)
    assert back is not None and back.client == history[-1]["previous"]["client"]
