"""Started by bench/startup.py: run one app headless and exit as soon as its first screen is up."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def sample_markdown(size: int = 3000) -> str:
    """About ``size`` characters of a shipped article, cut at a paragraph break."""
    from helpdesk.catalog import load_catalog

    body = max((a.body for a in load_catalog().articles.values()), key=len)
    cut = body.rfind("\n\n", 0, size)
    return body[: cut if cut > 0 else size]


def run_bare() -> None:
    """The reference: Header, Footer and one Markdown of about 3 KB."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Markdown

    text = sample_markdown()

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Markdown(text)
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.call_after_refresh, self.exit)

    Bare().run(headless=True)


def run_helpdesk() -> None:
    """The real app, until the home screen has been laid out."""
    from screens.app import create_app
    from screens.home import HomeScreen

    app = create_app(Path(tempfile.mkdtemp()) / "helpdesk.json")

    def check() -> None:
        if isinstance(app.screen, HomeScreen) and app.screen.is_mounted:
            app.call_after_refresh(app.exit)

    app.call_later(lambda: app.set_interval(0.002, check))
    app.run(headless=True)


if __name__ == "__main__":
    {"bare": run_bare, "helpdesk": run_helpdesk}[sys.argv[1]]()
