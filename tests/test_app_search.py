"""Pilot tests of the search screen and of search in the command palette."""

from __future__ import annotations

from pathlib import Path

from _pilot import make_app, screen_text, wait_for_results
from textual.widgets import Input, OptionList

from screens.search import SearchScreen
from store.database import Database


async def test_typing_updates_results_and_enter_opens_the_heading(db_path: Path) -> None:
    """'/' opens search; results follow each word typed; enter opens the best one at its heading."""
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).has_focus
        await pilot.press(*"bakcup")
        screen = await wait_for_results(pilot, app, "bakcup")
        first_titles = [r.title for r in screen.results]
        assert first_titles and "backup" in first_titles[0].lower()
        await pilot.press(*" horario de baixar")
        screen = await wait_for_results(pilot, app, "bakcup horario de baixar")
        top = screen.results[0]
        assert (top.kind, top.id) == ("article", "backup")
        assert top.anchor and top.highlights
        assert "resultado" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ArticleScreen"
        assert app.history.current is not None
        assert (app.history.current.target, app.history.current.anchor) == ("backup", top.anchor)
        await pilot.press("alt+left")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == "bakcup horario de baixar"


async def test_status_line_says_which_words_were_read_as_others(db_path: Path) -> None:
    """A misspelled word: the status line names the word searched instead, as the CLI does."""
    app = make_app(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"bakcup")
        await wait_for_results(pilot, app, "bakcup")
        assert "buscando também por: bakcup → backup" in screen_text(app)
        await pilot.press("ctrl+u")
        await pilot.press(*"backup")
        await wait_for_results(pilot, app, "backup")
        assert "resultado" in screen_text(app)
        assert "buscando também por" not in screen_text(app)


async def test_arrow_down_then_enter_opens_a_form(db_path: Path) -> None:
    """The results can be walked with the arrows; a form result opens the form."""
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"agendar backup")
        screen = await wait_for_results(pilot, app, "agendar backup")
        assert (screen.results[0].kind, screen.results[0].id) == ("action", "backup")
        await pilot.press("down")
        assert screen.query_one("#search-results", OptionList).has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "FormScreen"


async def test_no_results_offers_words_forms_and_channels_and_is_remembered(
    db_path: Path,
) -> None:
    """Nothing found: a kind message, close words, the forms, the channels; enter counts it."""
    app = make_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"arependimntoo")
        await wait_for_results(pilot, app, "arependimntoo")
        text = screen_text(app)
        assert "Não encontramos nada para “arependimntoo”" in text
        assert "arrependimento" in text
        assert "Pedir estorno" in text and "WhatsApp" in text
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert [m.query for m in Database(db_path).misses.list()] == ["arependimntoo"]


async def test_typed_markup_is_shown_literally(db_path: Path) -> None:
    """Square brackets typed by the person are text, not styling."""
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"[bold]zzz[/bold]")
        await wait_for_results(pilot, app, "[bold]zzz[/bold]")
        assert "“[bold]zzz[/bold]”" in screen_text(app)


async def test_palette_ranks_with_the_search_engine(db_path: Path) -> None:
    """The command palette understands everyday words too: 'dinheiro de volta' → estorno."""
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"dinheiro de volta")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        current = app.history.current
        assert current is not None and current.target in {"estorno", "refund"}
