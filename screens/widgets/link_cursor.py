"""Keyboard access to the links of an article's text: tab/shift+tab move between them.

Links are spans of the text blocks (``screens.widgets.article_text``); this module lists them in
reading order and shows the selected one highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.widget import Widget

from screens.widgets.article_text import LinkSpan, TextBlock


@dataclass(frozen=True)
class LinkSpot:
    """One link: the block that shows it and where in that block."""

    block: TextBlock
    span: LinkSpan

    @property
    def href(self) -> str:
        """The link's target."""
        return self.span.href


def find_links(container: Widget) -> list[LinkSpot]:
    """Every link of the text blocks under ``container``, in reading order."""
    return [LinkSpot(block, span) for block in container.query(TextBlock) for span in block.links]


class LinkCursor:
    """Remembers which link is selected and paints it."""

    def __init__(self) -> None:
        self.spots: list[LinkSpot] = []
        self.index = -1

    def refresh(self, container: Widget) -> None:
        """Re-read the links (after the text was mounted)."""
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
        if spot is not None:
            spot.block.set_highlight(spot.span if selected else None)
