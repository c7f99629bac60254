"""A request changes Meu lote only once sent: the partner's path on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _cli import run

TODAY = ("--today", "2026-04-10")
"""Twenty days before 100200's notice deadline (30/04/2026; it renews on 01/06/2026)."""


@pytest.fixture(autouse=True)
def present(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same day as the clock ``submit`` registers at (it takes no date option)."""
    monkeypatch.setenv("HELPDESK_NOW", "2026-04-10T10:00")


def deadlines(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``lote deadlines --within 30``: the cron job's view."""
    code, out, _ = run(capsys, "lote", "deadlines", "--within", "30", *TODAY)
    return code, out


@pytest.mark.usefixtures("lote")
def test_a_registered_cancel_keeps_the_notice_deadline_until_it_is_sent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "submit", "cancel", "--support-id", "100200")
    assert code == 0 and "HD-2026-000001" in out
    # Registered only: support has not heard of it, the reminder stays.
    code, out = deadlines(capsys)
    assert code == 4 and "30/04/2026" in out and "100200" in out
    code, out, _ = run(capsys, "lote", "export", "--format", "json")
    assert '"cancelamento agendado"' not in out

    code, _, _ = run(
        capsys, "requests", "mark", "HD-2026-000001", "enviada", "--now", "2026-04-10T12:00"
    )
    assert code == 0
    code, out = deadlines(capsys)
    assert code == 0 and "30/04/2026" not in out
    code, out, _ = run(capsys, "lote", "export", "--format", "json")
    assert '"status": "cancelamento agendado"' in out and '"cancels_on": "2026-06-01"' in out

    # Withdrawn after sending: the license is back as it was, with its deadline.
    code, _, _ = run(capsys, "requests", "withdraw", "HD-2026-000001", "--now", "2026-04-10T13:00")
    assert code == 0
    code, out = deadlines(capsys)
    assert code == 4 and "30/04/2026" in out


@pytest.mark.usefixtures("lote")
def test_a_registered_substitution_keeps_the_client_until_it_is_sent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = run(
        capsys, "submit", "substitute", "--support-id", "300400",
        "--new-client-name", "Café Aroma Ltda", "--new-client-cnpj", "11.444.777/0001-61",
    )  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, "lote", "export", "--format", "json")
    assert "Oficina Roda Viva ME" in out and "Café Aroma" not in out
    code, _, _ = run(
        capsys, "requests", "mark", "HD-2026-000001", "confirmada", "--now", "2026-04-10T12:00"
    )
    assert code == 0
    code, out, _ = run(capsys, "lote", "export", "--format", "json")
    assert '"client": "Café Aroma Ltda"' in out


@pytest.mark.usefixtures("lote")
def test_a_transfer_while_a_cancel_is_open_is_refused_naming_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, _ = run(capsys, "submit", "cancel", "--support-id", "100200")
    assert code == 0
    code, out, err = run(
        capsys, "submit", "transfer", "--support-id", "100200", "--partner-pays", "sim",
        "--client-email", "dono@padaria.com.br", "--conta-pj", "nao", "--force",
    )  # fmt: skip
    assert (code, out) == (3, "")
    assert "Já há um pedido aberto para a licença 100200 que a muda: HD-2026-000001" in err
    assert "helpdesk requests withdraw HD-2026-000001" in err
    code, out, _ = run(capsys, "requests", "--json")
    assert out.count('"protocol"') == 1


def listed(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    """``lote list --json`` by ID Suporte."""
    code, out, _ = run(capsys, "lote", "list", "--json", *TODAY)
    assert code == 0
    return {str(row["support_id"]): row for row in json.loads(out)}


@pytest.mark.usefixtures("lote")
def test_lote_list_and_deadlines_say_a_registered_request_is_still_to_send(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Text and JSON name the unsent protocol of that license only, until it is marked sent."""
    assert all(row["unsent_requests"] == [] for row in listed(capsys).values())
    code, _, _ = run(capsys, "submit", "cancel", "--support-id", "100200")
    assert code == 0
    note = "pedido registrado, falta enviar (HD-2026-000001)"

    code, out, _ = run(capsys, "lote", "list", *TODAY)
    assert code == 0
    (line,) = [line for line in out.splitlines() if "100200" in line]
    assert f"ativa · {note}" in line
    assert "Padaria P. Q. L." in line and "Pão Quente" not in out  # still masked
    assert out.count("falta enviar") == 1
    rows = listed(capsys)
    assert rows["100200"]["unsent_requests"] == ["HD-2026-000001"]
    assert rows["100200"]["status"] == "ativa"
    assert rows["300400"]["unsent_requests"] == []

    code, out = deadlines(capsys)  # the notice still stands, with the note beside it
    (line,) = [line for line in out.splitlines() if "100200" in line]
    assert "30/04/2026" in line and note in line
    code, out, _ = run(capsys, "lote", "deadlines", "--within", "30", "--json", *TODAY)
    assert json.loads(out)[0]["unsent_requests"] == ["HD-2026-000001"]

    code, _, _ = run(
        capsys, "requests", "mark", "HD-2026-000001", "enviada", "--now", "2026-04-10T12:00"
    )
    assert code == 0
    code, out, _ = run(capsys, "lote", "list", *TODAY)
    assert "falta enviar" not in out and "cancelamento agendado" in out
    assert listed(capsys)["100200"]["unsent_requests"] == []
