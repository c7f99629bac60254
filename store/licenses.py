"""The partner's lote: one document per license, with its history of changes."""

from __future__ import annotations

import builtins
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from helpdesk.clock import to_sao_paulo
from helpdesk.documents import format_date
from helpdesk.errors import InputError
from helpdesk.license_fields import FieldChange, differences
from helpdesk.licenses import (
    ACTIVE,
    Deadline,
    License,
    next_deadline,
    with_status,
)
from helpdesk.licenses import effective_status as effective_status  # re-exported for callers
from helpdesk.lote_import import ImportPreview, preview_import
from helpdesk.policy import POLICY
from helpdesk.renewal import check_started
from helpdesk.request_kinds import KINDS
from helpdesk.request_status import OPEN_STATUSES
from store import names
from store.errors import LicenseConflict
from store.snapshot import decode_all

if TYPE_CHECKING:
    from store.database import Database
    from store.storage import Doc

LICENSES_TABLE = names.LICENSES
PERSONAL_KEYS = ("client", "cnpj", "email")
"""License attributes that identify a client (erased on request, masked in lists)."""


@dataclass(frozen=True)
class ImportResult:
    """How many licenses an import added and updated."""

    added: int
    updated: int


def _by_support_id(doc: Mapping[str, Any]) -> str:
    """Index key: the ID Suporte."""
    return str(doc["support_id"])


def _iso(value: date | None) -> str | None:
    """A date as stored (ISO) or None."""
    return value.isoformat() if value else None


def _date(value: Any) -> date | None:
    """A stored ISO date back as a date."""
    return date.fromisoformat(value) if value else None


def to_doc(lic: License) -> Doc:
    """The stored form of a license (without its history)."""
    return {
        "support_id": lic.support_id,
        "client": lic.client,
        "cnpj": lic.cnpj,
        "email": lic.email,
        "term_start": _iso(lic.term_start),
        "renews_on": _iso(lic.renews_on),
        "cycle_months": lic.cycle_months,
        "conta_pj": lic.conta_pj,
        "status": lic.status,
        "cancels_on": _iso(lic.cancels_on),
    }


def from_doc(doc: Mapping[str, Any]) -> License:
    """A stored license back as the core's ``License``."""
    return License(
        support_id=doc["support_id"],
        client=doc.get("client") or "",
        cnpj=doc.get("cnpj") or "",
        email=doc.get("email") or "",
        term_start=_date(doc.get("term_start")),
        renews_on=_date(doc.get("renews_on")),
        cycle_months=int(doc.get("cycle_months") or POLICY.default_cycle_months),
        conta_pj=bool(doc.get("conta_pj")),
        status=doc.get("status") or ACTIVE,
        cancels_on=_date(doc.get("cancels_on")),
    )


def _event(now: datetime, text: str, protocol: str | None = None, **extra: Any) -> Doc:
    """One history entry (the text is shown to the person, in Portuguese)."""
    return {"at": to_sao_paulo(now).isoformat(), "event": text, "protocol": protocol, **extra}


def _change_event(now: datetime, text: str, changes: Sequence[FieldChange]) -> Doc:
    """A history entry naming the fields changed, with the values before and after."""
    named = ", ".join(change.label for change in changes)
    return _event(
        now,
        f"{text}: {named}" if named else text,
        changes={change.name: [change.before, change.after] for change in changes},
    )


class LicenseRepository:
    """Read and change the lote. Every method is one locked, fresh, durable operation."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ----------------------------------------------------------------------------- reading

    def list(self) -> builtins.list[License]:
        """Every license, ordered by ID Suporte."""
        with self._db.storage.locked():
            docs = list(self._db.storage.table(LICENSES_TABLE).values())
        return sorted((from_doc(doc) for doc in docs), key=lambda lic: lic.support_id)

    def with_history(self) -> builtins.list[tuple[License, builtins.list[dict[str, Any]]]]:
        """Every license with its history, ordered by ID Suporte (for the full export)."""
        with self._db.storage.locked():
            docs = list(self._db.storage.table(LICENSES_TABLE).values())
        pairs = [(from_doc(doc), [dict(entry) for entry in doc.get("history", [])]) for doc in docs]
        return sorted(pairs, key=lambda pair: pair[0].support_id)

    def get(self, support_id: str) -> License | None:
        """The license with this ID Suporte, or None."""
        found = self._find(support_id)
        return from_doc(found[1]) if found else None

    def history(self, support_id: str) -> builtins.list[dict[str, Any]]:
        """The license's changes, oldest first (``at``, ``event``, ``protocol``, ``previous``)."""
        found = self._find(support_id)
        return [dict(entry) for entry in found[1].get("history", [])] if found else []

    def deadlines(
        self, today: date, within: int | None = None, action: str | None = None
    ) -> builtins.list[tuple[License, Deadline]]:
        """Each license's next deadline that matters, soonest first (within N days if given).

        ``action`` keeps only deadlines acted on by that request kind (``cancel``: the notice).
        """
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

    def open_requests(
        self, statuses: Collection[str] = OPEN_STATUSES
    ) -> dict[str, builtins.list[str]]:
        """Protocols of the open requests of each license, by ID Suporte, oldest first.

        ``statuses`` narrows them (``{REGISTERED}``: saved but not yet sent to support)."""
        found: dict[str, builtins.list[str]] = {}
        with self._db.storage.locked():
            table = self._db.storage.table(names.REQUESTS)
            decode_all(table)
            docs = list(table.values())
        for doc in docs:
            if doc.get("status") in statuses and doc.get("support_id"):
                found.setdefault(str(doc["support_id"]), []).append(str(doc["protocol"]))
        return found

    def preview_import(self, licenses: Sequence[License]) -> ImportPreview:
        """What importing ``licenses`` would change (nothing is written)."""
        with self._db.storage.locked():
            stored = [from_doc(doc) for doc in self._db.storage.table(LICENSES_TABLE).values()]
            open_requests = self.open_requests()
        return preview_import(stored, licenses, open_requests)

    def _find(self, support_id: str) -> tuple[str, Doc] | None:
        """``(doc id, document)`` of a license, from fresh data."""
        storage = self._db.storage
        with storage.locked():
            ids = storage.lookup(LICENSES_TABLE, "support_id", _by_support_id, support_id.strip())
            return (ids[0], storage.table(LICENSES_TABLE)[ids[0]]) if ids else None

    # ----------------------------------------------------------------------------- writing

    def add(self, lic: License, now: datetime) -> None:
        """Add a license typed by hand; LicenseConflict if its ID Suporte is already in the lote
        or its term starts after ``now`` (``require_started``)."""
        require_started([lic], now)
        with self._db.transaction():
            if self._find(lic.support_id) is not None:
                raise LicenseConflict(
                    lic.support_id, f"A licença {lic.support_id} já está no lote; edite-a."
                )
            key = str(self._db.storage.allocate_id(LICENSES_TABLE))
            doc = added(lic, now)
            self._db.storage.apply(LICENSES_TABLE, {key: doc})

    def edit(self, support_id: str, lic: License, now: datetime) -> builtins.list[FieldChange]:
        """Replace a license's data (status kept), noting each changed field in its history.

        Returns the changes (empty when nothing differs: then nothing is written).
        """
        require_started([lic], now)
        with self._db.transaction():
            key, old = self._require(support_id)
            new, changes = edited(old, lic, now)
            if not changes:
                return []
            self._db.storage.apply(LICENSES_TABLE, {key: new})
        return changes

    def remove(self, support_id: str) -> License:
        """Take a license out of the lote (its requests stay); returns what was removed."""
        with self._db.transaction():
            key, old = self._require(support_id)
            self._db.storage.apply(LICENSES_TABLE, {}, [key])
        return from_doc(old)

    def _require(self, support_id: str) -> tuple[str, Doc]:
        """``(doc id, document)`` of a license that must be in the lote."""
        found = self._find(support_id)
        if found is None:
            raise LicenseConflict(
                support_id.strip(), f"A licença {support_id.strip()} não está no lote."
            )
        return found

    def save(self, lic: License, now: datetime) -> None:
        """Add a license or replace its data (its history is kept and extended)."""
        self.import_licenses([lic], now)

    def import_licenses(self, licenses: Sequence[License], now: datetime) -> ImportResult:
        """Add or update many licenses in one atomic write; an existing status is kept.

        LicenseConflict, with nothing written, if any term starts after ``now``."""
        require_started(licenses, now)
        added = updated = 0
        with self._db.transaction():
            existing = {doc["support_id"]: (key, doc) for key, doc in self._table_items()}
            upserts: dict[str, Doc] = {}
            for lic in licenses:
                old = existing.get(lic.support_id)
                doc = imported(old[1] if old else None, lic, now)
                if doc is None:
                    continue
                if old:
                    key = old[0]
                    updated += 1
                else:
                    key = str(self._db.storage.allocate_id(LICENSES_TABLE))
                    added += 1
                upserts[key] = doc
                existing[lic.support_id] = (key, doc)
            if upserts:
                self._db.storage.apply(LICENSES_TABLE, upserts)
        return ImportResult(added, updated)

    def apply_request(
        self,
        kind: str,
        values: Mapping[str, Any],
        effective_on: date | None,
        protocol: str,
        now: datetime,
    ) -> dict[str, Any] | None:
        """Change the license as a just-sent request says; returns what to undo on withdrawal.

        Cancel and refund schedule the cancellation for ``effective_on``; a transfer makes the
        license leave the lote on that date; a substitution replaces the client, keeping the
        previous one in the history. Other kinds, or licenses not in the lote, change nothing.
        """
        found = self._find(str(values.get("support_id", "")))
        if found is None:
            return None
        key, doc = found
        changed = request_change(doc, kind, values, effective_on, protocol, now)
        if changed is None:
            return None
        self._db.storage.apply(LICENSES_TABLE, {key: changed[0]})
        return changed[1]

    def revert_request(self, effect: Mapping[str, Any], protocol: str, now: datetime) -> bool:
        """Undo a withdrawn request's change, if it is still the license's latest; True if undone."""
        found = self._find(str(effect.get("support_id", "")))
        if found is None:
            return False
        key, doc = found
        new = reverted(doc, effect, protocol, now)
        if new is None:
            return False
        self._db.storage.apply(LICENSES_TABLE, {key: new})
        return True

    def _table_items(self) -> builtins.list[tuple[str, Doc]]:
        """The license documents with their ids (fresh)."""
        return list(self._db.storage.table(LICENSES_TABLE).items())


def require_started(licenses: Sequence[License], now: datetime) -> None:
    """LicenseConflict if a license's term starts after ``now`` (the rule of ``check_started``).

    The forms and the CSV reader say so at the field or the line; this keeps every other way in
    (both engines) from adding a license whose every request would then be refused.
    """
    today = to_sao_paulo(now).date()
    for lic in licenses:
        if lic.term_start is None:
            continue
        try:
            check_started(lic.term_start, today, adding=True)
        except InputError as error:
            raise LicenseConflict(
                lic.support_id, f"Licença {lic.support_id}: {error.message}"
            ) from None


EFFECT_KINDS = tuple(kind.id for kind in KINDS.values() if kind.lote_effect is not None)
"""Request kinds that change the license they are about (their declaration says how)."""


def request_change(
    doc: Doc,
    kind: str,
    values: Mapping[str, Any],
    effective_on: date | None,
    protocol: str,
    now: datetime,
) -> tuple[Doc, dict[str, Any]] | None:
    """A license document as a just-sent request changes it, and what to undo on withdrawal.

    The kind's :class:`~helpdesk.request_kinds.LoteEffect` says what: a new status until
    ``effective_on`` (cancel and refund schedule the cancellation, a transfer makes the license
    leave the lote), or a new client at once, the previous one kept in the history (substitute).
    Kinds without an effect change nothing (None).
    """
    effect = KINDS[kind].lote_effect if kind in KINDS else None
    if effect is None:
        return None
    before = {name: doc.get(name) for name in ("status", "cancels_on", *PERSONAL_KEYS)}
    new = dict(doc)
    if effect.new_client:
        new.update({key: values.get(name) or "" for key, name in effect.new_client.items()})
        entry = _event(
            now,
            effect.history,
            protocol,
            previous={name: doc.get(name) for name in PERSONAL_KEYS},
        )
    else:
        new.update(status=effect.status, cancels_on=_iso(effective_on))
        text = effect.history.format(date=format_date(effective_on)) if effective_on else ""
        entry = _event(now, text or effect.undated or effect.history, protocol)
    new["history"] = [*doc.get("history", []), entry]
    return new, {"support_id": doc["support_id"], "before": before}


def reverted(doc: Doc, effect: Mapping[str, Any], protocol: str, now: datetime) -> Doc | None:
    """The license with a withdrawn request's change undone, or None if it can no longer be.

    Undone while no other request has changed the license since (its history says so); a field
    edited by hand or by an import since then keeps the newer value (the history names it).
    """
    history = doc.get("history", [])
    mine = [n for n, entry in enumerate(history) if entry.get("protocol") == protocol]
    if not mine:
        return None
    later = history[mine[-1] + 1 :]
    if any(entry.get("protocol") for entry in later):
        return None
    edited_since = {name for entry in later for name in entry.get("changes") or {}}
    before = {k: v for k, v in effect.get("before", {}).items() if k not in edited_since}
    new = {**doc, **before}
    new["history"] = [*history, _event(now, f"pedido {protocol} retirado: alteração desfeita")]
    return new


def imported(old: Doc | None, lic: License, now: datetime) -> Doc | None:
    """The document of ``lic`` after an import over ``old`` (None when nothing changes).

    An existing license keeps its status and scheduled cancellation; the changed fields are
    recorded in its history.
    """
    if old is None:
        return {**to_doc(lic), "history": [_event(now, "incluída no lote")]}
    doc = {**old, **to_doc(lic), "status": old.get("status", ACTIVE)}
    doc["cancels_on"] = old.get("cancels_on")
    if doc == old:
        return None
    changes = differences(from_doc(old), from_doc(doc))
    doc["history"] = [
        *old.get("history", []),
        _change_event(now, "dados atualizados pela importação do lote", changes),
    ]
    return doc


def added(lic: License, now: datetime) -> Doc:
    """The document of a license typed by hand."""
    return {**to_doc(lic), "history": [_event(now, "incluída no lote à mão")]}


def edited(old: Doc, lic: License, now: datetime) -> tuple[Doc, builtins.list[FieldChange]]:
    """A license's document after a hand edit (status kept) and the fields that changed."""
    new = {**old, **to_doc(lic), "support_id": old["support_id"]}
    new["status"], new["cancels_on"] = old.get("status", ACTIVE), old.get("cancels_on")
    changes = differences(from_doc(old), from_doc(new))
    if changes:
        new["history"] = [
            *old.get("history", []),
            _change_event(now, "dados alterados à mão", changes),
        ]
    return new, changes
