"""Pilot tests of form fields as a new partner fills them: enter on a choice moves on, a decimal
cycle is refused, and "Falta preencher" names every required field still empty."""

from __future__ import annotations

from pathlib import Path

from _pilot import SIZE, field_invalid, field_message, make_app, panel_text, type_in
from textual import events
from textual.widgets import Input, Select

from screens.forms import FormScreen


async def test_enter_on_a_choice_moves_to_the_next_field_keeping_what_is_typed(
    db_path: Path,
) -> None:
    """Transfer: "Seu escritório paga?" is a choice; enter there goes on, and the typing after
    lands in the next field (Início da vigência)."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("transfer", {"support_id": "1001"})
        await pilot.pause()
        select = app.screen.query_one("#input-partner_pays", Select)
        select.focus()
        await pilot.pause()
        await pilot.press("enter", *"01032026")
        await pilot.pause()
        assert not select.expanded
        start = app.screen.query_one("#input-term_start", Input)
        assert start.has_focus and start.value == "01/03/2026"
        select.focus()
        await pilot.press("space")  # space still opens the list
        await pilot.pause()
        assert select.expanded


async def test_enter_on_the_last_choice_goes_on_to_the_next_control(db_path: Path) -> None:
    """Cancel: Conta PJ is a choice followed by the optional reason."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel", {"support_id": "1001"})
        await pilot.pause()
        app.screen.query_one("#input-conta_pj", Select).focus()
        await pilot.pause()
        await pilot.press("enter", *"mudou de sistema")
        await pilot.pause()
        reason = app.screen.query_one("#input-reason", Input)
        assert reason.has_focus and reason.value == "mudou de sistema"


async def test_a_decimal_cycle_is_refused_with_a_message(db_path: Path) -> None:
    """ "1,5" stays as typed (it does not silently become 15) and the field says why."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel", {})
        await pilot.pause()
        await type_in(pilot, "cycle_months", "1,5")
        assert app.screen.query_one("#input-cycle_months", Input).value == "1,5"
        assert field_invalid(app, "cycle_months")
        assert "número inteiro" in field_message(app, "cycle_months")
        await type_in(pilot, "cycle_months", "2.5")
        assert field_invalid(app, "cycle_months")
        await type_in(pilot, "cycle_months", "12")
        assert not field_invalid(app, "cycle_months")


async def test_falta_preencher_names_every_required_field_missing(db_path: Path) -> None:
    """An empty cancel form lists ID Suporte, both dates and the Conta PJ question; typing one
    drops it from the list."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel", {})
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        text = panel_text(app)
        pj = "Cliente tem Conta PJ ativa?"
        assert f"Falta preencher: ID Suporte, Início da vigência, Renovação, {pj}\n" in text
        await type_in(pilot, "support_id", "1001")
        assert f"Falta preencher: Início da vigência, Renovação, {pj}\n" in panel_text(app)


async def test_falta_preencher_names_the_id_when_only_it_is_missing(db_path: Path) -> None:
    """Backup: the ID is named beside the slot the rules wait for."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("backup", {})
        await pilot.pause()
        text = panel_text(app)
        assert "Falta preencher: ID Suporte, Horário da geração." in text


async def test_a_preview_still_names_the_missing_id(db_path: Path) -> None:
    """Backup with a slot but no ID: the panel answers and still says the ID is missing."""
    from _pilot import choose

    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("backup", {})
        await pilot.pause()
        await choose(pilot, "slot", "21")
        text = panel_text(app)
        assert "Prévia" in text and "Falta preencher: ID Suporte." in text
        await type_in(pilot, "support_id", "1001")
        assert "Falta preencher" not in panel_text(app)


async def test_keys_typed_right_after_enter_land_in_the_next_field(db_path: Path) -> None:
    """Typed faster than the app draws (or pasted), each value still lands in its own field."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel", {})
        await pilot.pause()
        app.screen.query_one("#input-support_id", Input).focus()
        await pilot.pause()
        # Posted all at once, as a terminal delivers a burst: no pause between the keys.
        for key in [*"200001", "enter", *"01012026", "enter", *"01012027"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        values = {
            name: app.screen.query_one(f"#input-{name}", Input).value
            for name in ("support_id", "term_start", "renews_on")
        }
        assert values == {
            "support_id": "200001",
            "term_start": "01/01/2026",
            "renews_on": "01/01/2027",
        }


async def test_keys_typed_right_behind_the_form_key_land_in_its_first_field(
    db_path: Path,
) -> None:
    """``1`` on the home screen and an ID Suporte in one burst: the ID is in the form's first field."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Posted all at once, as a terminal delivers a burst: no pause between the keys.
        for key in "1200001":
            app.post_message(events.Key(key, key))
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "FormScreen"
        assert app.screen.query_one("#input-support_id", Input).value == "200001"
