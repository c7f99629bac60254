"""The contract cycle is read and bounded the same way by the rules, the forms and the CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli_store import run

from helpdesk.policy import POLICY
from store import lote_csv

TERM = ("--today", "2026-03-10", "--term-start", "01/03/2026", "--renews-on", "01/03/2027")
HEADER = "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n"


def test_the_longest_cycle_lives_in_the_policy() -> None:
    assert POLICY.max_cycle_months >= POLICY.default_cycle_months


def test_csv_refuses_a_cycle_the_rules_would_refuse() -> None:
    too_long = POLICY.max_cycle_months + 1
    parsed = lote_csv.parse(
        HEADER + f"1,Loja,11.222.333/0001-81,01/03/2026,01/03/2027,{too_long},nao\n"
        "2,Loja,11.222.333/0001-81,01/03/2026,01/03/2027,0,nao\n"
    )
    assert parsed.licenses == []
    messages = [e.message for e in parsed.errors]
    assert messages == [
        f"ciclo_meses: use um número de 1 a {POLICY.max_cycle_months}.",
        f"ciclo_meses: use um número de 1 a {POLICY.max_cycle_months}.",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", f"use um número de 1 a {POLICY.max_cycle_months}."),
        ("61", f"use um número de 1 a {POLICY.max_cycle_months}."),
        ("doze", "use um número inteiro (recebido: 'doze')."),
    ],
)
def test_rules_name_the_option_at_fault(
    value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "rules", "cancel", *TERM, "--cycle-months", value)
    assert code == 2
    assert err == f"helpdesk: erro: --cycle-months: {message}\n"


def test_rules_name_the_date_option_at_fault(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "rules", "cancel", "--today", "2026-03-10", "--term-start", "01/03/2026",
        "--renews-on", "01/02/2026",
    )  # fmt: skip
    assert code == 2
    assert err.startswith("helpdesk: erro: --renews-on: a data de renovação precisa")


def test_the_form_field_says_the_same(tmp_path: Path) -> None:
    from helpdesk.request_kinds import get_kind

    assert get_kind("cancel").errors({"cycle_months": "doze"})["cycle_months"] == (
        "use um número inteiro (recebido: 'doze')."
    )
