"""A DataTable for long lists: rows added a page at a time, columns chosen to fit the width.

DataTable measures every cell of every row it is given, which for ten thousand requests takes
seconds. People look at the top of a list and filter the rest, so the table starts with one page
and appends the next whenever the cursor or the scroll comes near the last row loaded.

A narrow terminal shows the columns that matter most and leaves out the others rather than
making the person scroll sideways; one flexible column (a name) takes the room that is left.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.widgets import DataTable

Item = TypeVar("Item")

PAGE = 100
"""Rows added at a time."""

NEAR_END = 20
"""Rows from the end of what is loaded at which the next page is added."""

PADDING = 2
"""Cells a column takes besides its text (DataTable pads each side by one)."""

SCROLLBAR = 2
"""Cells kept free for the vertical scrollbar, so that it never pushes a column out of view."""


@dataclass(frozen=True)
class Column:
    """A column: its key and heading, and what becomes of it when the table is narrow."""

    key: str
    label: str
    keep: bool = False
    """Always shown: what the list is for."""
    flex: bool = False
    """Takes the room the other columns leave (its text cut with an ellipsis when longer)."""
    min_width: int = 12
    """For the flexible column: the narrowest it gets before other columns are left out."""


def fit_columns(
    columns: Sequence[Column], natural: Mapping[str, int], width: int
) -> tuple[list[Column], int]:
    """The columns that fit in ``width`` cells and the width of the flexible column's text.

    Kept columns are always shown; the others follow in their order for as long as they fit
    (the first that does not fit ends the list, so a later column never replaces an earlier,
    more important one); the flexible column gets what is left, up to its natural width.
    """

    def need(column: Column) -> int:
        return max(cell_len(column.label), natural.get(column.key, 0)) + PADDING

    flex = next((column for column in columns if column.flex), None)
    flex_natural = need(flex) - PADDING if flex else 0
    flex_room = min(flex_natural, flex.min_width) + PADDING if flex else 0
    used = sum(need(column) for column in columns if column.keep and not column.flex)
    shown = {column.key for column in columns if column.keep or column.flex}
    for column in columns:
        if column.key in shown:
            continue
        if used + need(column) + flex_room > width:
            break
        shown.add(column.key)
        used += need(column)
    flex_width = min(flex_natural, max(flex.min_width, width - used - PADDING)) if flex else 0
    return [column for column in columns if column.key in shown], flex_width


class PagedTable(DataTable[Any], Generic[Item]):
    """Rows for a sequence of items, loaded page by page; ``item(key)`` finds an item by its row.

    Given ``columns`` (every column ``cells`` returns a cell for, in the same order), the table
    adds them itself and, once :meth:`fit` has told it how wide their texts are, shows those that
    fit its width, again on every resize. Without ``columns`` the caller adds the columns.
    """

    def __init__(
        self,
        cells: Callable[[Item], Sequence[Text]],
        key: Callable[[Item], str],
        *,
        columns: Sequence[Column] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._cells = cells
        self._key = key
        self.items: Sequence[Item] = ()
        self.loaded = 0
        self._by_key: dict[str, Item] = {}
        self.declared = tuple(columns)
        self._natural: dict[str, int] = {}
        self._layout: tuple[tuple[str, ...], int] = ((), 0)
        self._picked: list[int] | None = None
        """Positions, among the cells of an item, of the columns shown (None: all of them)."""

    @property
    def total(self) -> int:
        """How many items the table holds (loaded or not)."""
        return len(self.items)

    @property
    def shown_keys(self) -> tuple[str, ...]:
        """Keys of the columns shown, left to right."""
        return tuple(str(column.key.value) for column in self.ordered_columns)

    def fit(self, natural: Mapping[str, int]) -> None:
        """Learn how wide each column's text is and lay the columns out for the current width."""
        self._natural = dict(natural)
        self._lay_out()

    def on_resize(self, event: events.Resize) -> None:
        """Choose the columns again for the new width."""
        self._lay_out()

    def _lay_out(self) -> None:
        """Show the columns that fit, re-adding the loaded rows only when the choice changed."""
        if not self.declared or not self._natural or not self.size.width:
            return
        shown, flex_width = fit_columns(self.declared, self._natural, self.size.width - SCROLLBAR)
        layout = (tuple(column.key for column in shown), flex_width)
        if layout == self._layout:
            return
        self._layout = layout
        cursor_key = self._cursor_key()
        self.clear(columns=True)
        for column in shown:
            self.add_column(column.label, key=column.key, width=flex_width if column.flex else None)
        keys = [column.key for column in self.declared]
        self._picked = [keys.index(column.key) for column in shown]
        self.show(self.items)
        if cursor_key is not None and cursor_key in self._by_key:
            self.move_cursor(row=self.get_row_index(cursor_key))

    def _cursor_key(self) -> str | None:
        """The key of the row under the cursor, if any."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return str(row_key.value)

    def _row_cells(self, entry: Item) -> list[Text]:
        """The cells of the shown columns (a flexible column's text ends in … when cut)."""
        every = self._cells(entry)
        if self._picked is None:
            return list(every)
        picked = [every[index] for index in self._picked]
        for position, index in enumerate(self._picked):
            if self.declared[index].flex:
                picked[position].overflow = "ellipsis"
                picked[position].no_wrap = True
        return picked

    def show(self, items: Sequence[Item]) -> None:
        """Replace the rows by ``items`` (the first page is added at once)."""
        self.clear()
        self.items = items
        self.loaded = 0
        self._by_key = {}
        self.load_more()

    def load_more(self) -> None:
        """Add the next page of rows, if any are left."""
        if self.declared and self._picked is None:
            return  # the columns are added once their widths are known
        page = self.items[self.loaded : self.loaded + PAGE]
        if not page:
            return
        for entry in page:
            key = self._key(entry)
            self._by_key[key] = entry
            self.add_row(*self._row_cells(entry), key=key)
        self.loaded += len(page)

    def hidden_cells(
        self, item: Item, texts: Mapping[str, str] | None = None
    ) -> list[tuple[str, str]]:
        """(heading, text) of the declared columns the width leaves out, for ``item``.

        ``texts`` (by column key) say them in words other than the cells' (a cycle spelled out,
        a note too long for its cell); without it, the cells' own text.
        """
        if texts is None:
            cells = self._cells(item)
            texts = {c.key: t.plain for c, t in zip(self.declared, cells, strict=False)}
        shown = set(self.shown_keys)
        return [
            (column.label, texts[column.key])
            for column in self.declared
            if column.key not in shown and texts.get(column.key, "").strip()
        ]

    def current_item(self) -> Item | None:
        """The item under the cursor (None while the table is empty or hidden)."""
        if not self.row_count or not self.display:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return self.item(str(row_key.value))

    def item(self, key: str) -> Item | None:
        """The item shown by the row ``key`` (loaded rows only)."""
        return self._by_key.get(key)

    def replace(self, key: str, entry: Item) -> None:
        """Show ``entry`` in place of the item of row ``key``."""
        if key not in self._by_key:
            return
        self._by_key[key] = entry
        for column, cell in zip(self.ordered_columns, self._row_cells(entry), strict=False):
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
