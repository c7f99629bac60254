"""LGPD erasure from Meu lote: the same preview as ``helpdesk privacy erase``, then a typed ``sim``."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static

from screens.modal import Dialog

CONFIRM_WORD = "sim"
"""What the person types to erase (as in the terminal)."""


class EraseDialog(Dialog[bool]):
    """Shows what erasing a client changes; erases only after ``sim`` is typed (esc gives up)."""

    DEFAULT_CSS = """
    EraseDialog #erase-preview {
        height: auto;
        max-height: 16;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Voltar", id="erase_cancel")]
    """esc gives up: nothing is erased."""

    def __init__(self, support_id: str, preview: list[str]) -> None:
        super().__init__()
        self.support_id = support_id
        self.preview = preview

    def compose(self) -> ComposeResult:
        """Title, the preview (literal text), the box to type in and the buttons."""
        with Vertical():
            yield Static(
                Content(f"Apagar os dados pessoais do ID Suporte {self.support_id}?"),
                classes="dialog-title",
            )
            with VerticalScroll(id="erase-preview"):
                yield Static(Content("\n".join(self.preview)), classes="dialog-text")
            yield Static(
                Content.assemble(
                    "Esta ação não pode ser desfeita. Digite ",
                    (CONFIRM_WORD, "bold"),
                    " para apagar:",
                ),
                classes="dialog-text",
            )
            yield Input(placeholder=CONFIRM_WORD, id="erase-typed")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Voltar", id="erase-no")
                yield Button("Apagar dados", id="erase-yes", variant="error", disabled=True)

    def key_hints(self) -> Iterator[tuple[str, str]]:
        """enter in the box erases (once ``sim`` is typed)."""
        yield ("enter", "Apagar")

    def on_mount(self) -> None:
        """Start typing at once."""
        self.query_one("#erase-typed", Input).focus()

    @staticmethod
    def _confirmed(typed: str) -> bool:
        """True when the person typed ``sim`` (case and surrounding spaces aside)."""
        return typed.strip().casefold() == CONFIRM_WORD

    @on(Input.Changed, "#erase-typed")
    def compare(self, event: Input.Changed) -> None:
        """The erase button is enabled only once ``sim`` is typed."""
        self.query_one("#erase-yes", Button).disabled = not self._confirmed(event.value)

    @on(Input.Submitted, "#erase-typed")
    def submitted(self, event: Input.Submitted) -> None:
        """Enter erases when ``sim`` is typed."""
        if self._confirmed(event.value):
            self.dismiss(True)
        else:
            self.notify(
                f"Digite {CONFIRM_WORD} para apagar, ou esc para voltar.", severity="warning"
            )

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        self.dismiss(event.button.id == "erase-yes")

    def action_cancel(self) -> None:
        """Give up: nothing is erased."""
        self.dismiss(False)
