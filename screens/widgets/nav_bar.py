"""Back/forward arrows and breadcrumbs, clickable like a browser's toolbar."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.widgets import Static


def _link(label: str, action: str, enabled: bool = True) -> Content:
    """Text that runs ``action`` when clicked (dimmed and inert when disabled)."""
    if not enabled:
        return Content.styled(label, "dim")
    return Content.styled(label, Style(bold=True) + Style.from_meta({"@click": action}))


class NavBar(Static):
    """◀ ▶ and ``Início › categoria › seção › artigo``; every part can be clicked."""

    DEFAULT_CSS = """
    NavBar {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *crumbs: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._crumbs = crumbs
        self._drawn: tuple[object, ...] | None = None

    @property
    def crumbs(self) -> tuple[str, ...]:
        """The path shown after ``Início``."""
        return self._crumbs

    @crumbs.setter
    def crumbs(self, value: tuple[str, ...]) -> None:
        self._crumbs = value
        self.refresh_bar()

    def on_mount(self) -> None:
        """Draw the bar."""
        self.refresh_bar()

    def refresh_bar(self) -> None:
        """Redraw, enabling the arrows that lead somewhere."""
        history = getattr(self.app, "history", None)
        back = bool(history and history.can_go_back)
        forward = bool(history and history.can_go_forward)
        if (back, forward, self.crumbs) == self._drawn:
            return  # unchanged: spare a repaint
        self._drawn = (back, forward, self.crumbs)
        parts = [
            _link("◀", "app.go_back", back),
            Content(" "),
            _link("▶", "app.go_forward", forward),
            Content("  "),
            _link("Início", "app.home"),
        ]
        for index, crumb in enumerate(self.crumbs):
            parts.append(Content(" › "))
            last = index == len(self.crumbs) - 1
            parts.append(Content.styled(crumb, "bold" if last else ""))
        self.update(Content.assemble(*parts))
