"""Textual's Select with its drop-down keys described in Portuguese."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay

if TYPE_CHECKING:
    from textual.app import ComposeResult


class PortugueseOverlay(SelectOverlay):
    """The open list of a Select; its footer key speaks Portuguese."""

    BINDINGS = [Binding("escape", "dismiss", "Fechar")]


class PtSelect(Select[str], inherit_bindings=False):
    """A Select whose open list shows ``esc Fechar`` instead of Textual's English label.

    ``enter`` moves on to the next field, as in every other field of a form (Textual's Select
    opens its list again); space and the arrows open the list.
    """

    BINDINGS = [
        Binding("down,space,up", "show_overlay", "Abrir a lista", show=False),
        Binding("enter", "next_field", "Próximo campo", show=False),
    ]

    def action_next_field(self) -> None:
        """Move the focus on, as enter does in a text field."""
        self.screen.focus_next()

    def compose(self) -> ComposeResult:
        """The current value and the Portuguese overlay (same parts as Textual's Select)."""
        yield SelectCurrent(self.prompt)
        yield PortugueseOverlay(type_to_search=self._type_to_search).data_bind(
            compact=Select.compact
        )
