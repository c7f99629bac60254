"""Schema versions: a version-1 file is upgraded on open; a newer one is refused untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _store import NOW

from store.database import Database
from store.errors import NewerSchema
from store.migrations import CURRENT

V1_FIXTURE = {
    "meta": {"1": {"schema_version": 1}},
    "requests": {
        "1": {
            "protocol": "HD-2025-000007",
            "kind": "cancel",
            "support_id": "100200",
            "client": "Padaria Pão Quente Ltda",
            "status": "enviada",
            "created_at": "2025-11-03T09:30:00-03:00",
            "decision": "Pedido dentro do prazo.",
            "key_date": {"label": "Cancelamento efetivo", "when": "2026-06-01"},
            "message": "Olá! Quero cancelar a renovação.",
        }
    },
    "request_details": {"1": {"protocol": "HD-2025-000007", "fields": {"support_id": "100200"}}},
    "licenses": {
        "1": {
            "support_id": "100200",
            "client": "Padaria Pão Quente Ltda",
            "cnpj": "11222333000181",
            "term_start": "2025-06-01",
            "renews_on": "2026-06-01",
            "cycle_months": 12,
            "conta_pj": True,
            "status": "ativa",
        }
    },
}
"""A file as version 1 wrote it (plain TinyDB JSON, no journal)."""


def write_fixture(path: Path, data: dict[str, object]) -> None:
    """Write a plain TinyDB file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_v1_file_is_migrated_to_current(db_path: Path) -> None:
    write_fixture(db_path, V1_FIXTURE)
    db = Database(db_path)
    assert db.schema_version() == CURRENT == 3
    reopened = Database(db_path)
    assert reopened.schema_version() == 3
    request = reopened.requests.get("HD-2025-000007")
    assert request.status == "enviada"
    assert [change.status for change in request.history] == ["enviada"]
    assert request.history[0].at.isoformat() == "2025-11-03T09:30:00-03:00"
    raw = reopened.table("requests").get(doc_id=1)
    assert raw is not None
    assert raw["message"] == {
        "channel": "whatsapp",
        "text": "Olá! Quero cancelar a renovação.",
        "url": "",
    }
    assert reopened.licenses.history("100200") == []
    lic = reopened.licenses.get("100200")
    assert lic is not None and lic.client == "Padaria Pão Quente Ltda" and lic.conta_pj


def test_migrated_file_keeps_numbering_and_accepts_new_requests(db_path: Path) -> None:
    write_fixture(db_path, V1_FIXTURE)
    db = Database(db_path)
    new = db.requests.submit("backup", {"support_id": "100200", "slot": "20:00"}, NOW)
    assert new.protocol == "HD-2026-000001"
    assert {s.protocol for s in db.requests.list()} == {"HD-2025-000007", "HD-2026-000001"}


def test_data_without_meta_is_treated_as_v1(db_path: Path) -> None:
    data = {k: v for k, v in V1_FIXTURE.items() if k != "meta"}
    write_fixture(db_path, data)
    db = Database(db_path)
    assert db.schema_version() == CURRENT
    assert db.requests.get("HD-2025-000007").history


def test_new_file_is_stamped_with_the_current_version(db_path: Path) -> None:
    db = Database(db_path)
    assert db.schema_version() is None
    assert not db_path.exists()
    db.votes.add("backup", True, None, NOW)
    assert Database(db_path).schema_version() == CURRENT


def test_newer_file_is_refused_and_left_alone(db_path: Path) -> None:
    write_fixture(db_path, {"meta": {"1": {"schema_version": CURRENT + 1}}})
    before = db_path.read_bytes()
    with pytest.raises(NewerSchema) as caught:
        Database(db_path)
    assert "Atualize o helpdesk" in str(caught.value)
    assert db_path.read_bytes() == before
