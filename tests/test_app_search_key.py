"""Pilot tests of the search key: the footer offers only a key that works where it is shown."""

from __future__ import annotations

from pathlib import Path

from _pilot import lote_license, make_app, screen_text, seed_licenses, seed_requests, type_in
from textual.widgets import Input, OptionList

from screens.dialogs import ConfirmDialog
from screens.help import HelpScreen
from screens.search import SearchScreen

SMALL = (80, 24)


def bottom_line(app: object) -> str:
    """The last line of the terminal: the footer."""
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


async def test_form_footer_offers_ctrl_f_which_works_inside_a_field(db_path: Path) -> None:
    """In a field / types a slash, so the footer offers ctrl+f, which searches from there."""
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("substitute")
        await pilot.pause()
        footer = bottom_line(app)
        assert "^f Buscar" in footer and "/ Buscar" not in footer
        await type_in(pilot, "new_client_name", "Ana / Bia")
        assert app.screen.query_one("#input-new_client_name", Input).value == "Ana / Bia"
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # something was typed: asks first
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_lists_with_a_text_filter_offer_ctrl_f_home_keeps_slash(db_path: Path) -> None:
    """Meu lote and Minhas solicitações have a filter box: ctrl+f; home has none: /."""
    seed_requests(db_path)
    seed_licenses(db_path, lote_license("3003"))
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "/ Buscar" in bottom_line(app)
        for open_screen, filter_id in (
            (app.action_lote, "#lote-text"),
            (app.action_requests, "#requests-text"),
        ):
            open_screen()
            await pilot.pause()
            app.screen.query_one(filter_id, Input).focus()
            await pilot.pause()
            footer = bottom_line(app)
            assert "^f Buscar" in footer and "/ Buscar" not in footer, footer
            await pilot.press("/")
            assert app.screen.query_one(filter_id, Input).value == "/"
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen)


async def test_search_screen_does_not_offer_itself(db_path: Path) -> None:
    """On the search screen / is not in the footer; from the results it returns to the box."""
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.action_search()
        await pilot.pause()
        assert "Buscar" not in bottom_line(app)
        await pilot.press(*"estorno")
        await pilot.pause(0.5)
        await pilot.press("down")
        await pilot.pause()
        assert isinstance(app.focused, OptionList)
        await pilot.press("/")
        await pilot.pause()
        box = app.screen.query_one("#search-input", Input)
        assert app.focused is box and box.value == "estorno"


async def test_help_says_where_each_search_key_works(db_path: Path) -> None:
    """F1 on a form: ctrl+f works inside a field too; / only outside text boxes."""
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "ctrl+f" in text and "funciona também dentro de um campo" in text
        slash = next(line for line in text.splitlines() if " / " in line and "Buscar" in line)
        assert "fora dos campos de texto" in slash


async def test_words_typed_right_behind_the_slash_land_in_the_search_box(db_path: Path) -> None:
    """``/`` and a word in one burst (typed fast, or pasted): the whole word is in the box."""
    from textual import events

    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        # Posted all at once, as a terminal delivers a burst: no pause between the keys.
        for key in ["slash", *"estorno"]:
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        box = app.screen.query_one("#search-input", Input)
        assert box.value == "estorno"
        assert app.focused is box
