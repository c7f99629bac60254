"""Browser-like history of where the person has been in the app (no UI here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

HOME = "home"
ARTICLE = "article"
FORM = "form"
REQUESTS = "requests"
LOTE = "lote"
SEARCH = "search"


@dataclass(frozen=True)
class Location:
    """A place in the app: a screen kind, what it shows, and where inside it."""

    kind: str
    target: str = ""
    """The article id or the form's request kind."""
    anchor: str = ""
    """A heading inside an article."""
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """Pre-filled values of a form, or the query of a search."""

    @property
    def key(self) -> str:
        """A name that identifies the screen showing this location."""
        return f"{self.kind}:{self.target}" if self.target else self.kind


class History:
    """Back and forward over visited locations, like a web browser."""

    def __init__(self, limit: int = 100) -> None:
        self._stack: list[Location] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        """The location on screen, if any."""
        return self._stack[self._index] if self._index >= 0 else None

    @property
    def can_go_back(self) -> bool:
        """True when there is a location before the current one."""
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        """True when the person went back and can go forward again."""
        return self._index < len(self._stack) - 1

    def visit(self, location: Location) -> None:
        """Record a new location, dropping the forward trail (as browsers do)."""
        if self.current == location:
            return
        del self._stack[self._index + 1 :]
        self._stack.append(location)
        if len(self._stack) > self._limit:
            del self._stack[0]
        self._index = len(self._stack) - 1

    def replace(self, location: Location) -> None:
        """Change the current location in place (e.g. the anchor moved)."""
        if self._index < 0:
            self.visit(location)
        else:
            self._stack[self._index] = location

    def back(self) -> Location | None:
        """Step back; the location to show, or None at the start."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Location | None:
        """Step forward; the location to show, or None at the end."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current
