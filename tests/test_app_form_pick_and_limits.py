"""A form after ctrl+l puts the cursor where typing goes on; an ID Suporte outside the lote gets
a gentle note (not an error); text past a field's limit is never dropped without a word."""

from __future__ import annotations

from pathlib import Path

from _pilot import (
    SIZE,
    field_invalid,
    field_message,
    lote_license,
    make_app,
    paste,
    screen_text,
    seed_licenses,
    type_in,
)
from textual.pilot import Pilot
from textual.widgets import Input

from screens.app import HelpdeskApp
from screens.forms import FormScreen
from screens.widgets.field_row import INPUT_LIMITS
from screens.widgets.license_picker import LicensePicker
from store.database import Database

TYPED = "[bold red]Empresa Nova[/] <script>"
"""What a person might type as the new client's name: shown and kept literally."""


def value(app: HelpdeskApp, name: str) -> str:
    """What the field ``name`` of the form on screen holds."""
    return app.screen.query_one(f"#input-{name}", Input).value


async def open_form(pilot: Pilot[None], key: str) -> FormScreen:
    """From home, the digit key of a form."""
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


async def test_after_a_pick_typing_goes_to_the_first_empty_field(db_path: Path) -> None:
    """3 (substituição), ctrl+l, type the ID, enter: the cursor leaves the ID Suporte for the new
    client's name, so the name typed next lands there, literally."""
    seed_licenses(db_path, lote_license("100274"), lote_license("200100", client="Outra SA"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "3")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LicensePicker)
        await pilot.press(*"100274", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert value(app, "support_id") == "100274"
        assert value(app, "client_name") == "Padaria São João Ltda"
        focused = app.focused
        assert isinstance(focused, Input) and focused.id == "input-new_client_name"
        await pilot.press(*TYPED)
        await pilot.pause()
        assert value(app, "support_id") == "100274"
        assert value(app, "new_client_name") == TYPED
        assert TYPED in screen_text(app)
        assert "Não está no seu lote" not in field_message(app, "support_id")


async def test_a_pick_that_fills_everything_moves_on_to_send(db_path: Path) -> None:
    """Backup (every field but the slot comes from the lote): the cursor goes to the slot."""
    seed_licenses(db_path, lote_license("100274"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "5")
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert app.focused is not None
        assert app.focused.id in {"input-slot", "form-send"}
        assert app.focused.id != "input-support_id"


async def test_an_id_outside_the_lote_gets_a_note_not_an_error(db_path: Path) -> None:
    """Typed by hand and not in the lote: a note at the field, no error; the request can still
    be sent; an ID of the lote (or none typed) shows the field's own help."""
    seed_licenses(db_path, lote_license("100274"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "3")
        help_text = field_message(app, "support_id")
        await type_in(pilot, "support_id", "999[b]1[/b]")
        note = field_message(app, "support_id")
        assert note.startswith("Não está no seu lote: o pedido pode ser feito")
        assert not field_invalid(app, "support_id")
        assert value(app, "support_id") == "999[b]1[/b]"  # kept literally
        assert "999[b]1[/b]" in screen_text(app)
        await type_in(pilot, "client_name", "Padaria Velha Ltda")
        await type_in(pilot, "new_client_name", "Empresa Nova Ltda")
        await type_in(pilot, "new_client_cnpj", "11.222.333/0001-81")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form  # sent: the confirmation replaced the form
    with Database(db_path) as db:
        assert [r.support_id for r in db.requests.list()] == ["999[b]1[/b]"]

    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "3")
        await type_in(pilot, "support_id", "100274")
        assert field_message(app, "support_id") == help_text
        await type_in(pilot, "support_id", "")
        assert "Não está no seu lote" not in field_message(app, "support_id")


async def test_the_note_of_a_dated_form_speaks_of_the_dates(db_path: Path) -> None:
    """Cancelar (dates typed by hand): the note says the app does not check them."""
    seed_licenses(db_path, lote_license("100274"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "1")
        await type_in(pilot, "support_id", "55")
        assert "as datas que você digitar, sem conferi-las" in field_message(app, "support_id")


async def test_no_note_without_a_lote(db_path: Path) -> None:
    """A partner who keeps no lote is not told on every ID that it is not in it."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "3")
        await type_in(pilot, "support_id", "100274")
        assert "Não está no seu lote" not in field_message(app, "support_id")


async def test_a_long_pasted_reason_is_cut_and_the_field_says_so(db_path: Path) -> None:
    """Pasting 300 characters into Motivo keeps the first 200 and says the rest was cut (the
    CSV import's wording); shorter again, the field's help returns; typing up to the limit shows
    the count; a key past it says it was cut."""
    limit = INPUT_LIMITS["text"]
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "1")
        reason = app.screen.query_one("#input-reason", Input)
        reason.focus()
        await pilot.pause()
        pasted = "".join(f"{i % 10}" for i in range(300))
        await paste(pilot, pasted)
        await pilot.pause()
        assert reason.value == pasted[:limit]
        said = field_message(app, "reason")
        assert said == f"✖ use no máximo {limit} caracteres; o resto foi cortado"
        assert app.screen.query_one("#field-reason").has_class("-cut")
        assert not field_invalid(app, "reason")

        await pilot.press("backspace")
        await pilot.pause()
        assert "caracteres" not in field_message(app, "reason")
        await pilot.press("x")
        await pilot.pause()
        assert field_message(app, "reason") == f"{limit}/{limit}: use no máximo {limit} caracteres"
        await pilot.press("y")
        await pilot.pause()
        assert reason.value == pasted[: limit - 1] + "x"
        assert "o resto foi cortado" in field_message(app, "reason")
        assert "o resto foi cortado" in screen_text(app)


async def test_a_paste_that_fits_is_taken_whole(db_path: Path) -> None:
    """Within the limit nothing is said about the length."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "1")
        reason = app.screen.query_one("#input-reason", Input)
        reason.focus()
        await pilot.pause()
        await paste(pilot, "O cliente fechou a empresa.")
        assert reason.value == "O cliente fechou a empresa."
        assert "caracteres" not in field_message(app, "reason")


async def test_a_date_pasted_with_more_after_it_keeps_the_date_and_says_so(
    db_path: Path,
) -> None:
    """A date field takes 10 characters: what fits is kept and the field says the rest was cut;
    a full date typed by hand says nothing about its length."""
    limit = INPUT_LIMITS["date"]
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "1")
        await type_in(pilot, "renews_on", "01/03/2027")
        assert "caracteres" not in field_message(app, "renews_on")
        field = app.screen.query_one("#input-term_start", Input)
        field.focus()
        await pilot.pause()
        await paste(pilot, "01/03/2026 até 01/03/2027")
        assert field.value == "01/03/2026"
        assert field_message(app, "term_start") == (
            f"✖ use no máximo {limit} caracteres; o resto foi cortado"
        )
