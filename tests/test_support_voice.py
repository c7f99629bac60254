"""The support message speaks as the office; the protocol is the app's; Conta Azul's ticket is kept."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from _pilot import NOW, SIZE, make_app, screen_text
from textual.widgets import Input, Static

from helpdesk.clock import SAO_PAULO, to_sao_paulo
from helpdesk.compose.cli import main
from helpdesk.request_kinds import KINDS, get_kind
from helpdesk.support import build_message
from screens.request_detail import RequestDetail
from store.database import Database

SECOND_PERSON = re.compile(r"\b(você|vocês|voce|seu|sua|seus|suas|te|ti|contigo)\b", re.IGNORECASE)
"""Words that would make the partner's own message speak to the partner."""

TERM = {"term_start": "15/06/2026", "renews_on": "15/06/2027", "conta_pj": "sim"}
CASES = [
    ("cancel", {"support_id": "1", **TERM}, "18/06/2026 10:00"),  # refund
    ("cancel", {"support_id": "1", **TERM}, "10/05/2027 10:00"),  # on time
    ("cancel", {"support_id": "1", **TERM, "reason": "Fechou a empresa"}, "20/05/2027 10:00"),
    ("refund", {"support_id": "1", **TERM}, "18/06/2026 10:00"),
    (
        "substitute",
        {
            "support_id": "1",
            "client_name": "Padaria Velha Ltda",
            "new_client_name": "Mercado Novo Ltda",
            "new_client_cnpj": "11.222.333/0001-81",
            "new_client_email": "contato@novo.com.br",
        },
        "10/05/2027 10:00",
    ),
    (
        "transfer",
        {"support_id": "1", "partner_pays": "sim", "client_email": "a@b.com.br", **TERM},
        "10/05/2027 10:00",
    ),
    (
        "transfer",
        {"support_id": "1", "partner_pays": "sim", "client_email": "a@b.com.br", **TERM},
        "20/05/2027 10:00",
    ),
    ("backup", {"support_id": "1", "slot": "20:00"}, "10/05/2027 10:00"),
    (
        "block-conta-pj",
        {
            "support_id": "1",
            "license_cancelled": "sim",
            "company_name": "Padaria Velha Ltda",
            "cnpj": "11.222.333/0001-81",
            "email": "dono@padaria.com.br",
        },
        "10/05/2027 10:00",
    ),
]


def moment(text: str) -> datetime:
    """``DD/MM/AAAA HH:MM`` in São Paulo."""
    return datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=SAO_PAULO)


def message(kind_id: str, raw: dict[str, str], when: str) -> str:
    """The text of the message the office would send."""
    kind = get_kind(kind_id)
    values = kind.validate(raw)
    outcome = kind.evaluate(values, moment(when))
    assert outcome.accepted, outcome.decision
    return build_message(kind, values, outcome, "HD-2027-000042").text


def test_every_kind_is_covered() -> None:
    assert {case[0] for case in CASES} == set(KINDS)


@pytest.mark.parametrize(("kind_id", "raw", "when"), CASES)
def test_no_message_speaks_to_the_partner(kind_id: str, raw: dict[str, str], when: str) -> None:
    """First person of the office: "meu escritório", never "você", "seu lote"."""
    text = message(kind_id, raw, when)
    found = SECOND_PERSON.findall(text)
    assert not found, f"{kind_id}: {found}\n{text}"
    assert "Meu escritório é parceiro do Plano Exclusivo e quero " in text
    assert "?" not in text.replace("Olá, time de suporte da Conta Azul!", "")  # no questions
    assert "HD-2027-000042: é o número deste pedido no meu controle" in text
    assert "não um chamado da Conta Azul" in text


def test_the_wording_the_issue_names() -> None:
    transfer = message(*CASES[5])
    assert "Meu escritório paga esta licença: sim" in transfer
    assert "a licença sai do meu lote em 15/06/2027" in transfer
    cancel = message(*CASES[1])
    assert "Cliente com Conta PJ ativa: sim" in cancel
    assert "gostaria de:" not in cancel and "Protocolo interno" not in cancel


def test_the_block_message_names_the_company_for_the_conta_pj_channel() -> None:
    text = message(*CASES[-1])
    assert "quero bloquear o acesso à Conta PJ da Conta Azul da empresa abaixo" in text
    for line in ("Razão social: Padaria Velha Ltda", "CNPJ: 11.222.333/0001-81", "ID Suporte: 1"):
        assert line in text
    assert "vai para o time" not in text and "o pedido" not in text.lower().split("protocolo")[0]


def test_the_detector_catches_second_person() -> None:
    """The pattern the tests rely on does find the wording the issue removed."""
    for wrong in ("Seu escritório paga", "sai do seu lote", "você pode", "Sua licença"):
        assert SECOND_PERSON.search(wrong)
    for right in ("Meu escritório paga", "sai do meu lote", "seguinte", "suporte"):
        assert not SECOND_PERSON.search(right)


# Conta Azul's ticket number, recorded on the request.


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``helpdesk`` in-process: exit code, stdout, stderr."""
    try:
        code = main(list(args))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def submitted(capsys: pytest.CaptureFixture[str], db: str) -> str:
    """A backup request saved from the CLI on 26/11/2026 10:00; its protocol."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HELPDESK_NOW", "2026-11-26T10:00")  # submit registers at the present
        code, out, _ = run(
            capsys, "--db", db, "submit", "backup", "--support-id", "77", "--slot", "20:00",
            "--json",
        )  # fmt: skip
    assert code == 0
    return str(json.loads(out)["protocol"])


def test_requests_mark_records_the_ticket(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "d" / "helpdesk.json")
    protocol = submitted(capsys, db)
    code, out, err = run(
        capsys, "--db", db, "requests", "mark", protocol, "enviada", "--ticket", "CA-48213",
        "--note", "mandei pelo WhatsApp", "--now", "2026-11-26T11:00",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "Chamado na Conta Azul: CA-48213." in out
    code, out, _ = run(capsys, "--db", db, "requests", "show", protocol, "--json")
    data = json.loads(out)
    assert data["ticket"] == "CA-48213"
    assert data["history"][-1]["note"] == "Chamado na Conta Azul nº CA-48213 — mandei pelo WhatsApp"
    code, out, _ = run(capsys, "--db", db, "requests", "show", protocol)
    assert "Chamado na Conta Azul: CA-48213" in out
    assert "O protocolo é o registro deste app, não um chamado da Conta Azul" in out


@pytest.mark.parametrize("ticket", ["", "12 34", "x" * 31, "#abc"])
def test_a_bad_ticket_is_refused_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, ticket: str
) -> None:
    db = str(tmp_path / "d" / "helpdesk.json")
    protocol = submitted(capsys, db)
    code, out, err = run(
        capsys, "--db", db, "requests", "mark", protocol, "enviada", "--ticket", ticket
    )
    assert (code, out) == (2, "")
    assert "--ticket: informe o número do chamado" in err
    code, out, _ = run(capsys, "--db", db, "requests", "show", protocol, "--json")
    assert json.loads(out)["status"] == "registrada" and json.loads(out)["ticket"] is None


async def test_the_detail_screen_records_the_ticket_with_a_status(db_path: Path) -> None:
    with Database(db_path) as db:
        request = db.requests.submit(
            "backup", {"support_id": "77", "slot": "20:00"}, to_sao_paulo(NOW)
        )
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, RequestDetail)
        hint = detail.query_one("#detail-ticket-hint", Static)
        assert "não um chamado da Conta Azul" in str(hint.content)
        field = detail.query_one("#detail-ticket", Input)
        field.focus()
        await pilot.press(*"12 3", "enter")  # enter moves on to the first status button
        await pilot.pause()
        await pilot.press("enter")  # Enviada
        await pilot.pause()
        assert detail.request.status == "registrada"  # "12 3" is not a ticket number
        assert app.focused is field
        await pilot.press("ctrl+u", *"98765", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert detail.request.status == "enviada"
        assert "chamado na Conta Azul: 98765" in screen_text(app)
    with Database(db_path) as db:
        assert db.requests.get(request.protocol).ticket == "98765"
