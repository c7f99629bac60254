"""Pilot tests of Meu lote: empty state, CSV import with good and bad rows, deadlines, forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from _pilot import SIZE, lote_license, make_app, paste, screen_text, seed_licenses
from textual.pilot import Pilot
from textual.widgets import DataTable

from helpdesk.policy import POLICY
from screens.dialogs import ChoiceDialog, PathDialog, ReportDialog
from screens.forms import FormScreen
from screens.lote import LoteScreen
from screens.lote_import import ImportPreviewDialog
from store.database import Database

GOOD_AND_BAD = """id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj
A-1,Padaria Exemplo Ltda,11.222.333/0001-81,01/03/2026,01/03/2027,12,nao
A-2,Mercado Ruim,11.222.333/0001-82,01/03/2026,01/03/2027,12,nao
A-3,Oficina [b]Três[/b] <i>,12.ABC.345/01DE-35,2026-11-20,2027-11-20,,sim
A-4,Datas Trocadas,11.222.333/0001-81,01/03/2027,01/03/2026,12,nao
"""


def licenses_in(db_path: Path) -> list[str]:
    """ID Suporte of every license stored."""
    if not db_path.exists():
        return []
    with Database(db_path) as db:
        return [lic.support_id for lic in db.licenses.list()]


async def import_file(pilot: Pilot[None], path: Path) -> None:
    """Press i, replace the proposed path by ``path`` and confirm."""
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PathDialog)
    await pilot.press("ctrl+u")
    await paste(pilot, str(path))
    await pilot.press("enter")
    await pilot.pause()


async def test_empty_lote_shows_the_csv_template(db_path: Path) -> None:
    """No licenses: the columns to use and an example line, instead of an empty table."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_lote()
        await pilot.pause()
        text = screen_text(app)
        assert "Seu lote ainda está vazio" in text
        assert "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj" in text


async def test_import_reports_each_bad_row_and_keeps_the_good_ones(
    db_path: Path, tmp_path: Path
) -> None:
    """Bad rows are listed with their line and reason; the good rows are all imported."""
    source = tmp_path / "lote.csv"
    source.write_text(GOOD_AND_BAD, encoding="utf-8")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_lote()
        await pilot.pause()
        await import_file(pilot, source)
        assert isinstance(app.screen, ImportPreviewDialog)
        preview = screen_text(app)
        assert "2 novas, 0 alteradas, 0 iguais e 0 fora do arquivo" in preview
        assert "2 linhas com problema ficam de fora" in preview
        assert licenses_in(db_path) == []  # nothing written before the confirmation
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportDialog)
        report = screen_text(app)
        assert "2 licenças incluídas, 0 alteradas. 2 linhas com problema ficaram" in report
        assert "(s)" not in report
        assert "Linha 3: cnpj: os dígitos verificadores não conferem" in report
        assert "Linha 5: renovacao: a renovação deve ser depois do início" in report
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
        assert app.screen.query_one(DataTable).row_count == 2
        text = screen_text(app)
        assert "Oficina [. <." in text  # literal (no markup) and masked
        assert "Padaria Exemplo" not in text
    assert licenses_in(db_path) == ["A-1", "A-3"]


async def test_import_of_only_bad_rows_writes_nothing(db_path: Path, tmp_path: Path) -> None:
    """Nothing half-written: a file without a single good row leaves the data untouched."""
    source = tmp_path / "ruim.csv"
    source.write_text("id_suporte;cliente\nX;Y\n", encoding="utf-8")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_lote()
        await pilot.pause()
        await import_file(pilot, source)
        assert isinstance(app.screen, ReportDialog)
        assert "faltam as colunas cnpj" in screen_text(app)
    assert licenses_in(db_path) == []


async def test_import_of_a_missing_file_says_so(db_path: Path, tmp_path: Path) -> None:
    """An unreadable path is reported and nothing changes."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_lote()
        await pilot.pause()
        await import_file(pilot, tmp_path / "nao-existe.csv")
        assert isinstance(app.screen, LoteScreen)
        assert any("não foi possível ler" in n.message for n in app._notifications)
    assert licenses_in(db_path) == []


async def test_licenses_with_a_deadline_soon_come_first_and_are_marked(db_path: Path) -> None:
    """Within the notice period: marked and listed first; o switches to ID order."""
    seed_licenses(
        db_path,
        lote_license("AAA", term_start=date(2026, 3, 1), renews_on=date(2027, 3, 1)),
        lote_license("ZZZ"),  # bought 20/11/2026: refund possible until 27/11/2026
    )
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_lote()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "▲" and first[1] == "ZZZ"
        assert "estorno até 27/11/2026 (amanhã)" in first[3]
        assert str(table.get_row_at(1)[0]).strip() == ""
        assert f"até {POLICY.notice_days} dias" in screen_text(app)
        await pilot.press("o")
        await pilot.pause()
        assert [str(table.get_row_at(i)[1]) for i in range(2)] == ["AAA", "ZZZ"]


async def test_a_row_starts_a_form_pre_filled(db_path: Path) -> None:
    """enter on a license offers the forms, the one for its deadline first; it opens filled."""
    seed_licenses(db_path, lote_license("ZZZ", conta_pj=True))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_lote()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the suggested one: the refund (after "Editar")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "refund"
        raw = app.screen.raw()
        assert raw["support_id"] == "ZZZ" and raw["term_start"] == "20/11/2026"
        assert raw["conta_pj"] == "sim"
