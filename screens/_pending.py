"""A plain screen for parts of the app that have no content yet."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class PendingScreen(Screen[None]):
    """Says the screen is not available yet, with a way back."""

    BINDINGS = [Binding("escape", "app.go_back", "Voltar")]
    """esc goes back."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        """A single line of text."""
        yield Header()
        yield Static(f"{self.title_text}: em breve.", markup=False)
        yield Footer()
