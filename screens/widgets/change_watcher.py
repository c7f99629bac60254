"""An invisible widget that tells its screen when someone else changed the store.

Minhas solicitações and Meu lote mount one: every few seconds, off the UI thread, it asks the
store whether anything was committed since it last looked (a file's size and time; a server's
LISTEN/NOTIFY) and posts :class:`ChangeWatcher.Changed` when so, and the screen reads again. A
colleague's new request or lote change then appears without pressing anything.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable

from screens.helpdesk_mixin import HelpdeskAware

CHECK_SECONDS = 2.0
"""How often the store is asked; both engines answer without reading any data."""


class ChangeWatcher(HelpdeskAware, Widget):
    """Posts ``Changed`` when the store was changed since the screen last read it."""

    DEFAULT_CSS = "ChangeWatcher { display: none; }"

    @dataclass
    class Changed(Message):
        """Someone (another app, the command line, a colleague) changed the store."""

    def __init__(self) -> None:
        super().__init__()
        self._token: object = None

    def on_mount(self) -> None:
        """Take the first reading now and look again every few seconds."""
        self.check()
        self.set_interval(CHECK_SECONDS, self.check)

    def check(self) -> None:
        """Ask the store off the UI thread (a server may be slow to answer)."""
        self.run_worker(self._ask, thread=True, group="store-changes", exit_on_error=False)

    def _ask(self) -> None:
        """Compare with the last reading; post ``Changed`` when it moved."""
        try:
            changed, token = self.helpdesk.database.changed_since(self._token)
        except Exception:  # an unreachable store is reported by the screen's next read
            return
        first = self._token is None
        self._token = token
        if changed and not first:
            self.post_message(self.Changed())


def reload_keeping_cursor(table: DataTable[Any], reload: Callable[[], None]) -> None:
    """Run ``reload`` and put the cursor back on the row it was on (if it is still listed)."""
    key = None
    if table.row_count:
        with contextlib.suppress(Exception):
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
    reload()
    if key is not None:
        with contextlib.suppress(Exception):
            table.move_cursor(row=table.get_row_index(key))
