"""Pilot tests: search starts afresh, a title opens its article at the top, back returns to the
line the reader left, and the contents land on the heading at 80 columns."""

from __future__ import annotations

from pathlib import Path

from _pilot import make_app, wait_for_results
from textual.widgets import Input, OptionList

from screens.article import ArticleBody, ArticleScreen
from screens.widgets.article_text import ArticleHeading


async def test_a_new_search_starts_empty_and_up_recalls_the_last(db_path: Path) -> None:
    """/ after esc shows an empty box: typing does not glue onto the previous query."""
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"retencao dados")
        await wait_for_results(pilot, app, "retencao dados")
        await pilot.press("escape", "slash")
        await pilot.pause()
        box = app.screen.query_one("#search-input", Input)
        assert box.value == "" and box.has_focus
        await pilot.press(*"cancelar renovacao prazo")
        await wait_for_results(pilot, app, "cancelar renovacao prazo")
        assert box.value == "cancelar renovacao prazo"
        await pilot.press("up")
        assert box.value == "retencao dados" and box.cursor_position == len(box.value)
        await pilot.press("up")  # and ↑ again swaps back
        assert box.value == "cancelar renovacao prazo"


async def test_back_to_a_search_keeps_its_query(db_path: Path) -> None:
    """Opening a result and going back shows the query that found it."""
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"backup")
        await wait_for_results(pilot, app, "backup")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#search-input", Input).value == "backup"


async def test_a_query_naming_the_title_opens_the_article_at_its_top(db_path: Path) -> None:
    """Palette "estorno" opens the refund article where the 7-day rule is stated."""
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"estorno")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id == "estorno"
        assert app.screen.query_one(ArticleBody).scroll_y == 0
        assert app.history.current is not None and app.history.current.anchor == ""


async def test_a_query_beyond_the_title_still_opens_at_the_section(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"cancelar renovacao prazo")
        await wait_for_results(pilot, app, "cancelar renovacao prazo")
        await pilot.press("enter")
        await pilot.pause()
        assert app.history.current is not None and app.history.current.anchor != ""
        assert app.screen.query_one(ArticleBody).scroll_y > 0


async def test_back_after_a_link_returns_to_where_the_reader_was(db_path: Path) -> None:
    """Opened at a section, scrolled on, a link followed: back shows the line left, not the
    section first opened."""
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_article("estorno", "como-pedir-o-estorno")
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        opened_at = body.scroll_y
        assert opened_at > 0
        body.links.refresh(body)
        # tab past the links above the section to one further down, as a reader moving on would
        while not (
            body.scroll_y > opened_at
            and body.links.current is not None
            and body.links.current.href.startswith("article:")
        ):
            await pilot.press("tab")
        left_at = body.scroll_y
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id != "estorno"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(ArticleBody) is body
        assert body.scroll_y == left_at != opened_at


async def test_back_returns_to_the_line_even_after_the_screen_was_let_go(db_path: Path) -> None:
    """The line is kept in the history, not only in the kept screen."""
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_article("backup")
        await pilot.pause()
        await pilot.press(*["j"] * 9)
        await pilot.pause()
        left_at = app.screen.query_one(ArticleBody).scroll_y
        app.open_article("estorno")
        await pilot.pause()
        app.uninstall_screen("article:backup")
        app._article_screens.remove("article:backup")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(ArticleBody).scroll_y == left_at


async def test_contents_at_80_columns_land_on_the_heading(db_path: Path) -> None:
    """t, pick a heading: once the folded sidebar is gone the heading is the top line."""
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_article("retencao-de-dados")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        toc = app.screen.query_one(".toc", OptionList)
        assert toc.has_focus
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and not screen.has_class("-show-sidebar")
        body = screen.query_one(ArticleBody)
        anchor = app.history.current.anchor if app.history.current else ""
        index = [h.anchor for h in screen.article.headings].index(anchor)
        heading = list(body.query(ArticleHeading))[index]
        assert 0 <= heading.virtual_region.y - body.scroll_y <= 1  # its top margin may show
