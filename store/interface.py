"""The store's public interface: what every engine (TinyDB file, PostgreSQL) offers.

Screens and commands hold a :class:`Store` and never know which engine is behind it; the
composition layer (``helpdesk.compose.engine``) opens one. Each engine's contract is the same
test suite (``tests/test_store_contract.py``).

Documents (:data:`Tables`) are the engine-neutral form of everything stored, as the TinyDB file
keeps it: ``dump()`` gives them and ``load()`` replaces a store's contents with them, which is how
``helpdesk db copy`` moves an office between engines.
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from helpdesk.request_status import OPEN_STATUSES
from store.export import is_calendar_file, requests_csv, write_export, write_output
from store.lote_csv import TEMPLATE as LOTE_CSV_TEMPLATE
from store.lote_csv import ParsedLote
from store.lote_csv import read_file as read_lote_csv
from store.request_records import Request, RequestSummary

if TYPE_CHECKING:
    from helpdesk.license_fields import FieldChange
    from helpdesk.licenses import Deadline, License
    from helpdesk.lote_import import ImportPreview
    from store.feedback import Miss, Vote
    from store.licenses import ImportResult
    from store.privacy import ErasurePlan, ErasureReport

__all__ = [
    "COPIED_TABLES",
    "LOTE_CSV_TEMPLATE",
    "Doc",
    "LicenseStore",
    "MissStore",
    "ParsedLote",
    "Request",
    "RequestStore",
    "RequestSummary",
    "Store",
    "Tables",
    "VoteStore",
    "describe_erasure",
    "is_calendar_file",
    "open_data_file",
    "read_lote_csv",
    "requests_csv",
    "write_export",
    "write_output",
]
"""What screens and commands may use of the store: the engines' protocols, the values they return,
the file formats they read and write (lote CSV in, requests out) and the default engine's opener.
Everything else in ``store`` is internal (an import-linter contract keeps screens to this module
and ``store.errors``)."""

Doc = dict[str, Any]
Tables = dict[str, dict[str, Doc]]
"""Every table by name, each document by its key (the TinyDB file's layout)."""

COPIED_TABLES = ("licenses", "requests", "request_details", "votes", "search_misses")
"""The tables ``dump``/``load`` carry, in an order that respects references."""


class RequestStore(Protocol):
    """Requests: submit, list, read and move them through their statuses."""

    def open_duplicates(self, kind_id: str, support_id: str) -> builtins.list[str]:
        """Protocols of open requests of this kind for this license."""
        ...

    def submit(
        self, kind_id: str, raw: Mapping[str, str], now: datetime, *, force: bool = False
    ) -> Request:
        """Evaluate and durably save a request (InputError, RequestRefused, DuplicateRequest)."""
        ...

    def list(
        self, kind: str | None = None, status: str | None = None
    ) -> builtins.list[RequestSummary]:
        """Requests, newest first, optionally of one kind and/or status."""
        ...

    def get(self, protocol: str) -> Request:
        """The whole request; NotFound if no request has this protocol."""
        ...

    def all(self) -> builtins.list[Request]:
        """Every request in full, newest first (for exports)."""
        ...

    def mark(self, protocol: str, status: str, now: datetime, note: str = "") -> Request:
        """Move an open request forward; InputError otherwise."""
        ...

    def withdraw(self, protocol: str, now: datetime, note: str = "") -> Request:
        """Withdraw an open request and undo its change to the lote when still possible."""
        ...


class LicenseStore(Protocol):
    """The lote: its licenses and their history."""

    def list(self) -> builtins.list[License]:
        """Every license, ordered by ID Suporte."""
        ...

    def get(self, support_id: str) -> License | None:
        """The license with this ID Suporte, or None."""
        ...

    def history(self, support_id: str) -> builtins.list[dict[str, Any]]:
        """The license's changes, oldest first."""
        ...

    def with_history(self) -> builtins.list[tuple[License, builtins.list[dict[str, Any]]]]:
        """Every license with its history, ordered by ID Suporte."""
        ...

    def deadlines(
        self, today: date, within: int | None = None, action: str | None = None
    ) -> builtins.list[tuple[License, Deadline]]:
        """Each license's next deadline that matters, soonest first."""
        ...

    def open_requests(
        self, statuses: Collection[str] = OPEN_STATUSES
    ) -> dict[str, builtins.list[str]]:
        """Protocols of the open requests of each license (in ``statuses``), by ID Suporte."""
        ...

    def preview_import(self, licenses: Sequence[License]) -> ImportPreview:
        """What importing ``licenses`` would change (nothing is written)."""
        ...

    def add(self, lic: License, now: datetime) -> None:
        """Add a license typed by hand; LicenseConflict if it is already in the lote."""
        ...

    def edit(self, support_id: str, lic: License, now: datetime) -> builtins.list[FieldChange]:
        """Replace a license's data (status kept); the changed fields."""
        ...

    def remove(self, support_id: str) -> License:
        """Take a license out of the lote (its requests stay)."""
        ...

    def save(self, lic: License, now: datetime) -> None:
        """Add a license or replace its data (its history is kept and extended)."""
        ...

    def import_licenses(self, licenses: Sequence[License], now: datetime) -> ImportResult:
        """Add or update many licenses in one atomic write."""
        ...

    def apply_request(
        self,
        kind: str,
        values: Mapping[str, Any],
        effective_on: date | None,
        protocol: str,
        now: datetime,
    ) -> dict[str, Any] | None:
        """Change the license as a just-sent request says; returns what to undo."""
        ...


class VoteStore(Protocol):
    """ "Was this article useful?" votes."""

    def add(self, article_id: str, useful: bool, reason: str | None, at: datetime) -> Vote:
        """Save one vote durably and return it."""
        ...

    def list(self, article_id: str | None = None) -> builtins.list[Vote]:
        """Every vote (of one article, when given), oldest first."""
        ...

    def tally(self, article_id: str) -> tuple[int, int]:
        """``(useful, total)`` votes of an article."""
        ...


class MissStore(Protocol):
    """Searches that found nothing."""

    def add(self, query: str, at: datetime) -> Miss:
        """Count one more miss of ``query`` and return its tally."""
        ...

    def list(self) -> builtins.list[Miss]:
        """Every missed query, most frequent first."""
        ...


class Store(Protocol):
    """One helpdesk store, whatever the engine."""

    @property
    def requests(self) -> RequestStore:
        """Requests."""
        ...

    @property
    def licenses(self) -> LicenseStore:
        """The lote."""
        ...

    @property
    def votes(self) -> VoteStore:
        """Article votes."""
        ...

    @property
    def misses(self) -> MissStore:
        """Searches without results."""
        ...

    def transaction(self) -> contextlib.AbstractContextManager[object]:
        """Group several operations into one atomic commit."""
        ...

    def preview_erasure(self, support_id: str, now: datetime) -> ErasurePlan:
        """What erasing ``support_id`` would change (nothing is written)."""
        ...

    def erase_client(self, support_id: str, now: datetime) -> ErasureReport:
        """LGPD: remove everything that identifies the client of ``support_id`` (one commit)."""
        ...

    def describe(self) -> str:
        """Where the store is, safe to show (a URL's password is masked)."""
        ...

    def schema_version(self) -> int | None:
        """The stored schema version (None for a store never written)."""
        ...

    def counts(self) -> dict[str, int]:
        """How many documents each table holds."""
        ...

    def dump(self) -> Tables:
        """Every stored document in the engine-neutral form (see ``COPIED_TABLES``)."""
        ...

    def load(self, tables: Mapping[str, Mapping[str, Doc]]) -> None:
        """Replace the whole contents with ``tables`` in one transaction (``db copy``)."""
        ...

    def changed_since(self, token: object) -> tuple[bool, object]:
        """Whether someone changed the store since ``token`` and the new token (for refreshes)."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...


def open_data_file(path: Path) -> Store:
    """The embedded default engine: the TinyDB data file at ``path`` (opened, not yet read)."""
    from store.database import Database

    return Database(path)


def describe_erasure(plan: ErasurePlan) -> builtins.list[str]:
    """What erasing a client will change, in Portuguese, one line per item (before confirming)."""
    from store.privacy import describe_plan

    return describe_plan(plan)
