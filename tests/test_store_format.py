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

from helpdesk.clock import SAO_PAULO
from store import snapshot
from store.database import Database

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
        "dump": db.dump(),
    }
    return json.loads(json.dumps(data, ensure_ascii=False, sort_keys=True))


def expected() -> dict[str, Any]:
    """What the previous app read from the fixture."""
    return json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))


def test_a_file_in_the_previous_layout_reads_back_identically(old_file: Path) -> None:
    assert reads(Database(old_file)) == expected()


def test_its_first_compaction_rewrites_it_in_format_2_and_nothing_changes(old_file: Path) -> None:
    Database(old_file).compact()
    header = json.loads(old_file.read_bytes().split(b"\n", 1)[0].rstrip(b",") + b"}")
    assert header["_storage"]["1"]["format"] == snapshot.FORMAT
    assert reads(Database(old_file)) == expected()
    db = Database(old_file)
    saved = db.requests.submit("backup", {"support_id": "500600", "slot": "20:00"}, LATER)
    assert saved.protocol == "HD-2026-000008"
    assert Database(old_file).requests.open_duplicates("transfer", "300400") == ["HD-2026-000006"]
