"""Pilot tests of Meu lote's columns: what matters fits at 80 columns, more columns as it widens."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from _pilot import VALID_CNPJ, lote_license, make_app, screen_text, seed_licenses, type_in
from textual.widgets import DataTable, Static

from helpdesk.licenses import TRANSFERRED
from screens.dialogs import ChoiceDialog
from screens.widgets.paged_table import Column, PagedTable, fit_columns

LONG_CLIENT = "Mercado São José Comércio de Alimentos e Bebidas Eireli"


def seed(db_path: Path) -> None:
    """A refund due tomorrow, a cancellation to ask in weeks, a long name, a transferred one."""
    seed_licenses(
        db_path,
        lote_license("1001"),  # bought 20/11/2026: refund until 27/11/2026
        lote_license(
            "2002",
            client=LONG_CLIENT,
            cnpj="11444777000161",
            term_start=date(2026, 3, 1),
            renews_on=date(2027, 3, 1),
        ),
        lote_license("3003", client="Oficina Três Irmãos", status=TRANSFERRED),
    )


def table_of(app: object) -> PagedTable[object]:
    """The lote table of the current screen."""
    table = app.screen.query_one(DataTable)  # type: ignore[attr-defined]
    assert isinstance(table, PagedTable)
    return table


async def test_at_80_columns_every_row_shows_id_client_and_whole_deadline(db_path: Path) -> None:
    """No sideways scrolling: the deadline with its days left is whole; clients stay masked."""
    seed(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_lote()
        await pilot.pause()
        table = table_of(app)
        assert table.max_scroll_x == 0
        assert table.shown_keys[:4] == ("mark", "support_id", "client", "deadline")
        text = screen_text(app)
        assert "estorno até 27/11/2026 (amanhã)" in text
        assert "pedir cancelamento até 29/01/2027 (64 dias)" in text
        assert "— (transferida)" in text
        assert "Mercado S. J." in text and "São José" not in text
        assert "Padaria S. J. L." in text


async def test_wider_terminals_add_columns_from_the_left(db_path: Path) -> None:
    """120 columns add status, renewal, cycle and start; 150 the masked CNPJ too."""
    seed(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_lote()
        await pilot.pause()
        assert "status" not in table_of(app).shown_keys
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        table = table_of(app)
        assert table.shown_keys == (
            "mark",
            "support_id",
            "client",
            "deadline",
            "status",
            "renews_on",
            "cycle",
            "term_start",
        )
        assert table.max_scroll_x == 0
        assert table.row_count == 3
        await pilot.resize_terminal(150, 36)
        await pilot.pause()
        assert table_of(app).shown_keys[-1] == "cnpj"
        text = screen_text(app)
        assert "11.•••.•••/0001-61" in text and "11.444.777" not in text


async def test_the_row_dialog_shows_what_the_narrow_table_leaves_out(db_path: Path) -> None:
    """enter on a row: status, masked CNPJ, term and cycle, fitting at 80×24 with every kind."""
    seed(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_lote()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        text = screen_text(app)
        assert "Situação: ativa · CNPJ: 11.•••.•••/0001-81" in text
        assert "Vigência: 20/11/2026 a 20/11/2027 · ciclo de 12 meses" in text
        assert "Bloquear Conta PJ" in text  # the last option is not cut off
        options = app.screen.query_one("#choice-list")
        assert options.region.bottom <= app.screen.query_one("Vertical").region.bottom - 1


def more_line(app: object) -> Static:
    """The line under the lote table that says what the width leaves out."""
    line = app.screen.query_one("#lote-more", Static)  # type: ignore[attr-defined]
    assert isinstance(line, Static)
    return line


def flat(text: str) -> str:
    """Screen text with the wrapping undone."""
    return " ".join(text.split())


async def test_at_80_columns_a_line_says_the_left_out_fields_of_the_highlighted_row(
    db_path: Path,
) -> None:
    """Situação, Renovação, Ciclo, Início and the masked CNPJ of the row under the cursor."""
    seed(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_lote()
        await pilot.pause()
        await pilot.pause()
        assert "status" not in table_of(app).shown_keys
        assert more_line(app).display
        first = (
            "Situação: ativa · Renovação: 20/11/2027 · Ciclo: 12 meses · Início: 20/11/2026 · "
            "CNPJ: 11.•••.•••/0001-81"
        )
        assert first in flat(screen_text(app))

        await pilot.press("down")  # 2002, the long name, bought 01/03/2026
        await pilot.pause()
        text = flat(screen_text(app))
        assert (
            "Situação: ativa · Renovação: 01/03/2027 · Ciclo: 12 meses · Início: 01/03/2026 · "
            "CNPJ: 11.•••.•••/0001-61"
        ) in text
        assert first not in text
        assert "11.444.777" not in text and "São José" not in text  # masked as the list

        await pilot.press("down")
        await pilot.pause()
        assert "Situação: transferida ·" in flat(screen_text(app))

        await pilot.press("f", *"nenhum cliente assim", "enter")  # no row left: no line
        await pilot.pause()
        assert not more_line(app).display


async def test_the_line_shows_only_what_the_width_leaves_out_and_hides_when_all_fit(
    db_path: Path,
) -> None:
    """120×36 leaves out only the CNPJ; 150 columns show every column and no line."""
    seed(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.action_lote()
        await pilot.pause()
        await pilot.pause()
        assert table_of(app).shown_keys[-1] == "term_start"
        text = screen_text(app)
        assert "CNPJ: 11.•••.•••/0001-81" in text
        assert "Situação:" not in text and "Renovação:" not in text and "Ciclo:" not in text
        await pilot.press("down")
        await pilot.pause()
        assert "CNPJ: 11.•••.•••/0001-61" in screen_text(app)

        await pilot.resize_terminal(150, 36)
        await pilot.pause()
        await pilot.pause()
        assert table_of(app).shown_keys[-1] == "cnpj"
        assert not more_line(app).display
        assert "CNPJ:" not in screen_text(app)

        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert more_line(app).display
        assert "Renovação: 01/03/2027" in flat(screen_text(app))  # still the row under the cursor


async def test_a_license_added_by_hand_gets_its_line_at_80_columns(db_path: Path) -> None:
    """n, the license form, ctrl+s: the new row's left-out fields are shown under the table."""
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_lote()
        await pilot.pause()
        assert not more_line(app).display  # empty lote: no table, no line
        await pilot.press("n")
        await pilot.pause()
        await type_in(pilot, "support_id", "4004")
        await type_in(pilot, "client", "Loja Nova Ltda")
        await type_in(pilot, "cnpj", VALID_CNPJ)
        await type_in(pilot, "term_start", "10/06/2026")
        await type_in(pilot, "renews_on", "10/06/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        text = flat(screen_text(app))
        assert "4004" in text and "Loja N. L." in text
        assert (
            "Renovação: 10/06/2027 · Ciclo: 12 meses · Início: 10/06/2026 · "
            "CNPJ: 11.•••.•••/0001-81"
        ) in text
        assert VALID_CNPJ not in text


def test_fit_columns_keeps_order_and_gives_the_rest_to_the_flexible_column() -> None:
    """Kept columns always, the others in order while they fit, the flexible one the rest."""
    columns = [
        Column("id", "ID", keep=True),
        Column("name", "Nome", flex=True),
        Column("a", "A"),
        Column("b", "B"),
    ]
    natural = {"id": 6, "name": 30, "a": 10, "b": 2}
    shown, flex = fit_columns(columns, natural, 100)
    assert [c.key for c in shown] == ["id", "name", "a", "b"] and flex == 30
    shown, flex = fit_columns(columns, natural, 36)
    assert [c.key for c in shown] == ["id", "name", "a"] and flex == 36 - 8 - 12 - 2
    shown, flex = fit_columns(columns, natural, 30)
    # "a" does not fit with the name at its narrowest: "b" must not jump ahead of it.
    assert [c.key for c in shown] == ["id", "name"] and flex == 30 - 8 - 2
