"""Malformed lote CSV files: a Portuguese message with the line, never a traceback or a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cli import run
from _pilot import SIZE, make_app, paste, screen_text

from screens.dialogs import PathDialog, ReportDialog
from screens.lote import LoteScreen
from screens.lote_import import ImportPreviewDialog
from store import lote_csv
from store.database import Database

HEADER = "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj"
ROW = "100200,Padaria Pão Quente Ltda,11.222.333/0001-81,01/06/2025,01/06/2026,12,sim"
CR_ONLY = f"{HEADER}\r{ROW}\r300400,Oficina,12.ABC.345/01DE-35,2026-03-05,2027-03-05,,nao\r"
HUGE = f'{HEADER}\n{ROW}\n1,"{"x" * 140_000}",a,b,c,d,e\n'
BINARY = bytes(range(256)) * 4


def test_cr_only_line_endings_are_lines() -> None:
    parsed = lote_csv.parse(CR_ONLY)
    assert parsed.errors == []
    assert [lic.support_id for lic in parsed.licenses] == ["100200", "300400"]


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (HUGE.encode(), 3, "campo longo demais (mais de 128 KB)"),
        (BINARY, 1, "o arquivo contém bytes binários"),
    ],
    ids=["huge-field", "binary"],
)
def test_malformed_files_name_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, line: int, words: str
) -> None:
    source = tmp_path / "lote.csv"
    source.write_bytes(data)
    code, _, err = run(capsys, "lote", "import", str(source))
    assert code == 2 and "Traceback" not in err
    assert f"linha {line}: {words}" in err


async def test_the_app_reports_a_cr_only_file_and_stays_open(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "mac.csv"
    source.write_text(CR_ONLY.replace("300400,Oficina", "300400,Ofi\x1bcina"), encoding="utf-8")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_lote()
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        await pilot.press("ctrl+u")
        await paste(pilot, str(source))
        await pilot.press("enter")
        await pilot.pause()
        # The preview lists the bad line too; confirming imports the good one and reports it.
        assert isinstance(app.screen, ImportPreviewDialog)
        assert any(
            line.startswith("Linha 3: cliente: não use caracteres de controle")
            for line in app.screen.lines
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportDialog)
        assert "Linha 3: cliente: não use caracteres de controle" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen) and app.is_running
    with Database(db_path) as db:
        assert [lic.support_id for lic in db.licenses.list()] == ["100200"]
