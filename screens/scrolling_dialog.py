"""A dialog whose text scrolls above buttons that always stay in view, from the keyboard too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll

from screens.modal import Dialog, ModalFooter

ResultType = TypeVar("ResultType")

SCROLLING_CSS = """
ModalScreen.dialog .dialog-body {
    height: auto;
    margin-bottom: 1;
}
ModalScreen.dialog.-scrolling .dialog-body {
    height: 1fr;
}
"""
"""The body takes the height it needs; when the box cannot hold it (80×24), it scrolls in the
room left above the buttons."""


class FittingBox(Vertical):
    """The dialog's box; each new size of it (first layout, terminal resized) asks the dialog
    whether its body must scroll, once that layout is done."""

    def on_resize(self) -> None:
        """Measure after this layout (the screen's own Resize comes before it)."""
        screen = self.screen
        if isinstance(screen, ScrollingDialog):
            self.call_after_refresh(screen.fit)


class ScrollingDialog(Dialog[ResultType]):
    """A dialog built as FittingBox > title, ``VerticalScroll.dialog-body``, buttons.

    The focus stays on a button while ↑ ↓ pgup pgdn home end scroll the body: the person reads,
    then answers, and the footer lists the scroll keys while there is something to scroll.
    """

    SCOPED_CSS = False
    DEFAULT_CSS = SCROLLING_CSS
    BINDINGS = [
        Binding("up", "scroll_body('up')", show=False, id="dialog_scroll_up"),
        Binding("down", "scroll_body('down')", show=False, id="dialog_scroll_down"),
        Binding("pageup", "scroll_body('page_up')", show=False, id="dialog_page_up"),
        Binding("pagedown", "scroll_body('page_down')", show=False, id="dialog_page_down"),
        Binding("home", "scroll_body('home')", show=False, id="dialog_scroll_home"),
        Binding("end", "scroll_body('end')", show=False, id="dialog_scroll_end"),
    ]
    """The scroll keys, whatever has the focus (the buttons do not use them)."""

    def scroll_hints(self) -> Iterator[tuple[str, str]]:
        """The scroll keys for the footer, while the body scrolls."""
        if self.has_class("-scrolling"):
            yield ("up,down", "Rolar")
            yield ("pagedown", "Página")

    def fit(self) -> None:
        """Let the body scroll (buttons kept in view) when the box cannot show all of it."""
        box = self.query_one(FittingBox)
        body = self.query_one(".dialog-body", VerticalScroll)
        if self.has_class("-scrolling"):
            # Back to its natural height when that now fits (a larger terminal).
            spare = box.content_size.height - sum(
                child.outer_size.height for child in box.children if child is not body
            )
            scrolling = body.virtual_size.height > spare
        else:
            scrolling = box.virtual_size.height > box.content_size.height
        if scrolling != self.has_class("-scrolling"):
            self.set_class(scrolling, "-scrolling")
            footer = self.query_one(ModalFooter)
            # The scroll keys' hints; composed from the footer's own queue, as its keys bind
            # to it (``data_bind``).
            footer.call_later(footer.recompose)

    def action_scroll_body(self, where: str) -> None:
        """Scroll the body from the keyboard (the focus stays where it is)."""
        body = self.query_one(".dialog-body", VerticalScroll)
        getattr(body, f"scroll_{where}")(animate=False)
