"""``--db`` works before and after the subcommand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpdesk.compose.cli import main

CSV = "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n1,Ana,11.222.333/0001-81,01/03/2026,01/03/2027,12,nao\n"


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_db_option_on_either_side(
    tmp_path: Path, before: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "outro" / "dados.json"
    csv = tmp_path / "lote.csv"
    csv.write_text(CSV, encoding="utf-8")
    option = ["--db", str(target)]
    argv = (
        [*option, "lote", "import", str(csv)] if before else ["lote", "import", str(csv), *option]
    )
    assert main(argv) == 0
    capsys.readouterr()
    assert main(["lote", "list", "--json", *option]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["support_id"] for item in listed] == ["1"]
    # the default data file (HELPDESK_DB, set by the test fixture) was not touched
    assert main(["lote", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
