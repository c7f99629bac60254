"""Meu lote says when a license has a request registered but not yet sent to support."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from _pilot import NOW, lote_license, make_app, screen_text, seed_licenses
from textual.pilot import Pilot
from textual.widgets import Static

from helpdesk.clock import to_sao_paulo
from screens.app import HelpdeskApp
from screens.confirmation import ConfirmationScreen
from screens.dialogs import ChoiceDialog
from screens.forms import FormScreen
from screens.lote import LoteScreen
from screens.request_detail import RequestDetail
from screens.widgets.paged_table import PagedTable
from store.database import Database


def flat(text: str) -> str:
    """Screen text with the wrapping undone."""
    return " ".join(text.split())


def more_line(app: HelpdeskApp) -> str:
    """The line under the lote table that says what the width leaves out."""
    line = app.screen.query_one("#lote-more", Static)
    return flat(str(line.render())) if line.display else ""


async def to_lote(pilot: Pilot[None], app: HelpdeskApp) -> None:
    """ctrl+g goes home, l opens Meu lote."""
    await pilot.press("ctrl+g")
    await pilot.pause()
    await pilot.press("l")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, LoteScreen)


def stored(db_path: Path) -> tuple[str, str]:
    """The only request's protocol and status."""
    with Database(db_path) as db:
        (summary,) = db.requests.list()
        return summary.protocol, summary.status


async def test_a_registered_cancel_is_noted_until_it_is_marked_sent(db_path: Path) -> None:
    """Register a cancel from a row: the lote notes it is still to send; once marked sent from
    Minhas solicitações, the note gives way to the scheduled cancellation."""
    seed_licenses(
        db_path,
        lote_license(
            "2002",
            client="Mercado São José Comércio",
            term_start=date(2026, 3, 1),
            renews_on=date(2027, 3, 1),
        ),
    )
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_lote(pilot, app)
        assert "falta enviar" not in more_line(app)
        assert "Situação: ativa ·" in more_line(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the suggested one: ask the cancellation
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "cancel"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        protocol, status = stored(db_path)
        assert status == "registrada"

        await to_lote(pilot, app)
        note = f"pedido registrado, falta enviar ({protocol})"
        assert f"Situação: ativa · {note}" in more_line(app)
        assert "São José" not in screen_text(app)  # the client stays masked
        assert app.screen.query_one("#lote-table").max_scroll_x == 0
        await pilot.press("enter")  # the row's dialog says it too
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert note in flat(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RequestDetail)
        await pilot.press("m")  # marked as sent to support
        await pilot.pause()
        assert stored(db_path) == (protocol, "enviada")
        await pilot.press("escape")  # the detail closes on the list
        await pilot.pause()

        await to_lote(pilot, app)
        line = more_line(app)
        assert "Situação: cancelamento agendado ·" in line
        assert "falta enviar" not in line and protocol not in line


async def test_at_120_columns_the_situacao_column_carries_the_note(db_path: Path) -> None:
    """At 120 columns the cell says "falta enviar" (the protocol is in the license's dialog),
    and no column is left out for it; at 150 the same."""
    seed_licenses(db_path, lote_license("1001"), lote_license("2002", client="Oficina Zé"))
    with Database(db_path) as db:
        db.requests.submit("backup", {"support_id": "2002", "slot": "20:00"}, to_sao_paulo(NOW))
    for size in ((120, 36), (150, 36)):
        app = make_app(db_path)
        async with app.run_test(size=size) as pilot:
            await to_lote(pilot, app)
            table = app.screen.query_one("#lote-table", PagedTable)
            assert {"status", "renews_on", "cycle", "term_start"} <= set(table.shown_keys), size
            assert table.max_scroll_x == 0
            text = screen_text(app)
            assert "ativa · falta enviar" in text
            assert text.count("falta enviar") == 1
