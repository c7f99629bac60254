"""``helpdesk rules transfer`` speaks of a transfer, not of a cancellation."""

from __future__ import annotations

import pytest
from test_cli_store import run

TERM = ("--term-start", "01/11/2025", "--renews-on", "01/11/2026")


def test_transfer_on_time(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "transfer", "--today", "2026-09-10", *TERM)
    assert code == 0
    assert "Cancelamento efetivo" not in out and "arrependimento" not in out
    assert "✓ Pedido no prazo (até 02/10/2026)" in out
    assert "A licença sai do lote em 01/11/2026; a partir daí, o cliente contrata e paga" in out
    assert "o cliente precisa contratar o plano antes de 01/11/2026" in out


def test_transfer_late(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "transfer", "--today", "2026-10-10", *TERM)
    assert code == 0
    assert "a renovação de 01/11/2026 será cobrada" in out
    assert "A licença sai do lote em 01/11/2027" in out
    assert "Cancelamento efetivo" not in out


def test_cancel_still_explains_the_effect(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rules", "cancel", "--today", "2026-09-10", *TERM)
    assert "Cancelamento efetivo em 01/11/2026; dados apagados em 30/01/2027." in out
