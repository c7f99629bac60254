"""Request details stored as references: exact round trips, an append-only catalogue, damage."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from _cli import run
from _store import NOW
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk.clock import SAO_PAULO
from helpdesk.licenses import License
from helpdesk.request_kinds import KINDS
from store import names, packing
from store.database import Database
from store.errors import DamagedDatabase
from store.requests import prepare, request_docs
from store.snapshot import dumps
from store.text_catalog import TEXTS

RELEASED = 240
RELEASED_SHA256 = "0ee2fe7108961adf6708a153965fd32db8edb974edf53c08f85cbfb054035ccd"

CANCEL = {
    "support_id": "100200",
    "term_start": "01/03/2026",
    "renews_on": "01/03/2027",
    "cycle_months": "12",
    "conta_pj": "sim",
    "reason": "cliente encerrou",
}


def test_released_catalogue_entries_never_change() -> None:
    # Stored requests refer to these by number: append new entries, never edit these.
    digest = hashlib.sha256("\n".join(TEXTS[:RELEASED]).encode()).hexdigest()
    assert digest == RELEASED_SHA256
    assert len(set(TEXTS)) == len(TEXTS)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text()
    | st.sampled_from(TEXTS)
    | st.builds(lambda t, n: t.replace("\x00", str(n), 1), st.sampled_from(TEXTS), st.integers()),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(JSON)
def test_any_json_value_reads_back_exactly(value: Any) -> None:
    packed = packing.pack(value)
    assert json.loads(json.dumps(packed)) == packed  # stays plain JSON
    assert packing.unpack(json.loads(json.dumps(packed))) == value


def _lote(lic: License | None) -> Any:
    class Lote:
        def get(self, support_id: str) -> License | None:
            return lic

    return Lote()


def _raw(kind: str, start: date) -> dict[str, str]:
    """Fields for ``kind`` with a term starting ``start``."""
    values = {
        "support_id": "100200",
        "term_start": start.strftime("%d/%m/%Y"),
        "renews_on": start.replace(year=start.year + 1).strftime("%d/%m/%Y"),
        "cycle_months": "12",
        "conta_pj": "sim",
        "reason": "cliente encerrou",
        "client_name": "Padaria Pão Quente Ltda",
        "new_client_name": "Escola Nova Ltda",
        "new_client_cnpj": "11.444.777/0001-61",
        "new_client_email": "nova@example.com",
        "client_email": "padaria@example.com",
        "partner_pays": "sim",
        "slot": "21:30",
        "license_cancelled": "sim",
        "company_name": "Padaria Pão Quente Ltda",
        "cnpj": "11222333000181",
        "email": "padaria@example.com",
    }
    return {spec.name: values[spec.name] for spec in KINDS[kind].fields if spec.name in values}


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(sorted(KINDS)),
    day=st.integers(0, 730),
    back=st.integers(0, 364),
    in_lote=st.booleans(),
)
def test_every_kind_reads_back_what_was_saved(
    kind: str, day: int, back: int, in_lote: bool
) -> None:
    now = datetime(2026, 1, 1, 9, 30, tzinfo=SAO_PAULO) + timedelta(days=day)
    start = now.date() - timedelta(days=back)
    if start.month == 2 and start.day == 29:
        start -= timedelta(days=1)
    lic = None
    if in_lote:
        renews = start.replace(year=start.year + 1)
        lic = License("100200", "Padaria Pão Quente Ltda", "11222333000181", "", start, renews)
    prepared = prepare(_lote(lic), kind, _raw(kind, start), now)
    _, stored = request_docs(prepared, "HD-2026-000042", now, None)
    assert packing.is_packed(stored)
    full = packing.unpack_detail(json.loads(dumps(stored)))
    assert full["outcome"] == json.loads(json.dumps(prepared.outcome.to_json()))
    from helpdesk.support import build_message

    message = build_message(prepared.kind, prepared.values, prepared.outcome, "HD-2026-000042")
    assert full["message"] == message.to_json()


def test_a_cancel_stores_a_fraction_of_its_texts(db_path: Path) -> None:
    db = Database(db_path)
    saved = db.requests.submit("cancel", CANCEL, NOW)
    detail = db.storage.table(names.REQUEST_DETAILS)["1"]
    full = {"protocol": saved.protocol, "fields": saved.fields}
    full |= {"outcome": saved.outcome, "message": saved.message}
    assert len(dumps(detail)) * 3 < len(dumps(full))
    assert "Motivo: cliente encerrou" in detail["message"]["lines"]  # typed text kept as typed
    assert "url" not in detail["message"]  # rebuilt from the text
    assert Database(db_path).requests.get(saved.protocol).message == saved.message


def test_an_e_mail_message_keeps_its_subject_and_link(db_path: Path) -> None:
    db = Database(db_path)
    raw = {k: v for k, v in _raw("block-conta-pj", date(2026, 1, 5)).items()}
    saved = db.requests.submit("block-conta-pj", raw, NOW)
    assert saved.message["url"].startswith("mailto:")
    stored = db.storage.table(names.REQUEST_DETAILS)["1"]["message"]
    assert "subject" in stored and "url" not in stored
    assert Database(db_path).requests.get(saved.protocol).message == saved.message


def test_a_message_whose_link_is_not_the_usual_one_keeps_it() -> None:
    message = {"channel": "whatsapp", "text": "Olá", "url": "https://example.com/x"}
    assert packing.unpack_message(packing.pack_message(message)) == message


def test_a_reference_outside_the_catalogue_is_damage(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database(db_path)
    saved = db.requests.submit("cancel", CANCEL, NOW)
    with db.transaction():
        detail = dict(db.storage.table(names.REQUEST_DETAILS)["1"])
        detail["outcome"] = {packing.PACKED_KEY: ["d", 11, len(TEXTS) + 50]}
        db.storage.apply(names.REQUEST_DETAILS, {"1": detail})
    with pytest.raises(DamagedDatabase):
        Database(db_path).requests.get(saved.protocol)
    code, _, err = run(capsys, "--db", str(db_path), "requests", "show", saved.protocol)
    assert code == 1 and "danificado" in err and "Traceback" not in err


def test_a_rule_with_its_link_is_one_reference_and_only_when_identical() -> None:
    from helpdesk.rule_refs import WITHDRAWAL

    rule = {"text": WITHDRAWAL.text, "href": WITHDRAWAL.href}
    packed = packing.pack(rule)
    assert isinstance(packed, int) and packed < 0
    assert packing.unpack(packed) == rule
    reordered = {"href": WITHDRAWAL.href, "text": WITHDRAWAL.text}
    assert packing.pack(reordered)[0] == "d"  # key order is part of what was saved
    assert list(packing.unpack(packing.pack(reordered))) == ["href", "text"]


def test_a_timeline_event_is_a_reference_plus_its_date() -> None:
    event = {"when": "2026-03-10", "label": "Hoje", "tone": "today"}
    packed = packing.pack(event)
    assert packed[0] < 0 and packed[1:] == ["2026-03-10"]
    assert packing.unpack(packed) == event
    other = {"when": 20260310, "label": "Hoje", "tone": "today"}  # same digits, not a string
    assert packing.unpack(packing.pack(other)) == other
    assert type(packing.unpack(packing.pack(other))["when"]) is int
