"""Small personal preferences kept next to the data file: theme, recent articles, deadline window."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

RECENT_LIMIT = 8
FILENAME = "preferences.json"
DEADLINE_WINDOW = 30
"""Days ahead the home screen looks for notice deadlines, unless the person chose otherwise."""
DEADLINE_WINDOWS = (7, 15, 30, 45, 60, 90)
"""The windows offered to choose from."""


class Preferences:
    """Reads and writes ``preferences.json`` (0600 in a 0700 folder); never fails the app."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILENAME
        self.theme: str | None = None
        self.recent: list[str] = []
        self.deadline_window = DEADLINE_WINDOW
        self._load()

    def _load(self) -> None:
        """Read the file; a missing or unreadable one means defaults."""
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict):
            theme = data.get("theme")
            self.theme = theme if isinstance(theme, str) else None
            recent = data.get("recent")
            if isinstance(recent, list):
                self.recent = [item for item in recent if isinstance(item, str)][:RECENT_LIMIT]
            window = data.get("deadline_window")
            if isinstance(window, int) and not isinstance(window, bool) and 0 < window <= 366:
                self.deadline_window = window

    def remember_article(self, article_id: str) -> None:
        """Put ``article_id`` first among the recently viewed articles, and save."""
        if self.recent[:1] == [article_id]:
            return  # already first: no file write for every step back to the same article
        self.recent = [article_id, *(item for item in self.recent if item != article_id)]
        del self.recent[RECENT_LIMIT:]
        self.save()

    def set_theme(self, theme: str) -> None:
        """Remember the chosen theme, and save."""
        self.theme = theme
        self.save()

    def set_deadline_window(self, days: int) -> None:
        """Remember how many days ahead the home screen warns of notice deadlines, and save."""
        self.deadline_window = days
        self.save()

    def save(self) -> None:
        """Write atomically; preferences are a comfort, so a failure is ignored."""
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            payload = json.dumps(
                {
                    "theme": self.theme,
                    "recent": self.recent,
                    "deadline_window": self.deadline_window,
                },
                ensure_ascii=False,
            )
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".prefs-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(payload)
                os.chmod(temp, 0o600)
                os.replace(temp, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
