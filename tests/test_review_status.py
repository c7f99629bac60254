"""Following a request: the note is plain text, the history stays in order, messages read well."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from _store import NOW

from helpdesk.errors import InputError
from store.database import Database


@pytest.fixture
def protocol(db_path: Path) -> str:
    """A saved backup request."""
    return (
        Database(db_path)
        .requests.submit("backup", {"support_id": "X", "slot": "20:00"}, NOW)
        .protocol
    )


def test_a_note_with_terminal_control_codes_is_refused(db_path: Path, protocol: str) -> None:
    db = Database(db_path)
    with pytest.raises(InputError) as caught:
        db.requests.mark(protocol, "enviada", NOW, note="ok\x1b[2J")
    assert caught.value.field == "Observação"
    assert db.requests.get(protocol).status == "registrada"
    changed = db.requests.mark(protocol, "enviada", NOW, note="  mandei   pelo\tWhatsApp ")
    assert changed.history[-1].note == "mandei pelo WhatsApp"


def test_a_change_cannot_be_dated_before_the_last_one(db_path: Path, protocol: str) -> None:
    db = Database(db_path)
    with pytest.raises(InputError) as caught:
        db.requests.mark(protocol, "enviada", NOW - timedelta(days=1))
    assert caught.value.field == "Data e hora"
    assert "10/03/2026 às 10:00" in caught.value.message
    with pytest.raises(InputError):
        db.requests.withdraw(protocol, NOW - timedelta(minutes=1))
    assert db.requests.mark(protocol, "enviada", NOW).status == "enviada"


def test_messages_name_the_status_as_a_status(db_path: Path, protocol: str) -> None:
    db = Database(db_path)
    db.requests.mark(protocol, "concluida", NOW)
    with pytest.raises(InputError) as caught:
        db.requests.withdraw(protocol, NOW)
    assert caught.value.message == f"o pedido {protocol} já está na situação “concluída”."
