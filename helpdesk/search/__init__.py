"""Help center search: Portuguese-aware matching, synonyms, typos and BM25 ranking with field weights, in-process.

``text`` folds and stems, ``synonyms`` reads the authors' synonym groups, ``index`` ranks,
``query`` understands what was typed, ``snippet`` shows why a result matched, ``engine`` ties them
together for the CLI, the search screen and the command palette; ``misses`` remembers searches
that found nothing.

The names below load with their modules when first used: the list filters only fold text
(``text.fold``) and need not pay for the engine, its edit-distance library and its index.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helpdesk.search.actions import ActionEntry, load_actions
    from helpdesk.search.engine import SearchEngine, SearchResult, build_engine
    from helpdesk.search.synonyms import Synonyms, build_synonyms, load_synonyms

_HOMES = {
    "ActionEntry": "actions",
    "load_actions": "actions",
    "SearchEngine": "engine",
    "SearchResult": "engine",
    "build_engine": "engine",
    "Synonyms": "synonyms",
    "build_synonyms": "synonyms",
    "load_synonyms": "synonyms",
}
"""Public name → the module of this package that defines it."""

__all__ = [
    "ActionEntry",
    "SearchEngine",
    "SearchResult",
    "Synonyms",
    "build_engine",
    "build_synonyms",
    "load_actions",
    "load_synonyms",
]


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
