"""Requests on PostgreSQL: the same rules as the file engine, each operation one transaction.

A submit locks the license's key (advisory lock) before the duplicate check and the year's
protocol counter row before numbering, so concurrent submits neither duplicate an open request
nor skip or repeat a protocol; a rolled-back submit leaves the counter untouched.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from helpdesk.clock import to_sao_paulo
from helpdesk.request_kinds import KINDS
from helpdesk.request_status import OPEN_STATUSES, WITHDRAWN
from store.errors import NotFound, RequestRefused
from store.faults import checkpoint
from store.packing import unpack_detail
from store.postgres import rows
from store.request_records import (
    Request,
    RequestSummary,
    history_from_doc,
    summary_from_doc,
)
from store.requests import (
    OpenRequest,
    check_forward,
    check_open_requests,
    effect_inputs,
    prepare,
    protocol_text,
    request_docs,
    require_flow_status,
    require_open,
    support_id_of,
    takes_effect,
    with_status,
)

if TYPE_CHECKING:
    from store.postgres.database import PostgresDatabase

_OPEN = sorted(OPEN_STATUSES)


class PgRequestRepository:
    """Submit requests and follow them, on PostgreSQL."""

    def __init__(self, db: PostgresDatabase) -> None:
        self._db = db

    def open_duplicates(self, kind_id: str, support_id: str) -> builtins.list[str]:
        """Protocols of open requests of this kind for this license (ask before a new one)."""
        return [item.protocol for item in self.open_for(support_id) if item.kind == kind_id]

    def open_for(self, support_id: str) -> builtins.list[OpenRequest]:
        """The open requests of a license, oldest first (what a new request is checked against)."""
        with self._db.transaction() as cur:
            # Naming the kinds lets the (kind, support_id) index answer.
            found = cur.execute(
                "SELECT protocol, kind, status FROM requests WHERE kind = ANY(%s) "
                "AND support_id = %s AND status = ANY(%s) ORDER BY id",
                (list(KINDS), support_id.strip(), _OPEN),
            ).fetchall()
        return [OpenRequest(row["protocol"], row["kind"], row["status"]) for row in found]

    def submit(
        self, kind_id: str, raw: Mapping[str, str], now: datetime, *, force: bool = False
    ) -> Request:
        """Evaluate and durably save a request (see ``store.requests.RequestRepository.submit``)."""
        moment = to_sao_paulo(now)
        with self._db.transaction() as cur:
            # Serialises submits about one license: the duplicate check below then sees every
            # committed request, and the lote change reads the license no one else is changing.
            cur.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", (f"helpdesk:{support_id_of(raw)}",)
            )
            prepared = prepare(self._db.licenses, kind_id, raw, moment)
            if not prepared.outcome.accepted:
                raise RequestRefused(prepared.outcome)
            support_id = str(prepared.values.get("support_id", ""))
            check_open_requests(prepared.kind, support_id, self.open_for(support_id), force=force)
            row = cur.execute("SELECT nextval(pg_get_serial_sequence('requests', 'id'))").fetchone()
            assert row is not None
            key = int(row["nextval"])
            # From here to the commit every other submit of the year waits on the counter row:
            # what can be read was read above, and the rows go in one batch (pipeline). The lote
            # is not changed: that happens when the request is marked sent (``mark``).
            protocol = self._next_protocol(moment)
            summary, detail = request_docs(prepared, protocol, moment, None)
            with self._db.pipeline():
                rows.write_summary(cur, key, summary, new=True)
                rows.write_detail(cur, key, detail)
            checkpoint("server-before-commit")
        return _request(summary, detail)

    def _next_protocol(self, moment: datetime) -> str:
        """The year's next protocol: its counter row is locked until the transaction ends."""
        cur = self._db.cursor()
        row = cur.execute(
            "INSERT INTO protocol_counters (year, last_number) VALUES (%s, 1) "
            "ON CONFLICT (year) DO UPDATE SET last_number = protocol_counters.last_number + 1 "
            "RETURNING last_number",
            (moment.year,),
        ).fetchone()
        assert row is not None
        return protocol_text(moment.year, int(row["last_number"]))

    def list(
        self, kind: str | None = None, status: str | None = None
    ) -> builtins.list[RequestSummary]:
        """Requests, newest first, optionally of one kind and/or status."""
        with self._db.transaction() as cur:
            found = cur.execute(
                f"SELECT {rows.SUMMARY_COLUMNS} FROM requests r "
                "WHERE (%(kind)s::text IS NULL OR r.kind = %(kind)s) "
                "AND (%(status)s::text IS NULL OR r.status = %(status)s) "
                "ORDER BY r.created_at DESC, r.protocol DESC",
                {"kind": kind, "status": status},
            ).fetchall()
        return [summary_from_doc(rows.summary_doc(row, (), None)) for row in found]

    def get(self, protocol: str) -> Request:
        """The whole request; NotFound if no request has this protocol."""
        with self._db.transaction():
            key, summary = self._find(protocol)
            return _request(summary, self._detail(key, summary["protocol"]))

    def all(self) -> builtins.list[Request]:
        """Every request in full, newest first (for exports)."""
        with self._db.transaction() as cur:
            summaries = rows.load_summaries(cur, "true", ())
            details = {
                row["request_id"]: row for row in cur.execute("SELECT * FROM request_details")
            }
        requests = [
            _request(doc, rows.detail_doc(details[key], doc["protocol"]) if key in details else {})
            for key, doc in summaries.items()
        ]
        requests.sort(key=lambda r: (r.created_at, r.protocol), reverse=True)
        return requests

    def mark(self, protocol: str, status: str, now: datetime, note: str = "") -> Request:
        """Move an open request forward; the first move past registered changes the lote."""
        require_flow_status(status)  # as the file engine: a typo is bad input before any lookup
        with self._db.transaction() as cur:
            key, doc = self._find(protocol, lock=True)
            check_forward(doc, status)
            if takes_effect(doc, status):
                detail = unpack_detail(self._detail(key, doc["protocol"]))
                values, effective_on = effect_inputs(doc["kind"], detail)
                effect = self._db.licenses.apply_request(
                    doc["kind"], values, effective_on, doc["protocol"], now
                )
                doc = {**doc, "effect": effect}
                rows.write_effect(cur, key, effect)
            return self._change(key, doc, status, now, note)

    def withdraw(self, protocol: str, now: datetime, note: str = "") -> Request:
        """Withdraw an open request and undo its change to the lote when still possible."""
        with self._db.transaction():
            key, doc = self._find(protocol, lock=True)
            require_open(doc)
            if doc.get("effect"):
                self._db.licenses.revert_request(doc["effect"], doc["protocol"], now)
            return self._change(key, doc, WITHDRAWN, now, note)

    def _change(
        self, key: int, doc: dict[str, Any], status: str, now: datetime, note: str
    ) -> Request:
        """Record a status change (inside the transaction holding the row lock)."""
        new = with_status(doc, status, now, note)
        rows.append_status(self._db.cursor(), key, new)
        return _request(new, self._detail(key, new["protocol"]))

    def _find(self, protocol: str, *, lock: bool = False) -> tuple[int, dict[str, Any]]:
        """``(id, summary document)`` of a protocol, row-locked if asked; NotFound otherwise."""
        wanted = protocol.strip().upper()
        cur = self._db.cursor()
        if lock:
            cur.execute("SELECT id FROM requests WHERE protocol = %s FOR UPDATE", (wanted,))
        found = rows.load_summaries(cur, "r.protocol = %s", (wanted,))
        if not found:
            raise NotFound("Pedido", wanted)
        return next(iter(found.items()))

    def _detail(self, key: int, protocol: str) -> dict[str, Any]:
        """The detail document of request ``key`` (empty when missing)."""
        row = (
            self._db.cursor()
            .execute("SELECT * FROM request_details WHERE request_id = %s", (key,))
            .fetchone()
        )
        return rows.detail_doc(row, protocol) if row else {}


def _request(doc: Mapping[str, Any], detail: Mapping[str, Any]) -> Request:
    """Both documents of a request as one Request."""
    summary = summary_from_doc(doc)
    full = unpack_detail(detail)
    return Request(
        **summary.__dict__,
        fields=dict(full.get("fields", {})),
        outcome=dict(full.get("outcome", {})),
        message=dict(full.get("message", {})),
        history=history_from_doc(doc),
    )
