"""Pilot tests of keeping the lote by hand: n adds, e/enter edit, del removes, c writes the calendar,
i previews an import; and the home banner of near notice deadlines."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import icalendar
from _pilot import (
    ALNUM_CNPJ,
    NOW,
    SIZE,
    lote_license,
    make_app,
    paste,
    screen_text,
    seed_licenses,
    type_in,
)
from textual.pilot import Pilot
from textual.widgets import DataTable

from helpdesk.clock import to_sao_paulo
from helpdesk.preferences import Preferences
from screens.app import HelpdeskApp
from screens.dialogs import ChoiceDialog, ConfirmDialog, PathDialog
from screens.license_form import LicenseFormDialog
from screens.lote import LoteScreen
from screens.lote_import import ImportPreviewDialog
from screens.widgets.deadline_banner import DeadlineBanner
from store.database import Database


def stored(db_path: Path, support_id: str) -> tuple[Any, list[dict[str, Any]]]:
    """The stored license and its history."""
    with Database(db_path) as db:
        return db.licenses.get(support_id), db.licenses.history(support_id)


def field_error(app: HelpdeskApp, name: str) -> str:
    """The line under a field of the license form."""
    return str(app.screen.query_one(f"#field-{name} .field-message").render())


async def open_lote(pilot: Pilot[None]) -> None:
    """Go to Meu lote and let it load."""
    app = pilot.app
    assert isinstance(app, HelpdeskApp)
    app.action_lote()
    await pilot.pause()
    await pilot.pause()


async def test_n_adds_a_license_with_the_same_rules_as_every_form(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_lote(pilot)
        assert "Tecle n para incluir uma licença à mão" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LicenseFormDialog)
        await type_in(pilot, "support_id", "700800")
        await type_in(pilot, "client", "Mercado [b]Sol[/b]")
        await type_in(pilot, "cnpj", "11.222.333/0001-82")
        assert "dígitos verificadores" in field_error(app, "cnpj")
        await type_in(pilot, "cnpj", ALNUM_CNPJ)
        await type_in(pilot, "term_start", "31012026")
        await type_in(pilot, "cycle_months", "1")
        await type_in(pilot, "renews_on", "01/03/2026")
        assert "a renovação é em 28/02/2026" in field_error(app, "renews_on")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LicenseFormDialog)  # not saved while a field is wrong
        assert stored(db_path, "700800")[0] is None
        await type_in(pilot, "renews_on", "28/02/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        assert "Mercado [." in screen_text(app)  # literal, masked
    lic, history = stored(db_path, "700800")
    assert (lic.client, lic.cnpj, lic.cycle_months, lic.conta_pj) == (
        "Mercado [b]Sol[/b]",
        "12ABC34501DE35",
        1,
        False,
    )
    assert history == [
        {
            "at": to_sao_paulo(NOW).isoformat(),
            "event": "incluída no lote à mão",
            "protocol": None,
        }
    ]


async def test_a_new_license_cannot_reuse_an_id_of_the_lote(db_path: Path) -> None:
    seed_licenses(db_path, lote_license("1001"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_lote(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_in(pilot, "support_id", "1001")
        assert "já está no lote" in field_error(app, "support_id")
        await pilot.press("escape")  # something typed: asks before discarding
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)


async def test_e_edits_and_the_history_keeps_the_moment_and_the_fields(db_path: Path) -> None:
    seed_licenses(db_path, lote_license("1001"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_lote(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, LicenseFormDialog)
        assert app.screen.query_one("#input-support_id").disabled
        assert app.screen.typed()["cnpj"] == "11.222.333/0001-81"
        await type_in(pilot, "client", "Padaria Nova Ltda")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
        assert any("alterada: Cliente" in n.message for n in app._notifications)
    lic, history = stored(db_path, "1001")
    assert lic.client == "Padaria Nova Ltda"
    assert history[-1]["at"] == to_sao_paulo(NOW).isoformat()
    assert history[-1]["changes"] == {"client": ["Padaria São João Ltda", "Padaria Nova Ltda"]}


async def test_enter_offers_editing_before_the_requests(db_path: Path) -> None:
    seed_licenses(db_path, lote_license("1001"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_lote(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("home", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LicenseFormDialog)
        assert app.screen.typed()["client"] == "Padaria São João Ltda"


async def test_del_names_the_license_and_its_open_requests_before_removing(db_path: Path) -> None:
    seed_licenses(db_path, lote_license("1001"), lote_license("2002"))
    with Database(db_path) as db:
        protocol = db.requests.submit(
            "backup", {"support_id": "1001", "slot": "20:00"}, NOW
        ).protocol
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_lote(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "Remover a licença 1001 (Padaria S. J. L.) do lote?" in text
        assert f"1 pedido aberto: {protocol}" in text
        await pilot.press("enter")  # the safe answer is focused: keep it
        await pilot.pause()
        assert stored(db_path, "1001")[0] is not None
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
        assert app.screen.query_one(DataTable).row_count == 1
    assert stored(db_path, "1001")[0] is None
    with Database(db_path) as db:
        assert db.requests.get(protocol).support_id == "1001"  # the request stays


async def test_c_writes_the_calendar_file(db_path: Path, tmp_path: Path) -> None:
    seed_licenses(db_path, lote_license("1001"))
    target = tmp_path / "prazos.ics"
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_lote(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        await pilot.press("ctrl+u")
        await paste(pilot, str(target))
        await pilot.press("enter")
        await pilot.pause()
        assert any("eventos gravados" in n.message for n in app._notifications)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    days = {str(e["UID"]).split("-")[0]: e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    # Bought 20/11/2026: refund until 27/11/2026; renewal 20/11/2027, notice 21/10/2027.
    assert days == {
        "withdrawal": date(2026, 11, 27),
        "notice": date(2027, 10, 21),
        "renewal": date(2027, 11, 20),
    }
    assert "Padaria São João" not in target.read_text(encoding="utf-8")


async def test_an_import_that_would_undo_a_substitution_asks_first(
    db_path: Path, tmp_path: Path
) -> None:
    seed_licenses(db_path, lote_license("1001"))
    with Database(db_path) as db:
        db.requests.submit(
            "substitute",
            {
                "support_id": "1001",
                "new_client_name": "Confeitaria Nova",
                "new_client_cnpj": ALNUM_CNPJ,
            },
            NOW,
        )
        db.requests.mark("HD-2026-000001", "enviada", NOW)  # sent: the lote shows the new client
    source = tmp_path / "lote.csv"
    source.write_text(
        "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n"
        "1001,Padaria São João Ltda,11.222.333/0001-81,20/11/2026,20/11/2027,12,nao\n"
        "3003,Bar Novo,11.222.333/0001-81,20/11/2026,20/11/2027,12,nao\n",
        encoding="utf-8",
    )
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_lote(pilot)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await paste(pilot, str(source))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportPreviewDialog)
        text = screen_text(app)
        assert "1 nova, 1 alterada, 0 iguais" in text
        assert "1 licença com pedido aberto mudaria (1001)" in text
        assert app.screen.lines[0] == (  # masked as in the lists (LGPD)
            "⚠ 1001 (pedido aberto HD-2026-000001): Cliente Confeitaria N. → "
            "Padaria S. J. L.; CNPJ 12.•••.•••/01DE-35 → 11.•••.•••/0001-81"
        )
        await pilot.press("enter")  # "Não importar" is focused when requests are open
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
    assert stored(db_path, "1001")[0].client == "Confeitaria Nova"
    assert stored(db_path, "3003")[0] is None


async def test_home_banner_names_the_nearest_deadlines_and_opens_them(db_path: Path) -> None:
    seed_licenses(
        db_path,
        # Renewal 10/01/2027: ask by 11/12/2026 (15 days from 26/11/2026).
        lote_license("FAR2", term_start=date(2026, 1, 10), renews_on=date(2027, 1, 10)),
        # Renewal 01/01/2027: ask by 02/12/2026 (6 days).
        lote_license("NEAR", term_start=date(2026, 1, 1), renews_on=date(2027, 1, 1)),
        lote_license("1001"),  # refund period: not a notice deadline
    )
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        while not app.warmed_up.is_set():  # the lote is read once home is painted
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        banner = app.screen.query_one(DeadlineBanner)
        assert banner.display and app.focused is banner
        text = str(banner.render())
        assert "2 licenças com prazo para pedir o cancelamento nos próximos 30 dias" in text
        assert text.index("NEAR até 02/12/2026 (em 6 dias)") < text.index("FAR2 até 11/12/2026")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
        assert [row.license.support_id for row in app.screen.listed] == ["NEAR", "FAR2"]
        await pilot.press("t")
        await pilot.pause()
        assert len(app.screen.listed) == 3


async def test_the_banner_window_is_a_preference_and_nothing_shows_when_none_is_due(
    db_path: Path,
) -> None:
    seed_licenses(
        db_path, lote_license("FAR2", term_start=date(2026, 1, 10), renews_on=date(2027, 1, 10))
    )
    Preferences(db_path.parent).set_deadline_window(7)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one(DeadlineBanner).display
        assert "prazo para pedir o cancelamento" not in screen_text(app)
    assert Preferences(db_path.parent).deadline_window == 7


async def test_the_footer_offers_n_while_the_lote_is_empty_and_n_still_adds_after(
    db_path: Path,
) -> None:
    """The empty state says "Tecle n": the footer shows it; with rows it leaves room, n still works."""
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lote(pilot)
        assert "n Incluir" in screen_text(app).splitlines()[-1]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LicenseFormDialog)
        await pilot.press("escape")
        await pilot.pause()
    seed_licenses(db_path, lote_license("4004"))
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lote(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "n Incluir" not in footer and "Comandos" in footer
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LicenseFormDialog)


async def test_a_license_starting_after_today_is_refused_at_its_field(db_path: Path) -> None:
    """The app's day is 26/11/2026: a term starting on 27/11 waits; one starting today enters."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_lote(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_in(pilot, "support_id", "700900")
        await type_in(pilot, "client", "Mercado Lua")
        await type_in(pilot, "cnpj", ALNUM_CNPJ)
        await type_in(pilot, "term_start", "27/11/2026")
        await type_in(pilot, "renews_on", "27/11/2027")
        assert field_error(app, "term_start") == (
            "✖ o início da vigência (27/11/2026) não pode estar no futuro (hoje é 26/11/2026): "
            "inclua a licença no lote a partir desse dia."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LicenseFormDialog)
        assert stored(db_path, "700900")[0] is None
        await type_in(pilot, "term_start", "26/11/2026")
        await type_in(pilot, "renews_on", "26/11/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
    assert stored(db_path, "700900")[0].term_start == date(2026, 11, 26)
