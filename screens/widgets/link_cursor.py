"""Keyboard access to links inside Markdown: tab/shift+tab move between them, enter follows.

Textual's Markdown makes links clickable but not focusable. Each rendered block keeps its text as
``Content`` whose link spans carry an ``@click`` action; this module finds those spans in screen
order and highlights the current one by restyling the block's content.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from textual.content import Content
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBlock

LINK_HIGHLIGHT = Style(reverse=True, bold=True)


@dataclass(frozen=True)
class LinkSpot:
    """One link: the block that shows it, where in the block's text, and its target."""

    block: MarkdownBlock
    start: int
    end: int
    href: str


def _href_of(meta: dict[str, object]) -> str | None:
    """The target of a ``link('…')`` click action, or None."""
    action = meta.get("@click")
    if not isinstance(action, str) or not action.startswith("link("):
        return None
    try:
        return str(ast.literal_eval(action[len("link(") : -1]))
    except (ValueError, SyntaxError):
        return None


def find_links(container: Widget) -> list[LinkSpot]:
    """Every link in the Markdown widgets under ``container``, in reading order."""
    spots: list[LinkSpot] = []
    for markdown in container.query(Markdown):
        for block in markdown.query(MarkdownBlock):
            content: Content = block._content
            for span in content.spans:
                style = span.style
                if isinstance(style, Style) and style.meta:
                    href = _href_of(dict(style.meta))
                    if href is not None:
                        spots.append(LinkSpot(block, span.start, span.end, href))
    return spots


class LinkCursor:
    """Remembers which link is selected and paints it."""

    def __init__(self) -> None:
        self.spots: list[LinkSpot] = []
        self.index = -1

    def refresh(self, container: Widget) -> None:
        """Re-read the links (after the content was mounted)."""
        self.clear()
        self.spots = find_links(container)

    @property
    def current(self) -> LinkSpot | None:
        """The selected link, if any."""
        return self.spots[self.index] if 0 <= self.index < len(self.spots) else None

    def move(self, step: int) -> LinkSpot | None:
        """Select the next (+1) or previous (−1) link; None when moving past either end."""
        self._paint(self.current, selected=False)
        self.index += step
        if not 0 <= self.index < len(self.spots):
            self.index = -1
            return None
        spot = self.spots[self.index]
        self._paint(spot, selected=True)
        return spot

    def clear(self) -> None:
        """Select nothing."""
        self._paint(self.current, selected=False)
        self.index = -1

    @staticmethod
    def _paint(spot: LinkSpot | None, *, selected: bool) -> None:
        """Show ``spot``'s block with or without the highlight."""
        if spot is None:
            return
        content: Content = spot.block._content
        if selected:
            content = content.stylize(LINK_HIGHLIGHT, spot.start, spot.end)
        spot.block.update(content)
