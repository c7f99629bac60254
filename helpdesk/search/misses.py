"""Searches that found nothing, remembered on this computer so article authors see what is missing.

One JSON object per line beside the data file, appended with ``O_APPEND`` (a line this short is
written whole even with two copies of the app running). Only the query and the moment are kept,
and long digit runs and e-mail addresses in the query are masked first: partners sometimes paste a
client's CNPJ or ID Suporte into a search box, and that must not be stored.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from helpdesk.clock import to_sao_paulo
from helpdesk.search.text import fold

MISSES_FILENAME = "search-misses.jsonl"
"""Name of the file, in the folder of the data file."""
MAX_QUERY_LENGTH = 200
"""Longer queries are cut: nobody types more into a search box, and the file stays small."""

_DIGITS = re.compile(r"\d[\d.\-/ ]{3,}\d")
_EMAIL = re.compile(r"\S+@\S+")
MASK = "•••"


def misses_path(db_path: Path) -> Path:
    """Where misses are kept for the data file ``db_path``."""
    return db_path.parent / MISSES_FILENAME


def clean_query(query: str) -> str:
    """The query as it is stored: one line, trimmed, with documents and e-mails masked."""
    text = " ".join(query.split())[:MAX_QUERY_LENGTH]
    text = _EMAIL.sub(MASK, text)
    return _DIGITS.sub(MASK, text)


@dataclass(frozen=True)
class Miss:
    """A query that found nothing: how it was last typed, how often, and when last."""

    query: str
    count: int
    last: datetime


class MissLog:
    """The misses file of one data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_db(cls, db_path: Path) -> MissLog:
        """The log beside the data file ``db_path``."""
        return cls(misses_path(db_path))

    def record(self, query: str, now: datetime) -> None:
        """Remember that ``query`` found nothing at ``now`` (blank queries are ignored)."""
        text = clean_query(query)
        if not text:
            return
        _private_dir(self.path.parent)
        line = json.dumps({"query": text, "at": to_sao_paulo(now).isoformat()}, ensure_ascii=False)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, (line + "\n").encode("utf-8"))
        finally:
            os.close(fd)

    def summary(self) -> list[Miss]:
        """Misses grouped by query (ignoring case and accents), most frequent first."""
        groups: dict[str, Miss] = {}
        for query, at in self._entries():
            key = " ".join(fold(query).split())
            seen = groups.get(key)
            if seen is None:
                groups[key] = Miss(query, 1, at)
            else:
                latest = at >= seen.last
                groups[key] = Miss(
                    query if latest else seen.query, seen.count + 1, max(at, seen.last)
                )
        return sorted(groups.values(), key=lambda m: (-m.count, -m.last.timestamp(), m.query))

    def _entries(self) -> list[tuple[str, datetime]]:
        """Every readable line of the file; a damaged line is skipped."""
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        entries = []
        for line in lines:
            with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError):
                data = json.loads(line)
                entries.append(
                    (str(data["query"]), to_sao_paulo(datetime.fromisoformat(data["at"])))
                )
        return entries


def _private_dir(folder: Path) -> None:
    """Create ``folder`` readable by its owner only (a folder that exists keeps its mode)."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):
            created.mkdir(mode=0o700)
            os.chmod(created, 0o700)
