"""Requests: saved with their outcome and support message, numbered, followed through statuses.

Each request is two documents with the same id: a small one in ``requests`` (what lists, filters
and status changes need) and a larger one in ``request_details`` (the fields as submitted, the
evaluated outcome and the support message), written once at submission. Keeping them apart keeps
lists fast with thousands of requests.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Protocol

from helpdesk.clock import to_sao_paulo
from helpdesk.documents import format_moment, normalize_support_id, normalize_text
from helpdesk.errors import InputError
from helpdesk.fields import format_value
from helpdesk.licenses import LOTE_LICENSE, License, current_term
from helpdesk.outcome import Outcome
from helpdesk.request_kinds import KINDS, RequestKind, conflicts, get_kind
from helpdesk.request_status import (
    FLOW,
    OPEN_STATUSES,
    REGISTERED,
    STATUS_LABELS,
    WITHDRAWN,
    changes_lote,
)
from helpdesk.support import build_message
from store import keys, names
from store.errors import ConflictingRequest, DuplicateRequest, NotFound, RequestRefused
from store.packing import pack_detail, unpack_detail
from store.request_records import (
    Request,
    RequestSummary,
    StatusChange,
    history_from_doc,
    summary_from_doc,
)
from store.snapshot import decode_all

if TYPE_CHECKING:
    from store.database import Database
    from store.storage import Doc


class LicenseReader(Protocol):
    """What preparing a request reads from the lote."""

    def get(self, support_id: str) -> License | None:
        """The license with this ID Suporte, or None."""


REQUESTS_TABLE = names.REQUESTS
DETAILS_TABLE = names.REQUEST_DETAILS
_COUNTER_ID = "2"  # meta document holding the protocol counters, one per year

__all__ = [
    "DETAILS_TABLE",
    "REQUESTS_TABLE",
    "OpenRequest",
    "Prepared",
    "Request",
    "RequestRepository",
    "RequestSummary",
    "StatusChange",
]
"""The records live in ``store.request_records``; they are re-exported here, where callers
have always found them."""


@dataclass(frozen=True)
class OpenRequest:
    """An open request of a license, as the check before a new one needs it."""

    protocol: str
    kind: str
    status: str


@dataclass(frozen=True)
class Prepared:
    """A request ready to be saved: the fields (filled from the lote), parsed and evaluated."""

    kind: RequestKind
    fields: dict[str, str]
    values: dict[str, Any]
    outcome: Outcome
    license: License | None


class RequestRepository:
    """Submit requests and follow them. Every method is one locked, fresh, durable operation."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._summaries: dict[str, tuple[Doc, RequestSummary, tuple[float, str]]] = {}
        """Summaries already built, by doc id, valid while the stored document is the same object
        (stored documents are replaced on change, never mutated)."""

    # --------------------------------------------------------------------------- submitting

    def prepare(self, kind_id: str, raw: Mapping[str, str], now: datetime) -> Prepared:
        """Fill empty fields from the lote, parse and evaluate; InputError on bad input."""
        return prepare(self._db.licenses, kind_id, raw, now)

    def open_duplicates(self, kind_id: str, support_id: str) -> builtins.list[str]:
        """Protocols of open requests of this kind for this license (ask before a new one)."""
        return [item.protocol for item in self.open_for(support_id) if item.kind == kind_id]

    def open_for(self, support_id: str) -> builtins.list[OpenRequest]:
        """The open requests of a license, oldest first (what a new request is checked against)."""
        storage = self._db.storage
        found: builtins.list[tuple[int, OpenRequest]] = []
        with storage.locked():
            table = storage.table(REQUESTS_TABLE)
            for kind_id in KINDS:
                ids = storage.lookup(
                    REQUESTS_TABLE,
                    keys.KIND_AND_LICENSE,
                    keys.by_kind_and_license,
                    (kind_id, support_id.strip()),
                )
                for doc_id in ids:
                    doc = table[doc_id]
                    if doc["status"] in OPEN_STATUSES:
                        item = OpenRequest(doc["protocol"], doc["kind"], doc["status"])
                        found.append((int(doc_id), item))
        return [item for _, item in sorted(found, key=lambda pair: pair[0])]

    def submit(
        self, kind_id: str, raw: Mapping[str, str], now: datetime, *, force: bool = False
    ) -> Request:
        """Evaluate and durably save a request; returns it once it is on disk.

        Raises InputError (bad fields: nothing saved), RequestRefused (the rules refuse it, or
        ConflictingRequest: another open request contradicts it; nothing saved, ``.outcome`` says
        why) or DuplicateRequest (an open request of the same kind exists for the license; pass
        ``force=True`` once the person confirms); see ``check_open_requests``. The lote is
        not changed: that happens when the request is marked sent (see ``mark``).
        """
        moment = to_sao_paulo(now)
        with self._db.transaction():
            prepared = self.prepare(kind_id, raw, moment)
            if not prepared.outcome.accepted:
                raise RequestRefused(prepared.outcome)
            support_id = str(prepared.values.get("support_id", ""))
            check_open_requests(prepared.kind, support_id, self.open_for(support_id), force=force)
            protocol = self._next_protocol(moment)
            # The lote changes only once the request is sent (``mark``): a registered request
            # has not reached support, so the license keeps its status and deadlines.
            summary, detail = request_docs(prepared, protocol, moment, None)
            doc_id = str(self._db.storage.allocate_id(REQUESTS_TABLE))
            self._db.storage.apply(REQUESTS_TABLE, {doc_id: summary})
            self._db.storage.apply(DETAILS_TABLE, {doc_id: detail})
        return self._request(summary, detail)

    def _next_protocol(self, moment: datetime) -> str:
        """``HD-AAAA-NNNNNN``: the next number of the year (inside the submit transaction)."""
        from store.migrations import META_TABLE

        counters = dict(self._db.storage.table(META_TABLE).get(_COUNTER_ID) or {"protocols": {}})
        per_year = dict(counters.get("protocols", {}))
        year = str(moment.year)
        number = int(per_year.get(year, 0)) + 1
        per_year[year] = number
        self._db.storage.apply(META_TABLE, {_COUNTER_ID: {**counters, "protocols": per_year}})
        return protocol_text(moment.year, number)

    # ----------------------------------------------------------------------------- reading

    def list(
        self, kind: str | None = None, status: str | None = None
    ) -> builtins.list[RequestSummary]:
        """Requests, newest first, optionally of one kind and/or status."""
        known = self._summaries
        fresh: dict[str, tuple[Doc, RequestSummary, tuple[float, str]]] = {}
        picked = []
        # Iterated under the lock rather than copied: at 50,000 requests the copy's allocations
        # alone would wake the garbage collector over every stored document.
        with self._db.storage.locked():
            table = self._db.storage.table(REQUESTS_TABLE)
            decode_all(table)  # one parse for the whole list, not one per document
            for doc_id, doc in table.items():
                entry = known.get(doc_id)
                if entry is None or entry[0] is not doc:
                    summary = summary_from_doc(doc)
                    entry = (doc, summary, (summary.created_at.timestamp(), summary.protocol))
                fresh[doc_id] = entry
                if (kind is None or doc["kind"] == kind) and (
                    status is None or doc["status"] == status
                ):
                    picked.append(entry)
        self._summaries = fresh
        picked.sort(key=itemgetter(2), reverse=True)
        return [entry[1] for entry in picked]

    def get(self, protocol: str) -> Request:
        """The whole request; NotFound if no request has this protocol."""
        with self._db.storage.locked():
            doc_id, doc = self._find(protocol)
            detail = self._db.storage.table(DETAILS_TABLE).get(doc_id, {})
            return self._request(doc, detail)

    def all(self) -> builtins.list[Request]:
        """Every request in full, newest first (for exports)."""
        with self._db.storage.locked():
            details = self._db.storage.table(DETAILS_TABLE)
            summaries = self._db.storage.table(REQUESTS_TABLE)
            decode_all(details)
            decode_all(summaries)
            requests = [
                self._request(doc, details.get(doc_id, {})) for doc_id, doc in summaries.items()
            ]
        requests.sort(key=lambda r: (r.created_at, r.protocol), reverse=True)
        return requests

    def _find(self, protocol: str) -> tuple[str, Doc]:
        """``(doc id, summary document)`` of a protocol (fresh), or NotFound."""
        wanted = protocol.strip().upper()
        storage = self._db.storage
        with storage.locked():
            ids = storage.lookup(REQUESTS_TABLE, keys.PROTOCOL, keys.by_protocol, wanted)
            if not ids:
                raise NotFound("Pedido", wanted)
            return ids[0], storage.table(REQUESTS_TABLE)[ids[0]]

    @staticmethod
    def _request(doc: Mapping[str, Any], detail: Mapping[str, Any]) -> Request:
        """Both documents of a request as one Request (copies: callers may mutate them)."""
        from store.storage import copy_json

        summary = summary_from_doc(doc)
        full = unpack_detail(detail)
        return Request(
            **summary.__dict__,
            fields=dict(full.get("fields", {})),
            outcome=copy_json(full.get("outcome", {})),
            message=dict(full.get("message", {})),
            history=history_from_doc(doc),
        )

    # --------------------------------------------------------------------------- following

    def mark(self, protocol: str, status: str, now: datetime, note: str = "") -> Request:
        """Move an open request forward (enviada, confirmada, concluida); InputError otherwise.

        The first move to a status that has reached support applies the request's change to
        the lote, in the same atomic write (see ``takes_effect``).
        """
        require_flow_status(status)  # before taking the lock: a typo needs no file
        with self._db.transaction():
            doc_id, doc = self._find(protocol)
            check_forward(doc, status)
            if takes_effect(doc, status):
                detail = unpack_detail(self._db.storage.table(DETAILS_TABLE).get(doc_id, {}))
                values, effective_on = effect_inputs(doc["kind"], detail)
                effect = self._db.licenses.apply_request(
                    doc["kind"], values, effective_on, doc["protocol"], now
                )
                doc = {**doc, "effect": effect}
            return self._change(doc_id, doc, status, now, note)

    def withdraw(self, protocol: str, now: datetime, note: str = "") -> Request:
        """Withdraw an open request and undo its change to the lote when still possible."""
        with self._db.transaction():
            doc_id, doc = self._find(protocol)
            require_open(doc)
            if doc.get("effect"):
                self._db.licenses.revert_request(doc["effect"], doc["protocol"], now)
            return self._change(doc_id, doc, WITHDRAWN, now, note)

    def _change(self, doc_id: str, doc: Doc, status: str, now: datetime, note: str) -> Request:
        """Record a status change (inside a transaction); InputError for a bad note or moment."""
        new = with_status(doc, status, now, note)
        self._db.storage.apply(REQUESTS_TABLE, {doc_id: new})
        detail = self._db.storage.table(DETAILS_TABLE).get(doc_id, {})
        return self._request(new, detail)


def check_open_requests(
    kind: RequestKind, support_id: str, open_requests: Sequence[OpenRequest], *, force: bool
) -> None:
    """The one check of a new request against the license's open ones (both engines).

    ConflictingRequest when one contradicts it (``helpdesk.request_kinds.conflicts``: never
    overridden, the open one must be withdrawn first); DuplicateRequest when one of the same kind
    is open and ``force`` is not given (repeatable kinds, such as backup, are never duplicates).
    """
    clashing = [item for item in open_requests if conflicts(kind.id, item.kind)]
    if clashing:
        raise ConflictingRequest(
            conflict_outcome(kind, support_id, clashing), [c.protocol for c in clashing]
        )
    if kind.repeatable or force:
        return
    duplicates = [item.protocol for item in open_requests if item.kind == kind.id]
    if duplicates:
        raise DuplicateRequest(kind.id, support_id, duplicates)


def conflict_outcome(
    kind: RequestKind, support_id: str, clashing: Sequence[OpenRequest]
) -> Outcome:
    """The refusal of a request another open one contradicts: which one, and how to withdraw it."""
    first = clashing[0]
    other = KINDS[first.kind]
    listed = ", ".join(
        f"{item.protocol} ({KINDS[item.kind].short_title}, {STATUS_LABELS[item.status]})"
        for item in clashing
    )
    return Outcome(
        accepted=False,
        decision=(
            f"Já há um pedido aberto para a licença {support_id} que a muda: {listed}. Para pedir "
            f"“{kind.title}”, retire antes o pedido {first.protocol}."
        ),
        reasons=(
            f"“{other.title}” e “{kind.title}” pedem ao suporte coisas que não combinam para a "
            "mesma licença; o suporte e o seu lote só podem seguir um deles.",
            f"Para retirar: helpdesk requests withdraw {first.protocol} (no app: Minhas "
            "solicitações, enter no pedido, r Retirar). Se ele já foi enviado, avise o suporte "
            "também.",
        ),
    )


def require_open(doc: Mapping[str, Any]) -> None:
    """InputError unless the request can still change status."""
    if doc["status"] not in OPEN_STATUSES:
        label = STATUS_LABELS.get(doc["status"], doc["status"])
        raise InputError("Situação", f"o pedido {doc['protocol']} já está na situação “{label}”.")


def require_flow_status(status: str) -> None:
    """InputError unless ``status`` is one a request can be marked with."""
    if status not in FLOW[1:]:
        choices = ", ".join(FLOW[1:])
        raise InputError("Situação", f"{status!r} não é válida; use {choices}.")


def check_forward(doc: Mapping[str, Any], status: str) -> None:
    """InputError unless ``status`` moves this open request forward."""
    require_flow_status(status)
    current = doc["status"]
    require_open(doc)
    if FLOW.index(status) <= FLOW.index(current):
        # Say where the request can go from here, not only where it cannot.
        ahead = [f"“{STATUS_LABELS[s]}”" for s in FLOW[FLOW.index(current) + 1 :]]
        raise InputError(
            "Situação",
            f"o pedido {doc['protocol']} já está na situação “{STATUS_LABELS[current]}”; "
            f"a seguir ele pode ser marcado como {' ou '.join(ahead)}.",
        )


def takes_effect(doc: Mapping[str, Any], status: str) -> bool:
    """Whether moving request ``doc`` to ``status`` applies its kind's change to the lote now.

    Only the first move to a status in which support knows of the request does (see
    ``helpdesk.request_status.changes_lote``). A request that already holds an effect (one sent
    before, or registered by an older version, which changed the lote at once) is not applied
    twice.
    """
    kind = KINDS.get(doc["kind"])
    return (
        kind is not None
        and kind.lote_effect is not None
        and changes_lote(status)
        and not changes_lote(doc["status"])
        and not doc.get("effect")
        and bool(doc.get("support_id"))
    )


def effect_inputs(kind_id: str, detail: Mapping[str, Any]) -> tuple[dict[str, Any], date | None]:
    """The values and the effective day a stored request changes the lote with.

    Read back from what was saved at submission (the fields as submitted, the outcome's
    ``effective_on``), so the change is the one the partner saw and sent, whatever day it is sent.
    """
    values, _errors = get_kind(kind_id).parse_each(detail.get("fields") or {})
    stored = (detail.get("outcome") or {}).get("effective_on")
    effective_on = date.fromisoformat(stored[:10]) if isinstance(stored, str) and stored else None
    return values, effective_on


def with_status(doc: Doc, status: str, now: datetime, note: str) -> Doc:
    """The summary document after a status change; InputError for a bad note or moment."""
    # The note is shown back in lists and in the terminal: no control characters.
    note = normalize_text(note, "Observação", required=False)
    moment = to_sao_paulo(now)
    last = datetime.fromisoformat(doc["status_history"][-1]["at"])
    if moment < last:
        raise InputError(
            "Data e hora",
            f"a mudança não pode ser anterior ao último registro do pedido "
            f"({format_moment(to_sao_paulo(last))}).",
        )
    step = {"status": status, "at": moment.isoformat(), "note": note}
    return {**doc, "status": status, "status_history": [*doc["status_history"], step]}


def protocol_text(year: int, number: int) -> str:
    """``HD-AAAA-NNNNNN``: how a protocol is written."""
    return f"HD-{year}-{number:06d}"


def prepare(
    licenses: LicenseReader, kind_id: str, raw: Mapping[str, str], now: datetime
) -> Prepared:
    """Fill empty fields from the lote, parse and evaluate; InputError on bad input.

    Fields the person typed win; the lote only fills the ones left empty (its dates rolled
    forward to the term running ``now`` if they are stale).
    """
    kind = get_kind(kind_id)
    fields = {
        name: value for name, value in raw.items() if value is not None and str(value).strip()
    }
    lic = None
    support_id = support_id_of(fields)
    if support_id:
        lic = licenses.get(support_id)
    if lic is not None:
        fields = fill_from_license(kind, fields, lic, to_sao_paulo(now).date())
    values = kind.validate(fields)
    if lic is not None:
        # What the lote shows (e.g. an active license) is part of what the rules judge.
        values[LOTE_LICENSE] = lic
    outcome = kind.evaluate(values, to_sao_paulo(now))
    return Prepared(kind, {k: str(v) for k, v in fields.items()}, values, outcome, lic)


def fill_from_license(
    kind: RequestKind, fields: Mapping[str, str], lic: License, today: date
) -> dict[str, str]:
    """``fields`` with the empty ones the license knows filled in (typed values win).

    The license's dates are those of the term running ``today`` (rolled forward if stale).
    """
    filled = dict(fields)
    term = current_term(lic, today)
    known = {"term_start": term[0], "renews_on": term[1]} if term else {}
    for spec in kind.fields:
        if spec.from_license and spec.name not in filled:
            value = known.get(spec.from_license, getattr(lic, spec.from_license, None))
            if value is not None and value != "":
                filled[spec.name] = format_value(value)
    return filled


def support_id_of(fields: Mapping[str, Any]) -> str:
    """The normalised ID Suporte typed in ``fields`` ("" when absent or malformed)."""
    try:
        return normalize_support_id(str(fields.get("support_id") or ""))
    except InputError:
        return ""


def request_docs(
    prepared: Prepared, protocol: str, moment: datetime, effect: dict[str, Any] | None
) -> tuple[Doc, Doc]:
    """The summary and detail documents of a request about to be saved (any engine)."""
    message = build_message(prepared.kind, prepared.values, prepared.outcome, protocol)
    key = prepared.outcome.key_date
    client = prepared.license.client if prepared.license else ""
    summary: Doc = {
        "protocol": protocol,
        "kind": prepared.kind.id,
        "support_id": str(prepared.values.get("support_id", "")),
        "client": client or str(prepared.values.get("client_name") or ""),
        "status": REGISTERED,
        "status_history": [{"status": REGISTERED, "at": moment.isoformat(), "note": ""}],
        "created_at": moment.isoformat(),
        "decision": prepared.outcome.decision,
        "key_date": {"label": key[0], "when": key[1].isoformat()} if key else None,
        "effect": effect,
    }
    detail: Doc = {
        "protocol": protocol,
        "fields": prepared.fields,
        "outcome": prepared.outcome.to_json(),
        "message": message.to_json(),
    }
    # Stored as references to the texts every request repeats (``store.packing``).
    return summary, pack_detail(detail)
