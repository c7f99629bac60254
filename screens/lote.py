"""Placeholder for the LoteScreen (being built)."""

from __future__ import annotations

from typing import Any

from screens._pending import PendingScreen


class LoteScreen(PendingScreen):
    """Not built yet."""

    def __init__(self, *args: Any) -> None:
        super().__init__("LoteScreen")
