"""Option prompts whose wrapped lines keep their indent, drawn by Textual rather than Rich.

A Rich ``Table`` or ``Padding`` as a prompt is rendered through a Rich console to be measured
and drawn; a Textual ``Content`` in Textual's ``Padding`` draws the same lines for a fraction
of the work, which the home screen pays for every entry before its first frame.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Spacing
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, RenderOptions, Visual


def indented(title: str, indent: int) -> Padding:
    """``title`` after ``indent`` spaces; a title that wraps keeps the indent."""
    return Padding(Content(title), Spacing(0, 0, 0, indent))


class KeyedEntry(Visual):
    """An entry after its key in bold; a title that wraps stays aligned after the key."""

    def __init__(self, key: str, title: str) -> None:
        self._key = Content.assemble((key, "bold"), " ")
        self._title = indented(title, self._key.cell_length)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """As wide as the key and the title on one line."""
        return self._title.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The lines of the title wrapped after the key."""
        return self._title.get_height(rules, width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The indented title, its first line starting with the key."""
        strips = self._title.render_strips(width, height, style, options)
        key_width = self._key.cell_length
        if strips and width > key_width:
            key = self._key.render_strips(key_width, 1, style, options)[0]
            strips[0] = Strip.join([key, strips[0].crop(key_width)])
        return strips
