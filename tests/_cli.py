"""Helpers for the command-line tests: the sample lote and an in-process ``helpdesk`` runner."""

from __future__ import annotations

import pytest

from helpdesk.compose.cli import main

LOTE = (
    "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n"
    "100200,Padaria Pão Quente Ltda,11.222.333/0001-81,01/06/2025,01/06/2026,12,sim\n"
    "300400,Oficina Roda Viva ME,12.ABC.345/01DE-35,2026-03-05,2027-03-05,,nao\n"
    "500600,,11.222.333/0001-81,01/06/2025,01/06/2026,12,sim\n"
)
"""Two good licenses and a row without a client name."""

TODAY = ("--today", "2026-03-10")
"""The day of simulations (``rules``, ``lote deadlines``): a date option."""

NOW = "2026-03-10T10:00"
"""The present of ``submit``, which takes no date option: set as ``HELPDESK_NOW``."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``helpdesk`` in-process; return (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
