"""Modal screens that show only their own keys, and the centred box every dialog shares."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets._footer import FooterKey

from screens.textual_hooks import QuietFooter

ResultType = TypeVar("ResultType")

DIALOG_CSS = """
ModalScreen.dialog {
    align: center middle;
    background: $background 60%;
}
ModalScreen.dialog > Vertical {
    width: 72;
    max-width: 95%;
    height: auto;
    max-height: 90%;
    border: thick $accent;
    background: $panel;
    padding: 1 2;
}
ModalScreen.dialog .dialog-title {
    text-style: bold;
    margin-bottom: 1;
}
ModalScreen.dialog .dialog-text {
    height: auto;
    margin-bottom: 1;
}
ModalScreen.dialog OptionList {
    height: auto;
    max-height: 12;
    margin-bottom: 1;
}
ModalScreen.dialog Input {
    margin-bottom: 1;
}
ModalScreen.dialog .dialog-buttons {
    height: auto;
    align-horizontal: right;
}
ModalScreen.dialog .dialog-buttons Button {
    margin-left: 2;
}
"""


class ModalFooter(QuietFooter):
    """The footer of a modal screen: the keys its widgets handle, then its own bindings.

    It covers the footer of the screen underneath, whose keys do nothing while the modal is open
    (Textual stops the key bindings at the modal screen, the app's included).
    """

    def compose(self) -> ComposeResult:
        """The modal's key hints (e.g. enter in a search box), then its shown bindings."""
        hints = self.screen.key_hints() if isinstance(self.screen, Modal) else ()
        for keys, description in hints:
            display = "".join(self._display(key) for key in keys.split(","))
            yield FooterKey(keys.split(",")[0], display, description, "").data_bind(
                compact=QuietFooter.compact
            )
        yield from super().compose()

    def _display(self, key: str) -> str:
        """How a key is written in the footer (enter by its name, as the screens' texts say it)."""
        return "enter" if key == "enter" else self.app.get_key_display(Binding(key, ""))


class Modal(ModalScreen[ResultType]):
    """A screen over another that shows only its own keys, in a footer of its own."""

    def key_hints(self) -> Iterator[tuple[str, str]]:
        """Keys the modal's widgets handle themselves (no binding to show), with what they do."""
        yield from ()

    def on_mount(self) -> None:
        """Add the footer (Textual runs this as well as a subclass's own ``on_mount``)."""
        self.mount(ModalFooter())

    def confirm_leave(self, callback: Callable[[bool], None]) -> None:
        """Going elsewhere closes the modal and the screen under it: that screen asks first.

        The command palette still opens over a modal, and picking a screen there would
        otherwise drop a half-filled form without the question the form asks.
        """
        stack = self.app.screen_stack
        position = stack.index(self) if self in stack else 0
        guard = getattr(stack[position - 1], "confirm_leave", None) if position else None
        if guard is None:
            callback(True)
        else:
            guard(callback)


class Dialog(Modal[ResultType]):
    """A centred box over the screen (the look every dialog shares)."""

    SCOPED_CSS = False
    DEFAULT_CSS = DIALOG_CSS

    def __init__(self) -> None:
        super().__init__(classes="dialog")
