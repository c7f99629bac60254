"""Keys typed right behind the key that opened a screen land in the field that screen focuses.

Textual routes each key when the app dispatches it: to the focused widget, or to the screen when
nothing has the focus yet. A screen pushed by one key (``/``, ``1``…) focuses its first field only
when it mounts, so the keys of a fast burst (a typist, a paste, a terminal multiplexer) were routed
to the bare screen, which has no use for them, and were lost: ``/estorno`` opened an empty search.
Such a key reaches the screen's own handler after the field took the focus, so the handler hands
it to that field. A printable key that bubbles up from a focused text field cannot reach here:
``Input`` stops every printable key it receives.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TypeAhead:
    """Mix into a screen whose first focus is a text field: keys typed ahead are not lost."""

    def on_key(self, event: events.Key) -> None:
        """A printable key routed here before the field had the focus goes into that field."""
        focused = getattr(self, "focused", None)
        if not (isinstance(focused, Input) and event.is_printable and event.character):
            return
        event.stop()
        event.prevent_default()
        focused.insert_text_at_cursor(event.character)
