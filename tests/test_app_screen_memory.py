"""Screens made for one visit (forms, the request list) leave nothing alive once left."""

from __future__ import annotations

import gc
import weakref

import pytest
from _pilot import SIZE, make_app, screen_text
from textual.widgets import Header

from helpdesk.request_kinds import KINDS
from screens.forms import FormScreen
from screens.home import ACTION_KEYS, HomeScreen
from screens.requests import RequestsScreen

VISITS = 4


@pytest.mark.parametrize(
    ("key", "screen_class"), [(ACTION_KEYS[next(iter(KINDS))], FormScreen), ("s", RequestsScreen)]
)
async def test_screens_left_again_and_again_leave_no_header_alive(
    db_path: object, key: str, screen_class: type
) -> None:
    app = make_app(db_path)  # type: ignore[arg-type]
    headers: list[weakref.ref[Header]] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(VISITS):
            assert isinstance(app.screen, HomeScreen)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen_class)
            assert app.title in screen_text(app)
            headers.append(weakref.ref(app.screen.query_one(Header)))
            await pilot.press("escape")
            await pilot.pause()
        for _ in range(3):  # the screen left is removed over a few turns of the event loop
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        gc.collect()
        alive = [header for ref in headers if (header := ref()) is not None]
        assert alive == []
