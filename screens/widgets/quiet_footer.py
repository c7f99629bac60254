"""A Footer that rebuilds its keys only when the keys it would show have changed.

Textual's Footer recomposes all its key widgets whenever the focused widget changes, even when
the new widget offers the same keys — moving between two article texts did that several times
per article, and rebuilding and restyling the keys took a sizeable share of opening one.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    """Textual's Footer, skipping rebuilds that would draw the same keys."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Hashable = None

    def _keys_to_show(self) -> Hashable:
        """What the footer would draw: every active binding's key, label, action and state."""
        return tuple(
            (binding.key, binding.description, binding.action, binding.show, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild after the next refresh, unless the keys shown stay the same."""
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        """Recompose when the keys differ from those drawn (or none were drawn yet)."""
        if not self.is_attached or not self.screen.is_current:
            return
        shown = self._keys_to_show()
        if shown != self._shown or not self.children:
            self._shown = shown
            await self.recompose()
