"""Wording of outcomes and status messages: no capital after a colon, and a refused status change
says where the request can go next."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from _cli import run

from helpdesk.clock import to_sao_paulo
from helpdesk.request_kinds import KINDS


def test_a_late_refund_offers_the_cancellation_without_a_capital_after_the_colon() -> None:
    values = KINDS["refund"].validate(
        {
            "support_id": "1",
            "term_start": "01/03/2026",
            "renews_on": "01/03/2027",
            "conta_pj": "nao",
        }
    )
    outcome = KINDS["refund"].evaluate(values, to_sao_paulo(datetime(2026, 11, 26, 10, 0)))
    joined = next(r for r in outcome.reasons if "renovação automática:" in r)
    assert re.search(r"automática: [a-zà-ú]", joined), joined


@pytest.mark.usefixtures("pinned_now")
def test_marking_backwards_names_the_statuses_ahead(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    assert run(capsys, "requests", "mark", "HD-2026-000001", "enviada")[0] == 0
    code, _, err = run(capsys, "requests", "mark", "HD-2026-000001", "enviada")
    assert code == 2 and "não pode voltar" not in err
    assert "a seguir ele pode ser marcado como “confirmada” ou “concluída”" in err
