"""Pilot tests at 80×24: nothing a person needs is cut off or hidden without a way to see it."""

from __future__ import annotations

import re
from pathlib import Path

from _pilot import make_app, screen_text, seed_requests
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.article import ArticleBody
from screens.help import HelpScreen
from screens.widgets.article_text import TableText
from screens.widgets.paged_table import PagedTable

SMALL = (80, 24)


async def test_the_retention_table_keeps_whole_dates_beside_the_open_contents(
    db_path: Path,
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_article("retencao-de-dados", "quando-a-contagem-começa")
        await pilot.pause()
        await pilot.press("t")  # the contents fold out beside the text
        await pilot.pause()
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        body.scroll_to_widget(body.query_one(TableText), top=True, animate=False)
        await pilot.pause()
        text = screen_text(app)
        assert "Nesta página" in text
        assert "05/03/2027" in text and "03/06/2027" in text
        assert not re.search(r"\d\d/\d\d/\d{0,3}…", text), text


async def test_requests_hidden_columns_are_shown_for_the_highlighted_row(db_path: Path) -> None:
    protocols = seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.action_requests()
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one(PagedTable)
        assert "created" not in table.shown_keys  # the width leaves the dates out…
        more = str(app.screen.query_one("#requests-more", Static).content)
        assert "Criado em: " in more and "Data-chave: " in more  # …and says them below
        await pilot.press("down")
        await pilot.pause()
        moved = str(app.screen.query_one("#requests-more", Static).content)
        assert moved != more and protocols  # it follows the cursor
    wide = make_app(db_path)
    async with wide.run_test(size=(160, 36)) as pilot:
        wide.action_requests()
        await pilot.pause()
        await pilot.pause()
        assert not wide.screen.query_one("#requests-more", Static).display


async def test_home_titles_keep_their_indent_and_recent_titles_are_whole(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        for article in ("estorno", "retencao-de-dados", "transferir-titularidade"):
            app.open_article(article)
            await pilot.pause()
        app.open_article("cancelar-renovacao")
        await pilot.pause()
        app.action_home()
        await pilot.pause()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        wrapped = next(i for i, line in enumerate(lines) if "Como pedir o cancelamento da" in line)
        left = lines[wrapped].index("Como pedir")
        assert lines[wrapped + 1][left:].startswith("renovação de uma licença")  # same indent
        start = next(i for i, line in enumerate(lines) if "Vistos recentemente" in line)
        recent = " ".join(line.split("│")[-2] for line in lines[start + 1 : start + 4])
        assert "Como pedir o cancelamento da renovação de uma licença" in " ".join(recent.split())
        key_line = next(i for i, line in enumerate(lines) if "1 Cancelar renovação de" in line)
        assert lines[key_line + 1].split("│")[-2].startswith("   licença")


async def test_help_shows_that_it_scrolls(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-box", VerticalScroll)
        assert box.max_scroll_y > 0 and box.show_vertical_scrollbar
        assert "↑↓ rolam" in screen_text(app)
        await pilot.press("down", "down")
        await pilot.pause()
        assert box.scroll_y > 0
