"""Pilot tests of Minhas solicitações: order, filters, masking, detail, status changes, export."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

from _pilot import (
    NOW,
    SIZE,
    make_app,
    paste,
    screen_text,
    seed_requests,
)
from textual.widgets import Button, DataTable, Input, Select

from helpdesk.clock import to_sao_paulo
from screens.dialogs import ConfirmDialog, PathDialog
from screens.request_detail import RequestDetail
from screens.requests import RequestsScreen
from store.database import Database


def table_protocols(table: DataTable[object]) -> list[str]:
    """Protocols in the table, top to bottom."""
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_empty_state_says_what_to_do(db_path: Path) -> None:
    """No requests yet: the table is replaced by a hint to start one."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        text = screen_text(app)
        assert "Você ainda não fez nenhuma solicitação" in text
        assert "teclas 1 a 6" in text
        assert not app.screen.query_one(DataTable).display


async def test_newest_first_with_masked_clients(db_path: Path) -> None:
    """Newest request on top; client names masked in the table."""
    oldest, middle, newest = seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table_protocols(table) == [newest, middle, oldest]
        text = screen_text(app)
        assert "Padaria S. J. L." in text and "Oficina Z. L." in text
        assert "Padaria São João" not in text and "Oficina Zé Ltda" not in text


async def test_filters_by_kind_status_and_text(db_path: Path) -> None:
    """Each filter narrows the table; the free text ignores case and accents."""
    oldest, middle, _newest = seed_requests(db_path)
    with Database(db_path) as db:
        db.requests.mark(middle, "confirmada", to_sao_paulo(NOW))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)

        screen.query_one("#requests-kind", Select).value = "backup"
        await pilot.pause()
        assert table_protocols(table) == [oldest]
        screen.query_one("#requests-kind", Select).value = Select.NULL
        screen.query_one("#requests-status", Select).value = "confirmada"
        await pilot.pause()
        assert table_protocols(table) == [middle]
        screen.query_one("#requests-status", Select).value = Select.NULL
        await pilot.pause()

        await pilot.press("f")
        await pilot.press(*"oficina ze")
        await pilot.press("enter")
        await pilot.pause()
        assert table_protocols(table) == [middle]
        assert "1 de 3 solicitações" in screen_text(app)

        await pilot.press("f", "ctrl+u", *"nada disso", "enter")
        await pilot.pause()
        assert "Nenhuma solicitação com estes filtros" in screen_text(app)


async def test_detail_history_and_status_changes(db_path: Path) -> None:
    """The detail shows the outcome and history; the status moves forward and can be withdrawn."""
    oldest, _middle, newest = seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the oldest: the backup
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, RequestDetail) and detail.request.protocol == oldest
        text = screen_text(app)
        assert "Horário da geração: 20:00" in text
        assert "Agende na Conta Azul Pro do cliente" in text
        assert detail.query_one("#detail-enviada", Button).disabled is False

        await pilot.press("o")  # confirmed by support (sent is skipped)
        await pilot.pause()
        assert detail.request.status == "confirmada"
        assert detail.query_one("#detail-enviada", Button).disabled
        assert "confirmada" in screen_text(app)

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#dialog-yes")
        await pilot.pause()
        assert detail.request.status == "retirada"
        assert detail.query_one("#detail-withdraw", Button).disabled
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RequestsScreen)
        assert str(app.screen.query_one(DataTable).get_cell(oldest, "status")) == "retirada"
    with Database(db_path) as db:
        history = [c.status for c in db.requests.get(oldest).history]
        assert history == ["registrada", "confirmada", "retirada"]
        assert db.requests.get(newest).status == "registrada"


async def test_export_csv_to_the_confirmed_path(db_path: Path) -> None:
    """x proposes a file in the documents folder; enter writes `;`-separated rows, owner-only."""
    protocols = seed_requests(db_path)
    documents = Path.home() / "Documents"
    documents.mkdir()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        proposed = Path(app.screen.query_one("#path-input", Input).value)
        assert proposed == documents / "solicitacoes-20261126.csv"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RequestsScreen)
    assert proposed.read_bytes().startswith(b"\xef\xbb\xbfprotocolo;tipo;")
    with proposed.open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    assert [row["protocolo"] for row in rows] == protocols[::-1]
    assert rows[-1]["tipo"] == "Backup" and rows[-1]["cliente"] == "Padaria São João Ltda"
    assert proposed.stat().st_mode & 0o777 == 0o600


async def test_export_asks_before_replacing_a_file(db_path: Path) -> None:
    """An existing file is replaced only after a yes."""
    seed_requests(db_path)
    target = db_path.parent / "minhas.csv"
    target.write_text("antigo", encoding="utf-8")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await paste(pilot, str(target))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # "Escolher outro"
        await pilot.pause()
    assert target.read_text(encoding="utf-8") == "antigo"


async def test_submitted_request_opens_its_detail_from_history(db_path: Path) -> None:
    """After a submit, going forward to it in the history shows the request's detail."""
    app = make_app(db_path, now=datetime(2026, 11, 26, 10, 0))
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("backup", {"support_id": "1", "slot": "20:00"})
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # back home
        await pilot.pause()
        await pilot.press("alt+right")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RequestDetail)
        assert app.screen.request.protocol == "HD-2026-000001"


async def test_a_long_list_loads_page_by_page(db_path: Path) -> None:
    """Hundreds of requests: one page first, the next as the cursor reaches the end."""
    from screens.widgets.paged_table import PAGE

    count = PAGE * 2 + 10
    with Database(db_path) as db, db.transaction():
        for n in range(count):
            moment = to_sao_paulo(NOW - timedelta(minutes=count - n))
            db.requests.submit("backup", {"support_id": f"L{n}", "slot": "20:00"}, moment)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == PAGE
        assert f"{count} solicitações" in screen_text(app)
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == 2 * PAGE
        await pilot.press("ctrl+end")
        await pilot.pause()
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == count
        assert str(table.get_row_at(count - 1)[3]) == "L0"  # the oldest, last


async def test_detail_at_80_columns_reads_choices_and_keeps_buttons_on_one_line(
    db_path: Path,
) -> None:
    """Choices show their label ("Não", not "nao"); every button label stays whole."""
    seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_requests()
        await pilot.pause()
        await pilot.press("down", "enter")  # the refund
        await pilot.pause()
        assert isinstance(app.screen, RequestDetail)
        fields = str(app.screen.query_one("#detail-fields").render())
        assert "Cliente tem Conta PJ ativa? Não" in fields
        buttons = list(app.screen.query("#detail-actions Button").results(Button))
        assert len(buttons) == 5
        for button in buttons:
            assert button.size.height == 1, str(button.label)


async def test_status_is_visible_at_80_columns(db_path: Path) -> None:
    """The status, the reason to open this screen, shows without scrolling sideways."""
    seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_requests()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "Protocolo" in line and "Tipo" in line)
        assert "Situação" in header and "Cliente" in header
        assert sum("registrada" in line for line in lines) == 3


async def test_the_text_filter_says_what_it_searches_at_80_columns(db_path: Path) -> None:
    """The filter box's hint is whole at the smallest size."""
    seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_requests()
        await pilot.pause()
        assert "Protocolo, ID ou cliente" in screen_text(app)
