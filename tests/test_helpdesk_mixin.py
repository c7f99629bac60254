"""Every screen and the command palette reach the running app, typed, through one mixin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from _pilot import SIZE, make_app, seed_requests, show_confirmation

from screens.app import HelpdeskApp
from screens.palette import HelpdeskCommands
from screens.request_detail import RequestDetail


def _open_detail(app: HelpdeskApp) -> None:
    """Show the detail of the newest request."""
    newest = app.database.requests.list()[0].protocol
    app.push_screen(RequestDetail(app.database.requests.get(newest)))


OPENERS: dict[str, Callable[[HelpdeskApp], object]] = {
    "HomeScreen": lambda app: None,
    "SearchScreen": lambda app: app.action_search(),
    "FormScreen": lambda app: app.open_form("backup"),
    # A license without requests: 1001 has an open substitution, which a cancellation contradicts.
    "ConfirmationScreen": lambda app: show_confirmation(app, "3003"),
    "RequestsScreen": lambda app: app.action_requests(),
    "RequestDetail": _open_detail,
    "LoteScreen": lambda app: app.action_lote(),
}
"""How a person reaches each screen that uses the app's services, by the screen's class name."""


@pytest.mark.parametrize("name", OPENERS)
async def test_each_screen_reaches_the_running_app(db_path: Path, name: str) -> None:
    """On the screen, ``helpdesk`` is the app itself, with its clock and its data file."""
    seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        OPENERS[name](app)
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == name
        helpdesk = getattr(screen, "helpdesk", None)
        assert helpdesk is app
        assert helpdesk.db_path == db_path


async def test_the_command_palette_reaches_the_running_app(db_path: Path) -> None:
    """The palette's provider finds articles and forms through the same app."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = HelpdeskCommands(app.screen)
        assert provider.helpdesk is app
        hits = [hit async for hit in provider.search("backup")]
        assert hits, "the palette finds the backup form through the app's catalog"
