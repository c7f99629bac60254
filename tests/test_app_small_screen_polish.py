"""Pilot tests of what a walk through the app at 80×24 and 120×36 found cut, orphaned or untrue."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from _pilot import (
    lote_license,
    make_app,
    screen_text,
    seed_licenses,
    seed_requests,
    show_confirmation,
    type_in,
)
from textual.widgets import DataTable, Select

from helpdesk.clock import SAO_PAULO
from helpdesk.outcome import TimelineEvent
from helpdesk.rule_refs import BACKUP_DOWNLOAD, BACKUP_SLOT
from screens.confirmation import next_step
from screens.request_detail import RequestDetail
from screens.widgets.timeline import timeline_content

SMALL = (80, 24)
WIDE = (120, 36)


def bottom_line(app: object) -> str:
    """The last line of the terminal: the footer that is showing."""
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


async def test_requests_table_needs_no_sideways_scrolling(db_path: Path) -> None:
    """80 columns: the key date joins the kept columns; 120: the creation moment too."""
    seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.action_requests()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.max_scroll_x == 0
        header = next(line for line in screen_text(app).splitlines() if "Protocolo " in line)
        assert "Situação" in header and "Licença" in header and "Criado em" not in header
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        header = next(line for line in screen_text(app).splitlines() if "Protocolo " in line)
        assert "Data-chave" in header and "Criado em" in header
        assert app.screen.query_one(DataTable).max_scroll_x == 0


async def test_request_detail_footer_fits_and_offers_only_what_applies(db_path: Path) -> None:
    """Every key of the detail fits at 80 columns; a status already passed is not offered."""
    seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.action_requests()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RequestDetail)
        footer = bottom_line(app)
        for key in ("esc Fechar", "m Enviada", "o Confirmada", "f Concluída", "c Copiar"):
            assert key in footer, footer
        await pilot.press("m")
        await pilot.pause()
        footer = bottom_line(app)
        assert "m Enviada" not in footer and "o Confirmada" in footer
        status = str(app.screen.query_one("#detail-status").render())
        assert status.splitlines()[0] == "Situação: enviada ao suporte"


async def test_forms_say_what_they_need_in_their_own_terms(db_path: Path) -> None:
    """A backup has no dates to type; a question label does not get a period after its '?'."""
    seed_licenses(db_path, lote_license())
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("backup")
        await pilot.pause()
        text = screen_text(app)
        assert "ou digite o ID Suporte." in text and "e as datas" not in text
        await type_in(pilot, "support_id", "1001")
        assert "Falta preencher: Horário da geração." in screen_text(app)
        app.open_form("transfer")
        await pilot.pause()
        await pilot.press("tab", "enter")  # discard the backup form
        await pilot.pause()
        await type_in(pilot, "support_id", "1001")
        text = screen_text(app)
        assert "esta licença?" in text and "licença?." not in text


async def test_a_long_form_title_gives_way_to_its_short_name_when_it_would_be_cut(
    db_path: Path,
) -> None:
    """At 80 columns the transfer form's box says "Transferência"; at 120 its whole title."""
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("transfer")
        await pilot.pause()
        await pilot.pause()
        top = screen_text(app).splitlines()[1]
        assert "Transferência" in top and "…" not in top
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        await pilot.pause()
        assert "Transferir a cobrança para o cliente" in screen_text(app).splitlines()[1]


async def test_the_required_mark_is_never_alone_on_a_line(db_path: Path) -> None:
    """A label that just fits takes its last word down with the asterisk."""
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("transfer")
        await pilot.pause()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        left_box = [line[1:38].strip() for line in lines]  # inside the fields' box
        assert "*" not in left_box, left_box
        assert "licença? *" in left_box


async def test_the_slot_list_stays_clear_of_the_footer(db_path: Path) -> None:
    """At 80×24 the open list of backup slots ends above the footer line."""
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("backup")
        await pilot.pause()
        select = app.screen.query_one("#input-slot", Select)
        select.focus()
        await pilot.press("space")
        await pilot.pause()
        overlay = select.query_one("SelectOverlay")
        assert overlay.region.bottom <= SMALL[1] - 1
        assert "esc Fechar" in bottom_line(app)


async def test_confirmation_keeps_the_phone_number_whole(db_path: Path) -> None:
    """The support number is on a line of its own, at both sizes."""
    assert next_step("whatsapp", "cancel").endswith("WhatsApp:\n+55 (47) 3512-0770")
    for size, support_id in ((SMALL, "1001"), (WIDE, "1002")):
        seed_licenses(db_path, lote_license(support_id))
        app = make_app(db_path)
        async with app.run_test(size=size) as pilot:
            show_confirmation(app, support_id)
            await pilot.pause()
            assert "+55 (47) 3512-0770" in screen_text(app)
            assert f"ID Suporte {support_id}" in screen_text(app)


def test_a_narrow_timeline_wraps_under_the_date_without_orphans() -> None:
    """Continuation lines are indented; the distance in time and § never start a line alone."""
    now = datetime(2026, 11, 26, 9, 50, tzinfo=SAO_PAULO)
    at_eight = datetime(2026, 11, 26, 20, 0, tzinfo=SAO_PAULO)
    events = [
        TimelineEvent(now, "Agendado agora", "today"),
        TimelineEvent(at_eight, "Gerado", "ok", rule=BACKUP_SLOT),
        TimelineEvent(at_eight, "Download disponível", "ok", rule=BACKUP_DOWNLOAD),
    ]
    lines = timeline_content(events, now, 32).plain.splitlines()[2:]
    assert all(len(line) <= 32 for line in lines), lines
    for line in lines:
        if not line.startswith(("◉", "●")):
            assert line.startswith("  ") and line.strip() not in ("§", "h §"), lines
    assert any("em 10 h §" in line for line in lines)  # 10 h 10 min, rounded down


async def test_help_descriptions_wrap_beside_their_keys(db_path: Path) -> None:
    """At 80 columns a long description continues under itself, not under the keys."""
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "ctrl+f" in line)
        key_column = lines[first].index("ctrl+f")
        description_column = lines[first].index("Buscar")
        continuation = lines[first + 1]  # the search key's sentence is long enough to wrap
        assert continuation[key_column:description_column].strip() == ""
        assert continuation[description_column:].strip()


async def test_empty_lote_shows_the_template_whole_and_no_keys_that_do_nothing(
    db_path: Path,
) -> None:
    """The example CSV line is not broken at 80 columns; ordering and filtering wait for data."""
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.action_lote()
        await pilot.pause()
        text = screen_text(app)
        assert "123456,Padaria Exemplo Ltda,11.222.333/0001-81,01/03/2026,01/03/2027,12,nao" in text
        footer = bottom_line(app)
        assert "i Importar" in footer and "Ordenar" not in footer and "Filtrar" not in footer
    seed_licenses(db_path, lote_license())
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.action_lote()
        await pilot.pause()
        footer = bottom_line(app)
        assert "o Ordenar" in footer and "f Filtrar" in footer


async def test_an_empty_lote_picker_is_a_short_note_with_only_esc(db_path: Path) -> None:
    """No licenses: no empty list box, and no enter or ↑↓ offered for a list that is not there."""
    from screens.widgets.license_picker import LicensePicker

    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LicensePicker)
        assert "Seu lote está vazio" in screen_text(app)
        assert not app.screen.query_one("#picker-list").display
        assert app.screen.query_one("Vertical").region.height < SMALL[1] // 2
        assert bottom_line(app).strip() == "esc Cancelar"


async def test_search_says_how_it_works_before_anything_is_typed(db_path: Path) -> None:
    """The status line is not blank on arrival, and comes back when the box is emptied."""
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.action_search()
        await pilot.pause()
        hint = "os resultados aparecem enquanto você digita"
        assert hint in screen_text(app)
        await pilot.press("x", "backspace")
        await pilot.pause()
        assert hint in screen_text(app)
