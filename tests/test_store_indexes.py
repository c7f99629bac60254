"""The file engine's lookup indexes follow changes another handle wrote (compactions included)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _store import NOW, sample_licenses

from helpdesk.licenses import CANCELLATION_SCHEDULED
from store.database import Database
from store.errors import DuplicateRequest


@pytest.fixture
def db(db_path: Path) -> Database:
    """A data file holding the sample lote."""
    database = Database(db_path)
    database.licenses.import_licenses(sample_licenses(), NOW)
    return database


def test_indexes_follow_changes_made_by_another_handle(db: Database, db_path: Path) -> None:
    other = Database(db_path, compact_min_bytes=1)
    assert other.requests.open_duplicates("cancel", "100200") == []  # builds the index
    assert other.licenses.get("100200") is not None
    first = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    with pytest.raises(DuplicateRequest):
        other.requests.submit("cancel", {"support_id": "100200"}, NOW)
    assert other.requests.get(first.protocol).protocol == first.protocol
    db.requests.withdraw(first.protocol, NOW)
    second = other.requests.submit("cancel", {"support_id": "100200"}, NOW)  # compacts
    assert db.requests.open_duplicates("cancel", "100200") == [second.protocol]
    assert db.requests.get(second.protocol).status == "registrada"
    other.requests.mark(second.protocol, "enviada", NOW)
    lic = db.licenses.get("100200")
    assert lic is not None and lic.status == CANCELLATION_SCHEDULED
