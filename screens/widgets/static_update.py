"""Change a Static's text or visibility only when it differs, so that no change costs no layout."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static


def update_static(static: Static, content: Content) -> bool:
    """Show ``content`` in ``static`` unless it already shows exactly that; True if changed.

    ``Static.update`` always asks for a layout of the whole screen (its height may change). A form
    re-checks every field and redraws its outcome panel on each key, and most of those texts stay
    the same; each unchanged one still cost a full reflow. ``Content`` compares only its plain
    text, so the styled spans are compared too.
    """
    shown = static.content
    if isinstance(shown, Content) and shown.plain == content.plain and shown.spans == content.spans:
        return False
    static.update(content)
    return True


def show_line(widget: Widget, shown: bool) -> None:
    """Show or hide ``widget``, touching its styles only when that changes (each set reflows)."""
    if widget.display != shown:
        widget.display = shown
