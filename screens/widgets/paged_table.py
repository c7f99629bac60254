"""A DataTable for long lists: it holds every item but adds rows a page at a time, on demand.

DataTable measures every cell of every row it is given, which for ten thousand requests takes
seconds. People look at the top of a list and filter the rest, so the table starts with one page
and appends the next whenever the cursor or the scroll comes near the last row loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.widgets import DataTable

Item = TypeVar("Item")

PAGE = 100
"""Rows added at a time."""

NEAR_END = 20
"""Rows from the end of what is loaded at which the next page is added."""


class PagedTable(DataTable[Any], Generic[Item]):
    """Rows for a sequence of items, loaded page by page; ``item(key)`` finds an item by its row."""

    def __init__(
        self,
        cells: Callable[[Item], Sequence[Text]],
        key: Callable[[Item], str],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._cells = cells
        self._key = key
        self.items: Sequence[Item] = ()
        self.loaded = 0
        self._by_key: dict[str, Item] = {}

    @property
    def total(self) -> int:
        """How many items the table holds (loaded or not)."""
        return len(self.items)

    def show(self, items: Sequence[Item]) -> None:
        """Replace the rows by ``items`` (the first page is added at once)."""
        self.clear()
        self.items = items
        self.loaded = 0
        self._by_key = {}
        self.load_more()

    def load_more(self) -> None:
        """Add the next page of rows, if any are left."""
        page = self.items[self.loaded : self.loaded + PAGE]
        if not page:
            return
        for entry in page:
            key = self._key(entry)
            self._by_key[key] = entry
            self.add_row(*self._cells(entry), key=key)
        self.loaded += len(page)

    def item(self, key: str) -> Item | None:
        """The item shown by the row ``key`` (loaded rows only)."""
        return self._by_key.get(key)

    def replace(self, key: str, entry: Item) -> None:
        """Show ``entry`` in place of the item of row ``key``."""
        if key not in self._by_key:
            return
        self._by_key[key] = entry
        for column, cell in zip(self.ordered_columns, self._cells(entry), strict=False):
            self.update_cell(key, column.key, cell)

    @on(DataTable.RowHighlighted)
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        """Load the next page when the cursor approaches the last loaded row."""
        if event.cursor_row >= self.loaded - NEAR_END:
            self.load_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        """Load the next page when scrolling reaches the bottom."""
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y - NEAR_END and self.loaded < self.total:
            self.load_more()
