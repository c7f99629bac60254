"""Pilot tests of the forms as a person uses them: journeys, the guard, the lote, the links."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pilot import (
    ALNUM_CNPJ,
    SIZE,
    choose,
    field_invalid,
    field_message,
    lote_license,
    make_app,
    panel_text,
    screen_text,
    seed_licenses,
    type_in,
)
from textual.widget import Widget
from textual.widgets import DataTable

from screens.app import HelpdeskApp
from screens.confirmation import ConfirmationScreen
from screens.dialogs import ConfirmDialog
from screens.forms import FormScreen
from screens.home import HomeScreen
from screens.requests import RequestsScreen
from store.database import Database


async def test_journey_from_article_to_a_followed_request(db_path: Path) -> None:
    """Article → form → bad date → fix → outcome follows the dates → submit → follow → reopen."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_article("cancelar-renovacao")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "cancel"

        await type_in(pilot, "support_id", "ID-77")
        await type_in(pilot, "term_start", "01/13/2026")
        assert field_invalid(app, "term_start")
        assert "não existe no calendário" in field_message(app, "term_start")

        await type_in(pilot, "term_start", "01/03/2026")
        assert not field_invalid(app, "term_start")
        await type_in(pilot, "renews_on", "01/03/2027")
        await choose(pilot, "conta_pj", "N")
        assert "não será cobrada" in panel_text(app)
        assert "29/01/2027" in panel_text(app)  # notice deadline: 30/01 is a Saturday

        await type_in(pilot, "renews_on", "15/12/2026")
        assert "a renovação é em 01/03/2027" in field_message(app, "renews_on")
        await type_in(pilot, "term_start", "15/12/2025")
        assert "De 15/12/2026 até 22/12/2026, você pode pedir o estorno" in panel_text(app)
        assert "o cancelamento vale no fim do novo ciclo, em 15/12/2027" in panel_text(app)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        protocol = app.screen.request.protocol
        assert protocol == "HD-2026-000001"
        assert protocol in screen_text(app)

        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, RequestsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert str(table.get_cell(protocol, "status")) == "registrada"

        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("m")  # marked sent, the key "Já enviei" has on the confirmation
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert str(table.get_cell(protocol, "status")) == "enviada ao suporte"

    reopened = make_app(db_path)
    async with reopened.run_test(size=SIZE) as pilot:
        reopened.action_requests()
        await pilot.pause()
        table = reopened.screen.query_one(DataTable)
        assert str(table.get_cell(protocol, "status")) == "enviada ao suporte"
        assert "ID-77" in screen_text(reopened)
    with Database(db_path) as db:
        saved = db.requests.get(protocol)
    assert [change.status for change in saved.history] == ["registrada", "enviada"]
    assert saved.fields["renews_on"] == "15/12/2026"


async def test_journey_bad_cnpj_is_shown_at_the_field_then_fixed(db_path: Path) -> None:
    """Substitution: a wrong check digit is refused at the field; an alphanumeric CNPJ is fine."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_article("substituir-cliente")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "substitute"

        await type_in(pilot, "support_id", "1001")
        await type_in(pilot, "new_client_name", "Mercado [b]Novo[/b] <i>")
        await type_in(pilot, "new_client_cnpj", "11.222.333/0001-82")
        assert field_invalid(app, "new_client_cnpj")
        assert "dígitos verificadores" in field_message(app, "new_client_cnpj")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # nothing sent with a bad field

        await type_in(pilot, "new_client_cnpj", ALNUM_CNPJ.lower())
        assert not field_invalid(app, "new_client_cnpj")
        assert "Mercado [b]Novo[/b] <i> (CNPJ 12.ABC.345/01DE-35)" in panel_text(app)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert "Nome do novo cliente: Mercado [b]Novo[/b] <i>" in screen_text(app)
    with Database(db_path) as db:
        [saved] = db.requests.list()
    assert saved.kind == "substitute"


async def test_leaving_a_filled_form_asks_first(db_path: Path) -> None:
    """esc, history back and home all ask before discarding; staying keeps what was typed."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_in(pilot, "support_id", "555")

        for keys in (("escape",), ("alt+left",), ("ctrl+g",)):
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("enter")  # the focused answer is the safe one
            await pilot.pause()
            assert isinstance(app.screen, FormScreen)
            assert app.screen.raw()["support_id"] == "555"

        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#dialog-yes")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_an_untouched_form_leaves_without_asking(db_path: Path) -> None:
    """A form opened and left as it came does not ask (even pre-filled by a link)."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel", {"support_id": "9"})
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_form_opens_with_the_cursor_in_its_first_empty_field(db_path: Path) -> None:
    """Keys typed right after opening go to the first field still empty, inside a lit frame."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.press(*"ID-5")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.raw()["support_id"] == "ID-5"
        assert app.screen.query_one("#form-fields").has_class("-focus-inside")

    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel", {"support_id": "9"})
        await pilot.pause()
        await pilot.press(*"01032026")
        await pilot.pause()
        raw = app.screen.raw()  # type: ignore[attr-defined]
        assert raw["support_id"] == "9" and raw["term_start"] == "01/03/2026"


async def test_typing_a_prefilled_value_back_updates_the_outcome_again(db_path: Path) -> None:
    """Clearing a pre-filled date and typing it back shows the outcome it gave at first."""
    app = make_app(db_path)
    params = {"support_id": "9", "term_start": "2026-03-01", "conta_pj": "nao"}
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel", {**params, "renews_on": "2027-03-01"})
        await pilot.pause()
        first = panel_text(app)
        assert "29/01/2027" in first  # the notice deadline of that renewal
        await type_in(pilot, "renews_on", "")
        assert "29/01/2027" not in panel_text(app)
        await type_in(pilot, "renews_on", "01/03/2027")
        assert panel_text(app) == first


async def _form_as_drawn(db_path: Path) -> list[tuple[object, ...]]:
    """Every widget of the cancellation form opened once the app is prepared: styles and size."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        while not app.warmed_up.is_set():
            await pilot.pause()
        app.open_form("cancel")
        await pilot.pause()
        return [
            (type(node).__name__, node.id, sorted(node.classes), node.region, node.styles.css)
            for node in app.screen.walk_children(Widget, with_self=True)
        ]


async def test_a_form_looks_the_same_with_its_css_parsed_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forms' CSS parsed while home waits changes nothing the form shows."""
    prepared = await _form_as_drawn(tmp_path / "a" / "helpdesk.json")
    monkeypatch.setattr(HelpdeskApp, "_prepare_form_styles", lambda self: None)
    as_textual_loads_it = await _form_as_drawn(tmp_path / "b" / "helpdesk.json")
    assert len(prepared) > 40
    assert prepared == as_textual_loads_it


async def test_link_parameters_prefill_and_are_normalised(db_path: Path) -> None:
    """``form:cancel?term_start=2026-03-01`` shows the date as DD/MM/AAAA and computes at once."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(
            "cancel",
            {"term_start": "2026-03-01", "renews_on": "2027-03-01", "conta_pj": "sim"},
        )
        await pilot.pause()
        raw = app.screen.raw()  # type: ignore[attr-defined]
        assert raw["term_start"] == "01/03/2026" and raw["conta_pj"] == "sim"
        assert "não será cobrada" in panel_text(app)
        assert "Conta PJ ativa" in panel_text(app)


async def test_license_picked_from_the_lote_fills_the_form(db_path: Path) -> None:
    """ctrl+l, type part of the client's name, enter: the license's fields are filled."""
    seed_licenses(db_path, lote_license("1001"), lote_license("2002", client="Oficina Dois"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("refund")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press(*"joao")
        await pilot.press("enter")
        await pilot.pause()
        raw = app.screen.raw()  # type: ignore[attr-defined]
        assert raw["support_id"] == "1001"
        assert raw["term_start"] == "20/11/2026" and raw["renews_on"] == "20/11/2027"
        assert raw["conta_pj"] == "nao"
        assert "Estorno possível" in panel_text(app)


async def test_typing_a_known_id_fills_the_empty_fields(db_path: Path) -> None:
    """An ID Suporte found in the lote fills what is still empty, never what was typed."""
    seed_licenses(db_path, lote_license("1001", email="dono@cliente.com.br"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("transfer")
        await pilot.pause()
        await type_in(pilot, "client_email", "outro@cliente.com.br")
        await type_in(pilot, "support_id", "1001")
        raw = app.screen.raw()  # type: ignore[attr-defined]
        assert raw["term_start"] == "20/11/2026"
        assert raw["client_email"] == "outro@cliente.com.br"


async def test_a_rule_link_opens_its_article_and_back_restores_the_draft(db_path: Path) -> None:
    """Reading a rule keeps what was typed: back returns to the form as it was."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("backup")
        await pilot.pause()
        await type_in(pilot, "support_id", "777")
        await choose(pilot, "slot", "20:00")
        rules = app.screen.query_one("#outcome-rules")
        rules.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ArticleScreen"
        assert app.history.current is not None and app.history.current.target == "backup"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.raw()["support_id"] == "777"
        assert app.screen.raw()["slot"] == "20:00"
        await pilot.press("escape")  # the restored draft still asks before it is dropped
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)


async def test_duplicate_request_needs_an_explicit_confirmation(db_path: Path) -> None:
    """A second open request of the same kind for the license asks; "no" saves nothing."""
    params = {
        "support_id": "1001",
        "term_start": "01/03/2026",
        "renews_on": "01/03/2027",
        "conta_pj": "nao",
    }
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):
            app.open_form("cancel", params)
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "HD-2026-000001" in screen_text(app)
        await pilot.press("enter")  # "Não registrar"
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#dialog-yes")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert app.screen.request.protocol == "HD-2026-000002"
    with Database(db_path) as db:
        assert len(db.requests.list()) == 2


async def test_a_store_failure_keeps_the_form_and_says_why(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the data file is busy, nothing is lost: the form stays filled, the person is told."""
    from store.errors import LockTimeout

    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("backup", {"support_id": "1", "slot": "20:00"})
        await pilot.pause()

        def busy(*args: object, **kwargs: object) -> None:
            raise LockTimeout(db_path)

        monkeypatch.setattr(app.database.requests, "submit", busy)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.raw()["slot"] == "20:00"
        messages = [n.message for n in app._notifications]
        assert any("ocupado por outro processo" in m and "Nada foi perdido" in m for m in messages)


async def test_a_date_that_does_not_exist_is_reported_as_invalid(db_path: Path) -> None:
    """31/02/2026 in the cancel form: the panel says the date does not exist, not that the
    start is still to be filled in."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel", {})
        await pilot.pause()
        await type_in(pilot, "support_id", "C-31")
        await type_in(pilot, "term_start", "31/02/2026")
        await type_in(pilot, "renews_on", "28/02/2027")
        text = " ".join(panel_text(app).split())
        assert "Início da vigência: a data 31/02/2026 não existe no calendário." in text
        assert "Falta preencher: Início da vigência" not in text
        assert "Confira os dados" in text
