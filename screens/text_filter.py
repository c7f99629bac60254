"""Case- and accent-blind matching for the filters of lists and pickers."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """``text`` lower-cased without accents, so “joao” finds “João”."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
