"""The app with its real type, for screens, widgets and palette providers that use its services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App

    from screens.app import HelpdeskApp


class _HasApp(Protocol):
    """Anything Textual attaches to the running app (a DOM node, a command provider)."""

    @property
    def app(self) -> App[Any]:
        """The running app."""
        ...


class HelpdeskAware:
    """Adds ``helpdesk``: the running app typed as :class:`HelpdeskApp` (clock, store, catalog)."""

    @property
    def helpdesk(self: _HasApp) -> HelpdeskApp:
        """The app, typed."""
        return cast("HelpdeskApp", self.app)
