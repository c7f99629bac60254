"""The store's contract, run on both engines (TinyDB file and PostgreSQL): every behaviour.

Numbering, duplicates, statuses, the lote and the effects of requests on it, votes, missed
searches, privacy erasure, exports, copies between stores and atomic transactions. A second
handle on the same store (``open_store()``) stands for the app reopened or a colleague's app.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from _engines import OpenStore
from _store import CNPJ_B, NOW, sample_licenses

import store.licenses
from helpdesk.clock import SAO_PAULO
from helpdesk.errors import InputError
from helpdesk.licenses import ACTIVE, CANCELLATION_SCHEDULED, TRANSFERRED
from helpdesk.policy import Policy
from store.errors import (
    ConflictingRequest,
    DuplicateRequest,
    LicenseConflict,
    NotFound,
    RequestRefused,
)
from store.export import requests_csv, requests_json
from store.interface import Store
from store.licenses import effective_status, from_doc


@pytest.fixture
def db(store: Store) -> Store:
    """A store holding the sample lote."""
    store.licenses.import_licenses(sample_licenses(), NOW)
    return store


def test_submit_saves_everything_and_fills_from_the_lote(db: Store, open_store: OpenStore) -> None:
    request = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    assert request.protocol == "HD-2026-000001"
    saved = open_store().requests.get(request.protocol)
    assert saved == request
    assert saved.kind == "cancel" and saved.support_id == "100200"
    assert saved.client == "Padaria Pão Quente Ltda"
    assert saved.fields["term_start"] == "01/06/2025" and saved.fields["conta_pj"] == "sim"
    assert saved.outcome["accepted"] is True and saved.outcome["effective_on"] == "2026-06-01"
    assert saved.message["channel"] == "whatsapp" and "HD-2026-000001" in saved.message["text"]
    assert saved.created_at == NOW and saved.created_at.tzinfo is not None
    assert [(c.status, c.at) for c in saved.history] == [("registrada", NOW)]
    assert saved.key_date == date(2026, 6, 1)


def test_typed_fields_win_over_the_lote(db: Store) -> None:
    request = db.requests.submit(
        "cancel",
        {"support_id": "100200", "renews_on": "01/09/2026", "term_start": "01/09/2025"},
        NOW,
    )
    assert request.fields["renews_on"] == "01/09/2026"


def test_protocols_are_sequential_per_year(db: Store) -> None:
    first = db.requests.submit("backup", {"support_id": "A", "slot": "20:00"}, NOW)
    second = db.requests.submit("backup", {"support_id": "B", "slot": "20:00"}, NOW)
    next_year = NOW.replace(year=2027)
    third = db.requests.submit("backup", {"support_id": "C", "slot": "20:00"}, next_year)
    assert [first.protocol, second.protocol, third.protocol] == [
        "HD-2026-000001",
        "HD-2026-000002",
        "HD-2027-000001",
    ]


def test_bad_input_saves_nothing(db: Store) -> None:
    with pytest.raises(InputError):
        db.requests.submit("cancel", {"support_id": "999"}, NOW)
    with pytest.raises(InputError):
        db.requests.submit("nope", {"support_id": "100200"}, NOW)
    assert db.requests.list() == []


def test_refused_request_saves_nothing_and_says_why(db: Store) -> None:
    with pytest.raises(RequestRefused) as caught:
        db.requests.submit("refund", {"support_id": "100200"}, NOW)
    assert caught.value.outcome.accepted is False
    assert caught.value.outcome.alternative == "cancel"
    assert db.requests.list() == []
    lic = db.licenses.get("100200")
    assert lic is not None and lic.status == ACTIVE


def test_duplicate_open_request_needs_force(db: Store) -> None:
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


def test_a_license_starting_after_today_never_enters_the_lote(db: Store) -> None:
    """Added, imported or edited: a term that starts after ``now`` is refused, nothing written."""
    base = sample_licenses()[0]
    today = NOW.date()
    tomorrow = replace(base, support_id="900900", term_start=today + timedelta(days=1))
    tomorrow = replace(tomorrow, renews_on=date(2027, 3, 11))
    for write in (
        lambda: db.licenses.add(tomorrow, NOW),
        lambda: db.licenses.import_licenses([tomorrow], NOW),
    ):
        with pytest.raises(LicenseConflict) as caught:
            write()
        assert "Licença 900900: o início da vigência (11/03/2026) não pode estar no futuro" in str(
            caught.value
        )
    assert db.licenses.get("900900") is None
    moved = replace(base, term_start=today + timedelta(days=1), renews_on=date(2027, 3, 11))
    with pytest.raises(LicenseConflict):
        db.licenses.edit("100200", moved, NOW)
    assert db.licenses.get("100200") == base
    starts_today = replace(tomorrow, term_start=today, renews_on=date(2027, 3, 10))
    db.licenses.add(starts_today, NOW)
    assert db.licenses.get("900900") == starts_today


def test_a_request_that_contradicts_an_open_one_is_refused(db: Store) -> None:
    cancel = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    attempts = (
        ("transfer", {"support_id": "100200", "partner_pays": "sim", "conta_pj": "nao"}),
        (
            "substitute",
            {
                "support_id": "100200",
                "new_client_name": "Café Aroma Ltda",
                "new_client_cnpj": "11.444.777/0001-61",
            },
        ),
    )
    for kind, fields in attempts:
        with pytest.raises(ConflictingRequest) as caught:
            db.requests.submit(kind, fields, NOW, force=True)  # force is for duplicates only
        assert caught.value.protocols == [cancel.protocol]
        outcome = caught.value.outcome
        assert not outcome.accepted and cancel.protocol in outcome.decision
        assert f"helpdesk requests withdraw {cancel.protocol}" in " ".join(outcome.reasons)
    assert [s.protocol for s in db.requests.list()] == [cancel.protocol]
    # Backups go along with anything, and may be repeated.
    for _ in range(2):
        db.requests.submit("backup", {"support_id": "100200", "slot": "20:00"}, NOW)
    # Another license is not concerned.
    db.requests.submit("refund", {"support_id": "300400"}, NOW)
    db.requests.withdraw(cancel.protocol, NOW)
    transfer = db.requests.submit("transfer", dict(attempts[0][1]), NOW)
    assert transfer.status == "registrada"


def test_a_concluded_request_no_longer_conflicts(db: Store) -> None:
    substitute = db.requests.submit(
        "substitute",
        {
            "support_id": "100200",
            "new_client_name": "Café Aroma Ltda",
            "new_client_cnpj": "11.444.777/0001-61",
        },
        NOW,
    )
    with pytest.raises(ConflictingRequest):
        db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    db.requests.mark(substitute.protocol, "concluida", NOW)
    # Done: the license now serves the new client, whose renewal can be cancelled.
    cancel = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    assert cancel.client == "Café Aroma Ltda"


def test_a_registered_request_leaves_the_lote_and_its_deadlines_alone(
    db: Store, open_store: OpenStore
) -> None:
    # Registered is only written down: support has not heard of it yet, so nothing is hidden.
    before = db.licenses.deadlines(NOW.date())
    history = db.licenses.history("100200")
    for kind, fields in (
        ("cancel", {"support_id": "100200"}),
        ("transfer", {"support_id": "300400", "partner_pays": "sim", "conta_pj": "nao"}),
    ):
        db.requests.submit(kind, fields, NOW)
    reopened = open_store()
    assert reopened.licenses.get("100200") == db.licenses.get("100200")
    lic = reopened.licenses.get("100200")
    assert lic is not None and (lic.status, lic.cancels_on) == (ACTIVE, None)
    assert reopened.licenses.deadlines(NOW.date()) == before
    assert db.licenses.history("100200") == history


def test_cancel_schedules_once_sent_and_withdraw_undoes(db: Store, open_store: OpenStore) -> None:
    request = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    sent_at = NOW + timedelta(days=3)
    db.requests.mark(request.protocol, "enviada", sent_at)
    lic = open_store().licenses.get("100200")
    assert lic is not None
    assert (lic.status, lic.cancels_on) == (CANCELLATION_SCHEDULED, date(2026, 6, 1))
    last = db.licenses.history("100200")[-1]
    assert last["protocol"] == request.protocol
    assert datetime.fromisoformat(last["at"]) == sent_at
    # Confirmed later: the change is not made twice.
    db.requests.mark(request.protocol, "confirmada", sent_at)
    assert len(db.licenses.history("100200")) == 2
    later = sent_at + timedelta(hours=1)
    withdrawn = open_store().requests.withdraw(request.protocol, later, "mudei de ideia")
    assert withdrawn.status == "retirada" and withdrawn.history[-1].note == "mudei de ideia"
    lic = db.licenses.get("100200")
    assert lic is not None and (lic.status, lic.cancels_on) == (ACTIVE, None)
    assert [pair[1].label for pair in db.licenses.deadlines(NOW.date())] == [
        "estorno até",
        "pedir cancelamento até",
    ]


def test_marking_straight_to_concluded_applies_the_change(db: Store) -> None:
    request = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    db.requests.mark(request.protocol, "concluida", NOW)
    lic = db.licenses.get("100200")
    assert lic is not None and lic.status == CANCELLATION_SCHEDULED


def test_withdrawing_a_registered_request_changes_nothing(db: Store) -> None:
    request = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    history = db.licenses.history("100200")
    db.requests.withdraw(request.protocol, NOW)
    assert db.licenses.history("100200") == history
    lic = db.licenses.get("100200")
    assert lic is not None and lic.status == ACTIVE


def test_withdrawal_keeps_a_hand_edit_made_after_sending(db: Store) -> None:
    request = db.requests.submit(
        "substitute",
        {
            "support_id": "300400",
            "new_client_name": "Café Aroma Ltda",
            "new_client_cnpj": "11.444.777/0001-61",
        },
        NOW,
    )
    db.requests.mark(request.protocol, "enviada", NOW)
    lic = db.licenses.get("300400")
    assert lic is not None
    db.licenses.edit("300400", lic.__class__(**{**lic.__dict__, "email": "cafe@aroma.com"}), NOW)
    db.requests.withdraw(request.protocol, NOW)
    lic = db.licenses.get("300400")
    assert lic is not None
    assert (lic.client, lic.cnpj) == ("Oficina Roda Viva ME", CNPJ_B)
    assert lic.email == "cafe@aroma.com"


def test_refund_cancels_today_once_sent(db: Store) -> None:
    request = db.requests.submit("refund", {"support_id": "300400"}, NOW)
    lic = db.licenses.get("300400")
    assert lic is not None and effective_status(lic, NOW.date()) == ACTIVE
    db.requests.mark(request.protocol, "enviada", NOW)
    lic = db.licenses.get("300400")
    assert lic is not None and lic.cancels_on == NOW.date()
    assert effective_status(lic, NOW.date()) == "cancelada"


def test_transfer_leaves_the_lote_once_sent(db: Store) -> None:
    request = db.requests.submit(
        "transfer", {"support_id": "100200", "partner_pays": "sim", "conta_pj": "nao"}, NOW
    )
    db.requests.mark(request.protocol, "enviada", NOW)
    lic = db.licenses.get("100200")
    assert lic is not None and lic.status == TRANSFERRED and lic.cancels_on == date(2026, 6, 1)


def test_substitution_replaces_the_client_once_sent_and_keeps_the_previous(db: Store) -> None:
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
    assert lic is not None and lic.client == "Oficina Roda Viva ME"
    db.requests.mark(request.protocol, "enviada", NOW)
    lic = db.licenses.get("300400")
    assert lic is not None and lic.client == "Café Aroma Ltda" and lic.cnpj == "11444777000161"
    last = db.licenses.history("300400")[-1]
    assert last["protocol"] == request.protocol
    assert last["previous"]["client"] == "Oficina Roda Viva ME"
    db.requests.withdraw(request.protocol, NOW)
    lic = db.licenses.get("300400")
    assert lic is not None and lic.client == "Oficina Roda Viva ME"


def test_status_flow_moves_forward_only(db: Store) -> None:
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


def test_list_filters_and_orders_newest_first(db: Store) -> None:
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


def test_unknown_protocol(db: Store) -> None:
    with pytest.raises(NotFound):
        db.requests.get("HD-2026-999999")
    with pytest.raises(NotFound):
        db.requests.withdraw("HD-2026-999999", NOW)


def test_deadlines_soonest_first(db: Store) -> None:
    pairs = db.licenses.deadlines(NOW.date())
    assert [lic.support_id for lic, _ in pairs] == ["300400", "100200"]
    assert pairs[0][1].action == "refund"
    assert [lic.support_id for lic, _ in db.licenses.deadlines(NOW.date(), within=30)] == ["300400"]


def test_import_updates_keep_status_and_history(db: Store, open_store: OpenStore) -> None:
    cancel = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    db.requests.mark(cancel.protocol, "enviada", NOW)
    changed = [
        lic
        if lic.support_id != "100200"
        else lic.__class__(**{**lic.__dict__, "email": "novo@x.com.br"})
        for lic in sample_licenses()
    ]
    result = db.licenses.import_licenses(changed, NOW)
    assert (result.added, result.updated) == (0, 1)
    lic = open_store().licenses.get("100200")
    assert lic is not None and lic.email == "novo@x.com.br" and lic.status == CANCELLATION_SCHEDULED
    assert len(db.licenses.history("100200")) == 3


def test_votes_and_misses(db: Store, open_store: OpenStore) -> None:
    at = datetime(2026, 3, 10, 9, 0, tzinfo=SAO_PAULO)
    db.votes.add("backup", True, None, at)
    db.votes.add("backup", False, "faltou o horário", at)
    db.votes.add("estorno", True, None, at)
    reopened = open_store()
    assert reopened.votes.tally("backup") == (1, 2)
    assert [v.reason for v in reopened.votes.list("backup")] == [None, "faltou o horário"]
    db.misses.add("  Nota Fiscal ", at)
    db.misses.add("nota fiscal", at)
    db.misses.add("boleto", at)
    assert [(m.query, m.count) for m in reopened.misses.list()] == [
        ("nota fiscal", 2),
        ("boleto", 1),
    ]


def test_erase_removes_the_client_and_keeps_anonymous_counts(
    db: Store, open_store: OpenStore
) -> None:
    cancel = db.requests.submit("cancel", {"support_id": "100200", "reason": "fechou"}, NOW)
    db.requests.submit("backup", {"support_id": "300400", "slot": "20:00"}, NOW)
    db.votes.add("backup", False, "a Padaria Pão Quente Ltda não achou", NOW)
    db.requests.mark(cancel.protocol, "enviada", NOW, note="falei com Padaria Pão Quente Ltda")

    report = db.erase_client("100200", NOW)

    assert (report.licenses, report.requests) == (1, 1)
    reopened = open_store()
    assert reopened.licenses.get("100200") is None
    assert reopened.licenses.get("300400") is not None
    erased = reopened.requests.get(cancel.protocol)
    assert erased.support_id == "" and erased.client == "" and erased.message["text"] == ""
    assert erased.status == "enviada" and erased.outcome["effective_on"] == "2026-06-01"
    assert [c.note for c in erased.history] == ["", ""]
    assert "reason" not in erased.fields and erased.fields["term_start"] == "01/06/2025"
    reason = reopened.votes.list()[0].reason
    assert reason is not None and "Padaria" not in reason and "[removido]" in reason
    other = reopened.requests.list(kind="backup")[0]
    assert other.support_id == "300400" and other.client == "Oficina Roda Viva ME"
    assert "Padaria" not in json.dumps(reopened.dump(), ensure_ascii=False)


def test_erase_of_an_unknown_client_changes_nothing(db: Store) -> None:
    before = db.dump()
    report = db.erase_client("999999", NOW)
    assert (report.licenses, report.requests, report.other_documents) == (0, 0, 0)
    assert db.dump() == before


def test_exports_list_every_request(db: Store) -> None:
    db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    db.requests.submit("backup", {"support_id": "300400", "slot": "20:00"}, NOW)
    rows = list(csv.reader(io.StringIO(requests_csv(db.requests.list())), delimiter=";"))
    assert rows[0][0] == "protocolo"
    assert [row[0] for row in rows[1:]] == ["HD-2026-000002", "HD-2026-000001"]
    assert rows[2][3] == "Padaria Pão Quente Ltda"
    full = json.loads(requests_json(db.requests.all()))
    assert [r["protocol"] for r in full] == ["HD-2026-000002", "HD-2026-000001"]
    assert full[1]["fields"]["support_id"] == "100200" and full[1]["history"][0]["status"]


def test_a_failed_transaction_leaves_nothing(db: Store) -> None:
    with pytest.raises(RuntimeError), db.transaction():
        db.requests.submit("cancel", {"support_id": "100200"}, NOW)
        raise RuntimeError("interrompido")
    assert db.requests.list() == []
    lic = db.licenses.get("100200")
    assert lic is not None and lic.status == ACTIVE
    assert db.requests.submit("cancel", {"support_id": "100200"}, NOW).protocol == "HD-2026-000001"


def test_dump_and_load_carry_everything(db: Store, tmp_path: Path) -> None:
    from store.database import Database

    first = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    db.requests.mark(first.protocol, "enviada", NOW + timedelta(hours=1), "ok")
    db.votes.add("backup", True, "claro", NOW)
    db.misses.add("nota fiscal", NOW)
    other = Database(tmp_path / "copy" / "helpdesk.json")
    other.load(db.dump())
    assert other.dump() == db.dump()
    assert other.counts() == db.counts()
    assert other.requests.get(first.protocol) == db.requests.get(first.protocol)
    db.load(other.dump())  # loading what the store already holds changes nothing
    assert db.requests.get(first.protocol) == other.requests.get(first.protocol)
    second = db.requests.submit("backup", {"support_id": "A", "slot": "20:00"}, NOW)
    assert second.protocol == "HD-2026-000002"  # the counter travelled too


def test_two_handles_see_each_other(db: Store, open_store: OpenStore) -> None:
    other = open_store()
    first = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    with pytest.raises(DuplicateRequest):
        other.requests.submit("cancel", {"support_id": "100200"}, NOW)
    other.requests.withdraw(first.protocol, NOW)
    assert db.requests.get(first.protocol).status == "retirada"
    lic = db.licenses.get("100200")
    assert lic is not None and lic.status == ACTIVE


def test_lote_kept_by_hand(db: Store) -> None:
    from dataclasses import replace

    from helpdesk.licenses import License
    from store.errors import LicenseConflict

    new = License(support_id="500600", client="Mercado Bom Preço", cnpj=CNPJ_B, email="")
    db.licenses.add(new, NOW)
    with pytest.raises(LicenseConflict):
        db.licenses.add(new, NOW)
    changes = db.licenses.edit("500600", replace(new, email="compras@bompreco.com.br"), NOW)
    assert [change.name for change in changes] == ["email"]
    assert db.licenses.edit("500600", replace(new, email="compras@bompreco.com.br"), NOW) == []
    history = db.licenses.history("500600")
    assert [entry["event"].split(":")[0] for entry in history] == [
        "incluída no lote à mão",
        "dados alterados à mão",
    ]
    assert history[-1]["changes"]["email"][1] == "compras@bompreco.com.br"
    db.requests.submit("cancel", {"support_id": "100200"}, NOW)
    assert db.licenses.open_requests() == {"100200": ["HD-2026-000001"]}
    pairs = db.licenses.with_history()
    assert [lic.support_id for lic, _ in pairs] == ["100200", "300400", "500600"]
    preview = db.licenses.preview_import([replace(new, client="Mercado Novo")])
    assert preview is not None
    assert db.licenses.remove("500600").client == "Mercado Bom Preço"
    assert db.licenses.get("500600") is None
    with pytest.raises(LicenseConflict):
        db.licenses.remove("500600")


def test_a_license_stored_without_cycle_gets_the_policys_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store.licenses, "POLICY", Policy(default_cycle_months=6))
    assert from_doc({"support_id": "1"}).cycle_months == 6
    assert from_doc({"support_id": "1", "cycle_months": None}).cycle_months == 6
    assert from_doc({"support_id": "1", "cycle_months": 3}).cycle_months == 3


@pytest.fixture
def protocol(store: Store) -> str:
    """A saved backup request."""
    return store.requests.submit("backup", {"support_id": "X", "slot": "20:00"}, NOW).protocol


def test_a_note_with_terminal_control_codes_is_refused(store: Store, protocol: str) -> None:
    with pytest.raises(InputError) as caught:
        store.requests.mark(protocol, "enviada", NOW, note="ok\x1b[2J")
    assert caught.value.field == "Observação"
    assert store.requests.get(protocol).status == "registrada"
    changed = store.requests.mark(protocol, "enviada", NOW, note="  mandei   pelo\tWhatsApp ")
    assert changed.history[-1].note == "mandei pelo WhatsApp"


def test_a_change_cannot_be_dated_before_the_last_one(store: Store, protocol: str) -> None:
    with pytest.raises(InputError) as caught:
        store.requests.mark(protocol, "enviada", NOW - timedelta(days=1))
    assert caught.value.field == "Data e hora"
    assert "10/03/2026 às 10:00" in caught.value.message
    with pytest.raises(InputError):
        store.requests.withdraw(protocol, NOW - timedelta(minutes=1))
    assert store.requests.mark(protocol, "enviada", NOW).status == "enviada"


def test_messages_name_the_status_as_a_status(store: Store, protocol: str) -> None:
    store.requests.mark(protocol, "concluida", NOW)
    with pytest.raises(InputError) as caught:
        store.requests.withdraw(protocol, NOW)
    assert caught.value.message == f"o pedido {protocol} já está na situação “concluída”."


def test_both_engines_store_the_same_documents(pg_url: str, tmp_path: Path) -> None:
    """The same operations leave identical documents on both engines (nothing dropped)."""
    from helpdesk.compose.engine import open_store

    stores = [open_store(str(tmp_path / "igual.json")), open_store(pg_url)]
    try:
        for db in stores:
            db.licenses.import_licenses(sample_licenses(), NOW)
            cancel = db.requests.submit("cancel", {"support_id": "100200"}, NOW)
            db.requests.submit(
                "substitute",
                {
                    "support_id": "300400",
                    "new_client_name": "Café Aroma Ltda",
                    "new_client_cnpj": "11.444.777/0001-61",
                },
                NOW,
            )
            db.requests.mark(cancel.protocol, "enviada", NOW + timedelta(hours=1), "ok")
            db.requests.withdraw(cancel.protocol, NOW + timedelta(hours=2), "desisti")
            db.votes.add("backup", False, "faltou", NOW)
            db.misses.add("nota fiscal", NOW)
        assert stores[0].dump() == stores[1].dump()
    finally:
        for db in stores:
            db.close()


def test_conta_azuls_ticket_rides_on_the_status_note(store: Store, open_store: OpenStore) -> None:
    from helpdesk.support import ticket_note

    protocol = store.requests.submit("backup", {"support_id": "X", "slot": "20:00"}, NOW).protocol
    store.requests.mark(protocol, "enviada", NOW, note=ticket_note("CA-2026/881", "por e-mail"))
    again = open_store().requests.get(protocol)
    assert again.ticket == "CA-2026/881"
    assert again.to_json()["ticket"] == "CA-2026/881"
