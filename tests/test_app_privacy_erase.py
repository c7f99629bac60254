"""Meu lote → a: the erasure preview, and nothing erased until ``sim`` is typed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from _pilot import NOW, SIZE, lote_license, make_app, paste, screen_text, seed_licenses
from textual.pilot import Pilot
from textual.widgets import Button, DataTable

from screens.erase_dialog import EraseDialog
from screens.lote import LoteScreen
from store.database import Database

if TYPE_CHECKING:
    from screens.app import HelpdeskApp

SHARED_CNPJ = "11222333000181"


def seed(db_path: Path) -> str:
    """Two licenses of one company (same CNPJ) and a request of the first; its protocol."""
    seed_licenses(
        db_path,
        lote_license("1001", client="Zeferino Quixadá Comércio", cnpj=SHARED_CNPJ),
        lote_license("2002", client="Outra Loja Ltda", cnpj=SHARED_CNPJ),
    )
    with Database(db_path) as db:
        return db.requests.submit("backup", {"support_id": "1001", "slot": "20:00"}, NOW).protocol


async def open_erase_dialog(pilot: Pilot[None], support_id: str) -> EraseDialog:
    """Meu lote, the cursor on ``support_id``'s row, then a."""
    app = cast("HelpdeskApp", pilot.app)
    app.action_lote()
    await pilot.pause()
    table = app.screen.query_one(DataTable)
    for index in range(table.row_count):
        if str(table.get_row_at(index)[0]) == support_id:
            table.move_cursor(row=index)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, EraseDialog)
    return app.screen


async def test_the_preview_shows_what_changes_and_sim_erases(db_path: Path) -> None:
    protocol = seed(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_erase_dialog(pilot, "1001")
        text = screen_text(app)
        assert "licença retirada do lote: 1001" in text and protocol in text
        assert "mantido: CNPJ 11.•••.•••/0001-81" in text  # the other license keeps it
        assert dialog.query_one("#erase-yes", Button).disabled
        await paste(pilot, "não")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EraseDialog)  # anything but sim erases nothing
        await pilot.press("ctrl+u")
        await paste(pilot, "sim")
        assert not dialog.query_one("#erase-yes", Button).disabled
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
        assert "Zeferino" not in screen_text(app)
    with Database(db_path) as db:
        assert db.licenses.get("1001") is None
        kept = db.licenses.get("2002")
        assert kept is not None and kept.cnpj == SHARED_CNPJ


async def test_escape_erases_nothing(db_path: Path) -> None:
    seed(db_path)
    before = db_path.read_bytes()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_erase_dialog(pilot, "1001")
        await paste(pilot, "sim")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
    assert db_path.read_bytes() == before
