"""Started by bench/startup.py: run one app headless and exit right after its first screen is painted."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

SIZE = (120, 36)
"""Both apps run at this size from their first frame, as in a terminal: headless without a size,
the app starts at 80×25 and the driver then reports 80×24, a resize that costs a full second
layout which no terminal causes."""
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, not bench/store.py, answer "import store"


def exit_after_paint(app, ready) -> None:  # type: ignore[no-untyped-def]
    """Exit at the first refresh after ``ready()`` holds (checked after every refresh)."""

    def check() -> None:
        if ready():
            app.screen.call_after_refresh(app.exit)
        else:
            app.call_after_refresh(check)

    app.call_later(check)


def run_bare() -> None:
    """The reference: a bare Textual app with Header, Static and Footer."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Central do Parceiro")
            yield Footer()

    app = Bare()
    exit_after_paint(app, lambda: app.screen.is_mounted)
    app.run(headless=True, size=SIZE)


def run_helpdesk() -> None:
    """The real app, until the home screen has been painted."""
    from screens.app import create_app

    app = create_app(Path(tempfile.mkdtemp()) / "helpdesk.json")

    def home_up() -> bool:
        from screens.home import HomeScreen

        return isinstance(app.screen, HomeScreen) and app.screen.is_mounted

    exit_after_paint(app, home_up)
    app.run(headless=True, size=SIZE)


if __name__ == "__main__":
    {"bare": run_bare, "helpdesk": run_helpdesk}[sys.argv[1]]()
