"""Article votes and searches without results, on PostgreSQL."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import TYPE_CHECKING

from helpdesk.clock import to_sao_paulo
from store.feedback import Miss, Vote

if TYPE_CHECKING:
    from store.postgres.database import PostgresDatabase


class PgVoteRepository:
    """Votes on articles."""

    def __init__(self, db: PostgresDatabase) -> None:
        self._db = db

    def add(self, article_id: str, useful: bool, reason: str | None, at: datetime) -> Vote:
        """Save one vote durably and return it."""
        vote = Vote(article_id, bool(useful), reason or None, to_sao_paulo(at))
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT INTO votes (article_id, useful, reason, at) VALUES (%s, %s, %s, %s)",
                (vote.article_id, vote.useful, vote.reason, vote.at),
            )
        return vote

    def list(self, article_id: str | None = None) -> builtins.list[Vote]:
        """Every vote (of one article, when given), oldest first."""
        with self._db.transaction() as cur:
            found = cur.execute(
                "SELECT * FROM votes WHERE %(a)s::text IS NULL OR article_id = %(a)s ORDER BY id",
                {"a": article_id},
            ).fetchall()
        return [
            Vote(row["article_id"], row["useful"], row["reason"], to_sao_paulo(row["at"]))
            for row in found
        ]

    def tally(self, article_id: str) -> tuple[int, int]:
        """``(useful, total)`` votes of an article."""
        with self._db.transaction() as cur:
            row = cur.execute(
                "SELECT count(*) FILTER (WHERE useful) AS useful, count(*) AS total "
                "FROM votes WHERE article_id = %s",
                (article_id,),
            ).fetchone()
        assert row is not None
        return int(row["useful"]), int(row["total"])


class PgMissRepository:
    """Searches without results, counted per normalised query."""

    def __init__(self, db: PostgresDatabase) -> None:
        self._db = db

    def add(self, query: str, at: datetime) -> Miss:
        """Count one more miss of ``query`` (trimmed, lower-cased) and return its tally."""
        key = " ".join(query.split()).lower()
        moment = to_sao_paulo(at)
        with self._db.transaction() as cur:
            row = cur.execute(
                "INSERT INTO search_misses (query, count, last_at) VALUES (%s, 1, %s) "
                "ON CONFLICT (query) DO UPDATE SET count = search_misses.count + 1, "
                "last_at = EXCLUDED.last_at RETURNING count",
                (key, moment),
            ).fetchone()
        assert row is not None
        return Miss(key, int(row["count"]), moment)

    def list(self) -> builtins.list[Miss]:
        """Every missed query, most frequent first."""
        with self._db.transaction() as cur:
            found = cur.execute("SELECT * FROM search_misses ORDER BY count DESC, query").fetchall()
        return [
            Miss(row["query"], int(row["count"]), to_sao_paulo(row["last_at"])) for row in found
        ]
