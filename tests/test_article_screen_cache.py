"""Kept article screens: reading many articles keeps only the last few in memory."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from _pilot import make_app, screen_text
from textual.widgets import OptionList

import screens.app
from screens.article import ArticleScreen
from screens.home import HomeScreen

CAP = 2
"""A small cap, so that a handful of articles already evicts several screens."""


async def test_screens_of_articles_read_long_ago_are_freed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.app, "ARTICLE_SCREENS", CAP)
    app = make_app(db_path)
    opened: list[weakref.ref[ArticleScreen]] = []
    async with app.run_test(size=(120, 36)) as pilot:
        article_ids = list(app.catalog.articles)
        assert len(article_ids) >= CAP + 3
        for article_id in article_ids:
            assert isinstance(app.screen, HomeScreen)
            articles = app.screen.query_one("#articles", OptionList)
            articles.focus()
            target = articles.get_option_index(f"article:{article_id}")
            await pilot.press("home")
            while articles.highlighted != target:
                await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen) and screen.article_id == article_id
            opened.append(weakref.ref(screen))
            del screen
            await pilot.press("ctrl+g")
            await pilot.pause()
        for _ in range(3):  # evicted screens close over a few turns of the event loop
            await pilot.pause()
        gc.collect()
        alive = [kept for ref in opened if (kept := ref()) is not None]
        assert len(alive) <= CAP
        assert {screen.article_id for screen in alive} <= set(article_ids[-CAP:])
        registered = [node for node in app._registry if isinstance(node, ArticleScreen)]
        assert len(registered) <= CAP
        del alive, registered
        # The first article, long evicted, opens again whole.
        app.open_article(article_ids[0])
        await pilot.pause()
        assert app.catalog.articles[article_ids[0]].title in screen_text(app)
