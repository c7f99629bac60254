"""The typed app comes from one mixin, not from a property repeated in every screen."""

from __future__ import annotations

from pathlib import Path

from _forms import make_app

from screens.forms import FormScreen
from screens.helpdesk_mixin import HelpdeskAware
from screens.home import HomeScreen
from screens.lote import LoteScreen
from screens.palette import HelpdeskCommands
from screens.request_detail import RequestDetail
from screens.requests import RequestsScreen
from screens.search import SearchScreen

SCREENS = Path(__file__).resolve().parent.parent / "screens"
USERS = (
    "confirmation.py",
    "forms.py",
    "home.py",
    "lote.py",
    "palette.py",
    "request_detail.py",
    "requests.py",
    "search.py",
)
"""Modules that use the app's services through ``helpdesk``."""


def test_screens_take_the_typed_app_from_the_mixin() -> None:
    """None of these modules defines its own ``helpdesk`` property."""
    for name in USERS:
        source = (SCREENS / name).read_text(encoding="utf-8")
        assert "def helpdesk(" not in source, name
        assert 'cast("HelpdeskApp"' not in source, name
    for cls in (
        FormScreen,
        HomeScreen,
        LoteScreen,
        RequestsScreen,
        RequestDetail,
        SearchScreen,
        HelpdeskCommands,
    ):
        assert issubclass(cls, HelpdeskAware), cls


async def test_the_mixin_gives_the_running_app(db_path: Path) -> None:
    """``helpdesk`` is the app itself, with its clock and data file."""
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_lote()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LoteScreen)
        assert screen.helpdesk is app
        assert screen.helpdesk.db_path == db_path
