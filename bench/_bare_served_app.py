"""Started by bench/serve.py (through textual-serve): the reference, a bare Textual app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    """Header, one line of text, Footer: what any served Textual app pays at least."""

    TITLE = "Central do Parceiro"

    def compose(self) -> ComposeResult:
        """The three widgets."""
        yield Header()
        yield Static("Aplicativo de referência pronto")
        yield Footer()


if __name__ == "__main__":
    Bare().run()
