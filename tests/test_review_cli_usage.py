"""A command given without its action, or a blank protocol, is bad input with a clear message."""

from __future__ import annotations

import pytest
from test_cli_store import run


@pytest.mark.parametrize("command", ["lote", "db", "privacy"])
def test_a_group_without_its_action(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, command)
    assert code == 2 and out == ""
    assert "faltam argumentos obrigatórios: AÇÃO" in err


@pytest.mark.parametrize("action", ["show", "withdraw"])
def test_a_blank_protocol(action: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "requests", action, "  ")
    assert code == 2 and out == ""
    assert (
        err == "helpdesk: erro: PROTOCOLO: informe o protocolo do pedido (ex.: HD-2026-000001).\n"
    )


def test_an_unknown_protocol_says_where_to_find_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "requests", "show", "HD-2026-000042")
    assert code == 2
    assert "Pedido HD-2026-000042 não encontrado" in err and "helpdesk requests" in err
