"""``enter`` in a form field moves the focus before the next key is delivered.

Textual hands each key to the focused widget's own message queue. A field that moves the focus
while handling ``enter`` (``Input.Submitted``) does so only after the keys typed right behind it
were already handed to that same field, so fast typing or a paste ran two fields together
("20000101/01/2026"). A screen's priority binding runs while the app dispatches ``enter``, before
the next key is forwarded, so the focus has moved when that key arrives.
"""

from __future__ import annotations

from typing import Any

from textual.actions import SkipAction
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from screens.widgets.select import PtSelect

ENTER_MOVES_ON = Binding("enter", "move_on", "Próximo campo", show=False, priority=True)
"""Bind on a form screen together with an ``action_move_on`` that calls :func:`move_on`."""


def move_on(screen: Screen[Any]) -> None:
    """Focus the next control from a text field or a closed choice; anywhere else let enter be."""
    if isinstance(screen.focused, Input | PtSelect):
        screen.focus_next()
        return
    raise SkipAction  # buttons, lists and the open choice list keep their own enter
