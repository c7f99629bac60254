"""Requests and the lote through the repositories: numbering, duplicates, effects, statuses."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from _store import NOW, sample_licenses

from helpdesk.clock import SAO_PAULO
from helpdesk.errors import InputError
from helpdesk.licenses import ACTIVE, CANCELLATION_SCHEDULED, TRANSFERRED
from store.database import Database
from store.errors import DuplicateRequest, NotFound, RequestRefused
from store.licenses import effective_status


@pytest.fixture
def db(db_path: Path) -> Database:
    """A database holding the sample lote."""
    database = Database(db_path)
    database.licenses.import_licenses(sample_licenses(), NOW)
    return database


def test_submit_saves_everything_and_fills_from_the_lote(db: Database, db_path: Path) -> None:
    request = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    assert request.protocol == "HD-2026-000001"
    saved = Database(db_path).requests.get(request.protocol)
    assert saved == request
    assert saved.kind == "cancel" and saved.support_id == "100200"
    assert saved.client == "Padaria Pão Quente Ltda"
    assert saved.fields["term_start"] == "01/06/2025" and saved.fields["conta_pj"] == "sim"
    assert saved.outcome["accepted"] is True and saved.outcome["effective_on"] == "2026-06-01"
    assert saved.message["channel"] == "whatsapp" and "HD-2026-000001" in saved.message["text"]
    assert saved.created_at == NOW and saved.created_at.tzinfo is not None
    assert [(c.status, c.at) for c in saved.history] == [("registrada", NOW)]
    assert saved.key_date == date(2026, 6, 1)


def test_typed_fields_win_over_the_lote(db: Database) -> None:
    request = db.requests.submit(
        "cancel",
        {"support_id": "100200", "renews_on": "01/09/2026", "term_start": "01/09/2025"},
        NOW,
    )
    assert request.fields["renews_on"] == "01/09/2026"


def test_protocols_are_sequential_per_year(db: Database) -> None:
    first = db.requests.submit("backup", {"support_id": "A", "slot": "20:00"}, NOW)
    second = db.requests.submit("backup", {"support_id": "B", "slot": "20:00"}, NOW)
    next_year = NOW.replace(year=2027)
    third = db.requests.submit("backup", {"support_id": "C", "slot": "20:00"}, next_year)
    assert [first.protocol, second.protocol, third.protocol] == [
        "HD-2026-000001",
        "HD-2026-000002",
        "HD-2027-000001",
    ]


def test_bad_input_saves_nothing(db: Database) -> None:
    with pytest.raises(InputError):
        db.requests.submit("cancel", {"support_id": "999"}, NOW)
    with pytest.raises(InputError):
        db.requests.submit("nope", {"support_id": "100200"}, NOW)
    assert db.requests.list() == []


def test_refused_request_saves_nothing_and_says_why(db: Database) -> None:
    with pytest.raises(RequestRefused) as caught:
        db.requests.submit("refund", {"support_id": "100200"}, NOW)
    assert caught.value.outcome.accepted is False
    assert caught.value.outcome.alternative == "cancel"
    assert db.requests.list() == []
    lic = db.licenses.get("100200")
    assert lic is not None and lic.status == ACTIVE


def test_duplicate_open_request_needs_force(db: Database) -> None:
    first = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    assert db.requests.open_duplicates("cancel", "100200") == [first.protocol]
    with pytest.raises(DuplicateRequest) as caught:
        db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    assert caught.value.protocols == [first.protocol]
    assert len(db.requests.list()) == 1
    forced = db.requests.submit("cancel", {"support_id": "100200"}, NOW, force=True)
    assert forced.protocol == "HD-2026-000002"
    db.requests.withdraw(first.protocol, NOW)
    db.requests.withdraw(forced.protocol, NOW)
    assert db.requests.submit("cancel", {"support_id": "100200"}, NOW).protocol == "HD-2026-000003"


def test_cancel_schedules_and_withdraw_undoes(db: Database) -> None:
    request = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    lic = db.licenses.get("100200")
    assert lic is not None
    assert (lic.status, lic.cancels_on) == (CANCELLATION_SCHEDULED, date(2026, 6, 1))
    assert db.licenses.history("100200")[-1]["protocol"] == request.protocol
    withdrawn = db.requests.withdraw(request.protocol, NOW + timedelta(hours=1), "mudei de ideia")
    assert withdrawn.status == "retirada" and withdrawn.history[-1].note == "mudei de ideia"
    lic = db.licenses.get("100200")
    assert lic is not None and (lic.status, lic.cancels_on) == (ACTIVE, None)


def test_refund_cancels_today(db: Database) -> None:
    db.requests.submit("refund", {"support_id": "300400"}, NOW)
    lic = db.licenses.get("300400")
    assert lic is not None and lic.cancels_on == NOW.date()
    assert effective_status(lic, NOW.date()) == "cancelada"


def test_transfer_leaves_the_lote(db: Database) -> None:
    db.requests.submit(
        "transfer", {"support_id": "100200", "partner_pays": "sim", "conta_pj": "nao"}, NOW
    )
    lic = db.licenses.get("100200")
    assert lic is not None and lic.status == TRANSFERRED and lic.cancels_on == date(2026, 6, 1)


def test_substitution_replaces_the_client_and_keeps_the_previous(db: Database) -> None:
    request = db.requests.submit(
        "substitute",
        {
            "support_id": "300400",
            "new_client_name": "Café Aroma Ltda",
            "new_client_cnpj": "11.444.777/0001-61",
        },
        NOW,
    )
    lic = db.licenses.get("300400")
    assert lic is not None and lic.client == "Café Aroma Ltda" and lic.cnpj == "11444777000161"
    last = db.licenses.history("300400")[-1]
    assert last["protocol"] == request.protocol
    assert last["previous"]["client"] == "Oficina Roda Viva ME"
    db.requests.withdraw(request.protocol, NOW)
    lic = db.licenses.get("300400")
    assert lic is not None and lic.client == "Oficina Roda Viva ME"


def test_status_flow_moves_forward_only(db: Database) -> None:
    protocol = db.requests.submit("backup", {"support_id": "X", "slot": "20:00"}, NOW).protocol
    later = NOW + timedelta(days=1)
    assert db.requests.mark(protocol, "enviada", later).status == "enviada"
    with pytest.raises(InputError):
        db.requests.mark(protocol, "enviada", later)
    assert db.requests.mark(protocol, "concluida", later).status == "concluida"
    with pytest.raises(InputError):
        db.requests.withdraw(protocol, later)
    with pytest.raises(InputError):
        db.requests.mark(protocol, "retirada", later)
    history = db.requests.get(protocol).history
    assert [c.label for c in history] == ["registrada", "enviada ao suporte", "concluída"]


def test_list_filters_and_orders_newest_first(db: Database) -> None:
    for hours, kind, sid in ((0, "backup", "A"), (1, "cancel", "100200"), (2, "backup", "B")):
        fields = {"support_id": sid, "slot": "20:00"} if kind == "backup" else {"support_id": sid}
        db.requests.submit(kind, fields, NOW + timedelta(hours=hours))
    assert [s.support_id for s in db.requests.list()] == ["B", "100200", "A"]
    assert [s.support_id for s in db.requests.list(kind="backup")] == ["B", "A"]
    db.requests.mark("HD-2026-000001", "enviada", NOW)
    assert [s.protocol for s in db.requests.list(status="enviada")] == ["HD-2026-000001"]
    assert [r.protocol for r in db.requests.all()] == [
        "HD-2026-000003",
        "HD-2026-000002",
        "HD-2026-000001",
    ]


def test_unknown_protocol(db: Database) -> None:
    with pytest.raises(NotFound):
        db.requests.get("HD-2026-999999")
    with pytest.raises(NotFound):
        db.requests.withdraw("HD-2026-999999", NOW)


def test_deadlines_soonest_first(db: Database) -> None:
    pairs = db.licenses.deadlines(NOW.date())
    assert [lic.support_id for lic, _ in pairs] == ["300400", "100200"]
    assert pairs[0][1].action == "refund"
    assert [lic.support_id for lic, _ in db.licenses.deadlines(NOW.date(), within=30)] == ["300400"]


def test_import_updates_keep_status_and_history(db: Database, db_path: Path) -> None:
    db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    changed = [
        lic
        if lic.support_id != "100200"
        else lic.__class__(**{**lic.__dict__, "email": "novo@x.com.br"})
        for lic in sample_licenses()
    ]
    result = db.licenses.import_licenses(changed, NOW)
    assert (result.added, result.updated) == (0, 1)
    lic = Database(db_path).licenses.get("100200")
    assert lic is not None and lic.email == "novo@x.com.br" and lic.status == CANCELLATION_SCHEDULED
    assert len(db.licenses.history("100200")) == 3


def test_votes_and_misses(db: Database, db_path: Path) -> None:
    at = datetime(2026, 3, 10, 9, 0, tzinfo=SAO_PAULO)
    db.votes.add("backup", True, None, at)
    db.votes.add("backup", False, "faltou o horário", at)
    db.votes.add("estorno", True, None, at)
    reopened = Database(db_path)
    assert reopened.votes.tally("backup") == (1, 2)
    assert [v.reason for v in reopened.votes.list("backup")] == [None, "faltou o horário"]
    db.misses.add("  Nota Fiscal ", at)
    db.misses.add("nota fiscal", at)
    db.misses.add("boleto", at)
    assert [(m.query, m.count) for m in reopened.misses.list()] == [
        ("nota fiscal", 2),
        ("boleto", 1),
    ]


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
    lic = db.licenses.get("100200")
    assert lic is not None and lic.status == CANCELLATION_SCHEDULED
