"""Case- and accent-blind matching for the filters of lists and pickers."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """``text`` lower-cased without accents, so “joao” finds “João”."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    # Dropping every combining mark one by one is slow; most text only has Latin accents.
    return decomposed.encode("ascii", "ignore").decode("ascii")
