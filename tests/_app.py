"""Helpers for the pilot tests of the help center."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from helpdesk.clock import fixed_clock
from screens.app import HelpdeskApp, create_app

NOW = datetime(2026, 11, 26, 10, 0)
"""The moment every app test lives in (a Thursday, a business day)."""


def make_app(db_path: Path) -> HelpdeskApp:
    """The real app on a temporary data file and a pinned clock."""
    return create_app(db_path=db_path, clock=fixed_clock(NOW))


def screen_text(app: HelpdeskApp) -> str:
    """Everything visible on the current screen, as plain text."""
    from textual.widgets import OptionList, Static

    from screens.widgets.article_text import TextBlock

    parts: list[str] = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Static):
            parts.append(str(widget.render()))
        elif isinstance(widget, OptionList):
            parts.extend(
                str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)
            )
        elif isinstance(widget, TextBlock):
            parts.extend(line.plain for line in widget.lines(max(1, widget.size.width)))
    return "\n".join(parts)
