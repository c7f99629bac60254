"""Article votes ("Este artigo foi útil?") and searches that found nothing."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from helpdesk.clock import to_sao_paulo
from helpdesk.errors import InputError
from helpdesk.text_safety import has_unsafe
from store import names

if TYPE_CHECKING:
    from store.database import Database

VOTES_TABLE = names.VOTES
MISSES_TABLE = names.SEARCH_MISSES


@dataclass(frozen=True)
class Vote:
    """One answer to "was this article useful?"."""

    article_id: str
    useful: bool
    reason: str | None
    at: datetime


@dataclass(frozen=True)
class Miss:
    """A search that found nothing, with how many times it was typed."""

    query: str
    count: int
    last_at: datetime


class VoteRepository:
    """Votes on articles; no personal data is asked, but the reason is free text."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, article_id: str, useful: bool, reason: str | None, at: datetime) -> Vote:
        """Save one vote durably and return it."""
        if reason and has_unsafe(reason):
            raise InputError("Motivo", "não use caracteres de controle nem de direção do texto.")
        vote = Vote(article_id, bool(useful), reason or None, to_sao_paulo(at))
        self._db.table(VOTES_TABLE).insert(
            {
                "article_id": vote.article_id,
                "useful": vote.useful,
                "reason": vote.reason,
                "at": vote.at.isoformat(),
            }
        )
        return vote

    def list(self, article_id: str | None = None) -> builtins.list[Vote]:
        """Every vote (of one article, when given), oldest first."""
        with self._db.storage.locked():
            docs = list(self._db.storage.table(VOTES_TABLE).values())
        return [
            Vote(
                doc["article_id"],
                doc["useful"],
                doc.get("reason"),
                datetime.fromisoformat(doc["at"]),
            )
            for doc in docs
            if article_id is None or doc["article_id"] == article_id
        ]

    def tally(self, article_id: str) -> tuple[int, int]:
        """``(useful, total)`` votes of an article."""
        useful = total = 0
        with self._db.storage.locked():
            for doc in self._db.storage.table(VOTES_TABLE).values():
                if doc["article_id"] == article_id:
                    total += 1
                    useful += bool(doc["useful"])
        return useful, total


class MissRepository:
    """Searches without results, counted per normalised query (what the help center lacks)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, query: str, at: datetime) -> Miss:
        """Count one more miss of ``query`` (trimmed, lower-cased) and return its tally."""
        if has_unsafe(query):
            # It is printed back by ``search --misses``: a terminal would obey an ESC in it.
            raise InputError("Busca", "não use caracteres de controle nem de direção do texto.")
        key = " ".join(query.split()).lower()
        moment = to_sao_paulo(at).isoformat()
        with self._db.transaction():
            table = self._db.table(MISSES_TABLE)
            for doc_id, doc in list(self._db.storage.table(MISSES_TABLE).items()):
                if doc["query"] == key:
                    count = int(doc["count"]) + 1
                    table.update({"count": count, "last_at": moment}, doc_ids=[int(doc_id)])
                    return Miss(key, count, datetime.fromisoformat(moment))
            table.insert({"query": key, "count": 1, "last_at": moment})
        return Miss(key, 1, datetime.fromisoformat(moment))

    def list(self) -> builtins.list[Miss]:
        """Every missed query, most frequent first."""
        with self._db.storage.locked():
            docs = list(self._db.storage.table(MISSES_TABLE).values())
        misses = [
            Miss(doc["query"], int(doc["count"]), datetime.fromisoformat(doc["last_at"]))
            for doc in docs
        ]
        return sorted(misses, key=lambda miss: (-miss.count, miss.query))
