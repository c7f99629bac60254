"""The widgets that draw an article's blocks: prose runs, headings, callouts and tables.

A prose run wraps its own lines for the width it gets (markers of list items hang), so a whole
section of text is one widget; links are spans whose click runs the block's ``link`` action.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich import box
from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

from screens.widgets.article_blocks import (
    CODE_STYLE,
    Block,
    CalloutBlock,
    HeadingBlock,
    Piece,
    TableBlock,
    wrap_pieces,
)

LINK_HIGHLIGHT = Style(reverse=True, bold=True)
"""How the link selected with the keyboard looks."""

CALLOUT_ICONS = {"importante": "❗", "atencao": "⚠", "dica": "💡"}
"""The icon before each callout kind's title."""

_TONE = {"importante": "error", "atencao": "warning", "dica": "success"}
"""The theme colour of each callout kind's title (the box's tint is in app.tcss)."""


class LinkClicked(Message):
    """A link in an article's text was clicked, or followed with enter."""

    def __init__(self, href: str) -> None:
        super().__init__()
        self.href = href


@dataclass(frozen=True)
class LinkSpan:
    """Where a link sits in a block: piece index, character range and target."""

    piece: int
    start: int
    end: int
    href: str


def _href_of(style: object) -> str | None:
    """The target of a link span's ``link('…')`` click action, or None."""
    if not isinstance(style, Style) or not style.meta:
        return None
    action = style.meta.get("@click")
    if isinstance(action, str) and action.startswith("link(") and action.endswith(")"):
        try:
            return str(ast.literal_eval(action[len("link(") : -1]))
        except (ValueError, SyntaxError):
            return None
    return None


class TextBlock(Widget):
    """Paragraphs and lists drawn as one block of lines wrapped for its width."""

    DEFAULT_CSS = """
    TextBlock {
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, pieces: Sequence[Piece], *, classes: str = "") -> None:
        super().__init__(classes=f"text-block {classes}".strip())
        self.pieces = list(pieces)
        self.highlight: LinkSpan | None = None
        self._cache: tuple[int, LinkSpan | None, list[Content]] | None = None

    @property
    def links(self) -> list[LinkSpan]:
        """Every link of the block, in reading order."""
        found = []
        for index, piece in enumerate(self.pieces):
            for span in piece.content.spans:
                href = _href_of(span.style)
                if href is not None:
                    found.append(LinkSpan(index, span.start, span.end, href))
        return found

    def shown_pieces(self) -> list[Piece]:
        """The pieces with the selected link highlighted."""
        pieces = list(self.pieces)
        spot = self.highlight
        if spot is not None:
            piece = pieces[spot.piece]
            styled = piece.content.stylize(LINK_HIGHLIGHT, spot.start, spot.end)
            pieces[spot.piece] = Piece(styled, piece.prefix, piece.indent, piece.gap_before)
        return pieces

    def header_lines(self) -> Iterator[Content]:
        """Lines drawn above the pieces (none for plain prose)."""
        return iter(())

    def lines(self, width: int) -> list[Content]:
        """The block's lines at ``width`` columns (kept until the width or highlight changes)."""
        cached = self._cache
        if cached is not None and cached[0] == width and cached[1] == self.highlight:
            return cached[2]
        lines = [*self.header_lines(), *wrap_pieces(self.shown_pieces(), width)]
        self._cache = (width, self.highlight, lines)
        return lines

    def line_of(self, spot: LinkSpan) -> int:
        """The line (within the block) where ``spot`` starts, at the current width."""
        piece = self.pieces[spot.piece]
        head = Piece(piece.content[: spot.start], piece.prefix, piece.indent, piece.gap_before)
        marked = [*self.pieces[: spot.piece], head]
        before = [*self.header_lines(), *wrap_pieces(marked, max(1, self.size.width))]
        return max(0, len(before) - 1)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the container allows."""
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as lines at ``width``."""
        return len(self.lines(width))

    def render(self) -> Content:
        """The lines for the current width."""
        return Content("\n").join(self.lines(max(1, self.size.width)))

    def set_highlight(self, spot: LinkSpan | None) -> None:
        """Show ``spot`` as the selected link (None: no selection)."""
        if spot != self.highlight:
            self.highlight = spot
            self.refresh()

    def action_link(self, href: str) -> None:
        """Tell the screen a link was clicked."""
        self.post_message(LinkClicked(href))


class CalloutText(TextBlock):
    """A callout: its title line, then its text, in a tinted box."""

    def __init__(self, block: CalloutBlock) -> None:
        super().__init__(block.pieces, classes=f"callout callout-{block.kind}")
        self.kind = block.kind
        self.title = block.title

    def header_lines(self) -> Iterator[Content]:
        """The icon and title, bold, in the callout's colour."""
        icon = CALLOUT_ICONS.get(self.kind, "•")
        yield Content.styled(
            f"{icon} {self.title}", f"bold $text-{_TONE.get(self.kind, 'primary')}"
        )


class ArticleHeading(Static):
    """A heading of the text; the contents panel scrolls to these."""

    def __init__(self, block: HeadingBlock) -> None:
        super().__init__(block.content, classes=f"heading h{block.level}")
        self.level = block.level


def _rich_text(content: Content) -> Text:
    """``content`` as Rich text for a table cell (links underlined, code bold)."""
    text = Text(content.plain)
    for span in content.spans:
        style = span.style
        if isinstance(style, str):
            text.stylize("bold" if style == CODE_STYLE else style, span.start, span.end)
        else:
            text.stylize("underline", span.start, span.end)
    return text


MAX_WORD_COLUMN = 16
"""A table column keeps room for its longest word up to this width (longer words fold)."""


def table_renderable(block: TableBlock) -> Table:
    """A Rich table for ``block``: header in bold, cells wrapped, full width."""
    table = Table(box=box.ROUNDED, expand=True, show_lines=True, header_style="bold")
    for index, cell in enumerate(block.header):
        # A column is never narrower than its longest word (a date, "10/05/2027"), so a narrow
        # text wraps between words instead of cutting one; fold only when even that cannot fit.
        cells = [cell, *(row[index] for row in block.rows if index < len(row))]
        longest = max((len(word) for text in cells for word in text.plain.split()), default=1)
        table.add_column(
            _rich_text(cell), ratio=1, min_width=min(longest, MAX_WORD_COLUMN), overflow="fold"
        )
    for row in block.rows:
        table.add_row(*(_rich_text(cell) for cell in row))
    return table


class TableText(Widget):
    """A table drawn by Rich once per width, then served line by line.

    A Rich table in a Static is measured and drawn again on every paint, which made showing
    an article with a table on screen several times slower than one without.
    """

    DEFAULT_CSS = """
    TableText {
        height: auto;
    }
    """

    def __init__(self, block: TableBlock) -> None:
        super().__init__(classes="table-block")
        self.table = table_renderable(block)
        self._cache: tuple[int, list[Strip]] | None = None

    def strips(self, width: int) -> list[Strip]:
        """The table's lines at ``width`` columns (kept until the width changes)."""
        if self._cache is None or self._cache[0] != width:
            console = self.app.console
            options = console.options.update_width(width)
            lines = console.render_lines(self.table, options, pad=True)
            self._cache = (width, [Strip(line, width) for line in lines])
        return self._cache[1]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the container allows."""
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as the table has lines at ``width``."""
        return len(self.strips(width))

    def render_line(self, y: int) -> Strip:
        """One line of the table."""
        strips = self.strips(max(1, self.size.width))
        style = self.rich_style  # the theme's colours under Rich's own
        return strips[y].apply_style(style) if y < len(strips) else Strip.blank(self.size.width)


def block_widgets(blocks: Sequence[Block]) -> Iterator[Widget]:
    """One widget per block."""
    for block in blocks:
        if isinstance(block, HeadingBlock):
            yield ArticleHeading(block)
        elif isinstance(block, CalloutBlock):
            yield CalloutText(block)
        elif isinstance(block, TableBlock):
            yield TableText(block)
        else:
            yield TextBlock(block.pieces)
