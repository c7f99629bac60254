"""The import preview at 80×24: the changes scroll from the keyboard, the buttons stay in view,
and client names and CNPJs are masked as in the lists (what is written is not)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from _pilot import lote_license, make_app, paste, screen_text, seed_licenses
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Button

from screens.app import HelpdeskApp
from screens.dialogs import PathDialog
from screens.lote import LoteScreen
from screens.lote_import import ImportPreviewDialog
from store.database import Database

SMALL = (80, 24)
HEADER = "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n"
OLD_CLIENT = "Nova Empresa Ação Ltda"
NEW_CLIENT = "Padaria São João Ltda"
NEW_CNPJ = "41939071000131"


def seed_forty(db_path: Path) -> None:
    """A lote of 40 licenses, all of the same client."""
    seed_licenses(
        db_path,
        *(
            lote_license(
                f"1002{i:02d}",
                client=OLD_CLIENT,
                email="",
                term_start=date(2026, 3, 1),
                renews_on=date(2027, 3, 1),
            )
            for i in range(40)
        ),
    )


def changes_and_errors(folder: Path) -> Path:
    """A CSV moving 25 licenses to another client and CNPJ, with 8 bad lines at the end."""
    rows = [
        f"1002{i:02d},{NEW_CLIENT if i < 25 else OLD_CLIENT},"
        f"{NEW_CNPJ if i < 25 else '11222333000181'},01/03/2026,01/03/2027,12,nao"
        for i in range(40)
    ]
    rows += [f"BAD{i},Ruim,11.222.333/0001-82,01/03/2026,01/03/2027,12,nao" for i in range(8)]
    path = folder / "novo.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


async def open_preview(pilot: Pilot[None], app: HelpdeskApp, source: Path) -> ImportPreviewDialog:
    """From home: l (Meu lote), i, the CSV's path, enter."""
    await pilot.pause()
    await pilot.press("l")
    await pilot.pause()
    assert isinstance(app.screen, LoteScreen)
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, PathDialog)
    await pilot.press("ctrl+u")
    await paste(pilot, str(source))
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ImportPreviewDialog)
    return dialog


def fully_visible(app: HelpdeskApp, button: Button) -> bool:
    """True when the whole button is drawn: inside the screen and inside the dialog's box."""
    box = app.screen.query_one("Vertical")
    return app.screen.region.contains_region(button.region) and box.region.contains_region(
        button.region
    )


def clients(db_path: Path) -> dict[str, tuple[str, str]]:
    """Client and CNPJ of each stored license."""
    with Database(db_path) as db:
        return {lic.support_id: (lic.client, lic.cnpj) for lic in db.licenses.list()}


async def test_at_80x24_the_buttons_show_and_the_keys_scroll_the_changes(
    db_path: Path, tmp_path: Path
) -> None:
    """Every change and error line can be read with pgdn/↓/end while a button keeps the focus;
    both buttons are on screen all the time; esc writes nothing."""
    seed_forty(db_path)
    source = changes_and_errors(tmp_path)
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        dialog = await open_preview(pilot, app, source)
        text = screen_text(app)
        assert "Não importar" in text and "Importar" in text
        assert "↑↓ Rolar" in text and "pgdn Página" in text
        assert "25 alteradas" in text
        body = dialog.query_one("#preview-body", VerticalScroll)
        assert body.max_scroll_y > 0
        focused = app.focused
        assert isinstance(focused, Button) and focused.id == "preview-yes"

        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("down")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        text = screen_text(app)
        assert "Linha 49: cnpj" in text  # the last bad line
        for button in dialog.query(Button):
            assert fully_visible(app, button), button.id
        assert app.focused is focused  # reading never moved the focus off the answer
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
    assert set(clients(db_path).values()) == {(OLD_CLIENT, "11222333000181")}


async def test_the_preview_masks_client_data_and_the_import_writes_it_whole(
    db_path: Path, tmp_path: Path
) -> None:
    """The changes read "Padaria S. J. L." and "41.•••.•••/0001-31", never the names or CNPJs
    in full; confirming writes the file's data unmasked."""
    seed_forty(db_path)
    source = changes_and_errors(tmp_path)
    app = make_app(db_path)
    async with app.run_test(size=(120, 60)) as pilot:
        dialog = await open_preview(pilot, app, source)
        shown = str(dialog.query_one("#preview-lines").render())
        assert "100200: Cliente Nova E. A. L. → Padaria S. J. L.; CNPJ" in shown
        assert "11.•••.•••/0001-81 → 41.•••.•••/0001-31" in shown
        for secret in (NEW_CLIENT, OLD_CLIENT, NEW_CNPJ, "11222333000181", "41.939.071"):
            assert secret not in shown
            assert secret not in screen_text(app)
        await pilot.press("enter")  # Importar has the focus (no open request is touched)
        await pilot.pause()
    stored = clients(db_path)
    assert stored["100200"] == (NEW_CLIENT, NEW_CNPJ)
    assert stored["100230"] == (OLD_CLIENT, "11222333000181")
    assert "BAD0" not in stored


async def test_a_short_preview_keeps_its_natural_height_and_offers_no_scrolling(
    db_path: Path, tmp_path: Path
) -> None:
    """One change, the other 39 the same: the box is as tall as its text and the footer offers
    no scroll keys."""
    seed_forty(db_path)
    source = tmp_path / "um.csv"
    rows = [
        f"1002{i:02d},{NEW_CLIENT if i == 0 else OLD_CLIENT},11222333000181,01/03/2026,"
        "01/03/2027,12,nao"
        for i in range(40)
    ]
    source.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_preview(pilot, app, source)
        text = screen_text(app)
        assert "Padaria S. J. L." in text
        assert "↑↓ Rolar" not in text
        assert dialog.query_one("#preview-body", VerticalScroll).max_scroll_y == 0
        assert dialog.query_one("Vertical").region.height < 20
        await pilot.resize_terminal(80, 16)
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "↑↓ Rolar" in text
        assert all(fully_visible(app, button) for button in dialog.query(Button))
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        await pilot.pause()
        assert "↑↓ Rolar" not in screen_text(app)


async def test_at_80x24_the_report_after_the_import_scrolls_to_its_last_line(
    db_path: Path, tmp_path: Path
) -> None:
    """The lines left out, reported once the import is written: the close button stays in view
    and the keys reach the last line."""
    from screens.dialogs import ReportDialog

    seed_forty(db_path)
    source = changes_and_errors(tmp_path)
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        await open_preview(pilot, app, source)
        await pilot.press("enter")  # Importar
        await pilot.pause()
        await pilot.pause()
        report = app.screen
        assert isinstance(report, ReportDialog)
        text = screen_text(app)
        assert "25 alteradas. 8 linhas com problema" in text
        assert "↑↓ Rolar" in text and "Linha 49" not in text
        assert fully_visible(app, report.query_one(Button))
        await pilot.press("end")
        await pilot.pause()
        assert "Linha 49: cnpj" in screen_text(app)
        assert fully_visible(app, report.query_one(Button))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
    assert clients(db_path)["100200"] == (NEW_CLIENT, NEW_CNPJ)
