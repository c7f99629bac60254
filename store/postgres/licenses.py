"""The lote on PostgreSQL: the file engine's rules over rows locked while they change."""

from __future__ import annotations

import builtins
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from helpdesk.license_fields import FieldChange
from helpdesk.licenses import Deadline, License, next_deadline
from helpdesk.lote_import import ImportPreview, preview_import
from helpdesk.request_status import OPEN_STATUSES
from store.errors import LicenseConflict
from store.licenses import (
    ImportResult,
    added,
    edited,
    from_doc,
    imported,
    request_change,
    require_started,
    reverted,
    with_status,
)
from store.postgres import rows

if TYPE_CHECKING:
    from store.postgres.database import PostgresDatabase


class PgLicenseRepository:
    """Read and change the lote, on PostgreSQL."""

    def __init__(self, db: PostgresDatabase) -> None:
        self._db = db

    def list(self) -> builtins.list[License]:
        """Every license, ordered by ID Suporte."""
        with self._db.transaction() as cur:
            found = cur.execute("SELECT * FROM licenses ORDER BY support_id").fetchall()
        return [from_doc(rows.license_doc(row, ())) for row in found]

    def get(self, support_id: str) -> License | None:
        """The license with this ID Suporte, or None."""
        found = self._find(support_id)
        return from_doc(found[1]) if found else None

    def history(self, support_id: str) -> builtins.list[dict[str, Any]]:
        """The license's changes, oldest first (``at``, ``event``, ``protocol``, ``previous``)."""
        found = self._find(support_id)
        return [dict(entry) for entry in found[1]["history"]] if found else []

    def with_history(self) -> builtins.list[tuple[License, builtins.list[dict[str, Any]]]]:
        """Every license with its history, ordered by ID Suporte (for the full export)."""
        with self._db.transaction() as cur:
            docs = rows.load_licenses(cur, "true", ())
        return [(from_doc(doc), [dict(e) for e in doc["history"]]) for doc in docs.values()]

    def deadlines(
        self, today: date, within: int | None = None, action: str | None = None
    ) -> builtins.list[tuple[License, Deadline]]:
        """Each license's next deadline that matters, soonest first (within N days if given)."""
        pairs = []
        for lic in self.list():
            lic = with_status(lic, today)
            deadline = next_deadline(lic, today)
            if deadline is None or (action is not None and deadline.action != action):
                continue
            if within is not None and deadline.days_left(today) > within:
                continue
            pairs.append((lic, deadline))
        return sorted(pairs, key=lambda pair: (pair[1].when, pair[0].support_id))

    def locked(self, support_id: str) -> tuple[int, dict[str, Any]] | None:
        """``(id, document)`` of a license, row-locked until the transaction ends, or None."""
        return self._find(support_id, lock=True)

    def _find(self, support_id: str, *, lock: bool = False) -> tuple[int, dict[str, Any]] | None:
        """``(id, document)`` of a license, row-locked if asked, or None."""
        with self._db.transaction() as cur:
            if lock:
                cur.execute(
                    "SELECT id FROM licenses WHERE support_id = %s FOR UPDATE",
                    (support_id.strip(),),
                )
            found = rows.load_licenses(cur, "l.support_id = %s", (support_id.strip(),))
        return next(iter(found.items())) if found else None

    def open_requests(
        self, statuses: Collection[str] = OPEN_STATUSES
    ) -> dict[str, builtins.list[str]]:
        """Protocols of the open requests of each license, by ID Suporte, oldest first
        (``statuses`` narrows them)."""
        found: dict[str, builtins.list[str]] = {}
        with self._db.transaction() as cur:
            for row in cur.execute(
                "SELECT support_id, protocol FROM requests WHERE status = ANY(%s) "
                "AND support_id <> '' ORDER BY id",
                (sorted(statuses),),
            ):
                found.setdefault(row["support_id"], []).append(row["protocol"])
        return found

    def preview_import(self, licenses: Sequence[License]) -> ImportPreview:
        """What importing ``licenses`` would change (nothing is written)."""
        with self._db.transaction():
            return preview_import(self.list(), licenses, self.open_requests())

    def add(self, lic: License, now: datetime) -> None:
        """Add a license typed by hand; LicenseConflict if its ID Suporte is already in the lote
        or its term starts after ``now``."""
        require_started([lic], now)
        with self._db.transaction() as cur:
            cur.execute("LOCK TABLE licenses IN SHARE ROW EXCLUSIVE MODE")
            if self._find(lic.support_id) is not None:
                raise LicenseConflict(
                    lic.support_id, f"A licença {lic.support_id} já está no lote; edite-a."
                )
            rows.write_license(cur, None, added(lic, now))

    def edit(self, support_id: str, lic: License, now: datetime) -> builtins.list[FieldChange]:
        """Replace a license's data (status kept), noting each changed field in its history."""
        require_started([lic], now)
        with self._db.transaction() as cur:
            key, old = self._require(support_id)
            new, changes = edited(old, lic, now)
            if changes:
                rows.write_license(cur, key, new)
        return changes

    def remove(self, support_id: str) -> License:
        """Take a license out of the lote (its requests stay); returns what was removed."""
        with self._db.transaction() as cur:
            key, old = self._require(support_id)
            cur.execute("DELETE FROM licenses WHERE id = %s", (key,))
        return from_doc(old)

    def _require(self, support_id: str) -> tuple[int, dict[str, Any]]:
        """``(id, document)`` of a license that must be in the lote (row-locked)."""
        found = self._find(support_id, lock=True)
        if found is None:
            raise LicenseConflict(
                support_id.strip(), f"A licença {support_id.strip()} não está no lote."
            )
        return found

    def save(self, lic: License, now: datetime) -> None:
        """Add a license or replace its data (its history is kept and extended)."""
        self.import_licenses([lic], now)

    def import_licenses(self, licenses: Sequence[License], now: datetime) -> ImportResult:
        """Add or update many licenses in one transaction; an existing status is kept."""
        require_started(licenses, now)
        added = updated = 0
        with self._db.transaction() as cur:
            # Two imports at once would both add the same new license: one waits for the other.
            cur.execute("LOCK TABLE licenses IN SHARE ROW EXCLUSIVE MODE")
            wanted = [lic.support_id for lic in licenses]
            existing = {
                doc["support_id"]: (key, doc)
                for key, doc in rows.load_licenses(cur, "l.support_id = ANY(%s)", (wanted,)).items()
            }
            for lic in licenses:
                old = existing.get(lic.support_id)
                doc = imported(old[1] if old else None, lic, now)
                if doc is None:
                    continue
                key = rows.write_license(cur, old[0] if old else None, doc)
                if old:
                    updated += 1
                else:
                    added += 1
                existing[lic.support_id] = (key, doc)
        return ImportResult(added, updated)

    def apply_request(
        self,
        kind: str,
        values: Mapping[str, Any],
        effective_on: date | None,
        protocol: str,
        now: datetime,
    ) -> dict[str, Any] | None:
        """Change the license as a just-sent request says; returns what to undo on withdrawal."""
        with self._db.transaction() as cur:
            found = self._find(str(values.get("support_id", "")), lock=True)
            if found is None:
                return None
            changed = request_change(found[1], kind, values, effective_on, protocol, now)
            if changed is None:
                return None
            rows.write_license(cur, found[0], changed[0])
            return changed[1]

    def revert_request(self, effect: Mapping[str, Any], protocol: str, now: datetime) -> bool:
        """Undo a withdrawn request's change, if it is still the license's latest; True if undone."""
        with self._db.transaction() as cur:
            found = self._find(str(effect.get("support_id", "")), lock=True)
            if found is None:
                return False
            new = reverted(found[1], effect, protocol, now)
            if new is None:
                return False
            rows.write_license(cur, found[0], new)
            return True
