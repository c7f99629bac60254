"""A screen that stays installed and comes back without restyling every widget it holds."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen


class CachedScreen(Screen[Any]):
    """Skips Textual's full restyle on resume when nothing that styles depend on has changed.

    Textual restyles the whole tree each time a screen is switched back to, in case the theme or
    the CSS changed meanwhile. An article holds hundreds of Markdown blocks, so that restyle was
    most of the time it took to reopen one; the styles only go stale when the theme changes, so
    the restyle is kept for exactly that case.
    """

    _styled_theme: str | None = None

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Restyle on resume only when the theme differs from the one the screen was styled in."""
        theme = self.app.theme
        if self._styled_theme == theme:
            event.refresh_styles = False
        self._styled_theme = theme
        super()._on_screen_resume(event)
