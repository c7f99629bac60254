"""Help center search: Portuguese-aware matching, synonyms, typos and BM25 ranking with field weights, in-process.

``text`` folds and stems, ``synonyms`` reads the authors' synonym groups, ``index`` ranks,
``query`` understands what was typed, ``snippet`` shows why a result matched, ``engine`` ties them
together for the CLI, the search screen and the command palette; ``misses`` remembers searches
that found nothing.
"""

from __future__ import annotations

from helpdesk.search.actions import ActionEntry, load_actions
from helpdesk.search.engine import SearchEngine, SearchResult, build_engine
from helpdesk.search.synonyms import Synonyms, build_synonyms, load_synonyms

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
