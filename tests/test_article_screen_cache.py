"""Kept article screens: reading many articles keeps only the last few in memory."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from _pilot import make_app, screen_text
from textual._styles_cache import StylesCache
from textual.widget import Widget
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


def drawn_line_caches_of_removed_widgets() -> tuple[int, int]:
    """Widgets alive but no longer in the app, and line caches alive whose widget is gone."""
    gc.collect()
    live = [node for node in gc.get_objects() if isinstance(node, Widget)]
    removed = [widget for widget in live if not widget.is_attached]
    caches = sum(1 for node in gc.get_objects() if isinstance(node, StylesCache))
    return len(removed), caches - len(live)


async def test_reading_many_articles_leaves_nothing_of_those_dropped(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.app, "ARTICLE_SCREENS", CAP)
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        article_ids = list(app.catalog.articles)
        assert len(article_ids) >= CAP + 3
        for article_id in article_ids:
            app.open_article(article_id)
            await pilot.pause()
            assert app.catalog.articles[article_id].title in screen_text(app)
        for _ in range(3):  # evicted screens close over a few turns of the event loop
            await pilot.pause()
        gc.collect()
        kept = [node for node in gc.get_objects() if isinstance(node, ArticleScreen)]
        assert len(kept) == CAP
        del kept
        # Each article dropped used to leave its header (watching the app's title) and the lines
        # its widgets drew (kept by Textual's style cache) behind, however many were read.
        assert drawn_line_caches_of_removed_widgets() == (0, 0)
