"""A saved request as the app reads it: its summary for lists, the whole record.

Stored documents are turned into these frozen values by :func:`summary_from_doc` and
:func:`history_from_doc`; ``store.requests`` saves and changes the documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from helpdesk.request_status import OPEN_STATUSES, STATUS_LABELS
from helpdesk.support import ticket_in

__all__ = [
    "Request",
    "RequestSummary",
    "StatusChange",
    "history_from_doc",
    "summary_from_doc",
]


def _when(value: Any) -> date | datetime | None:
    """A stored ISO date or moment back as a date/datetime."""
    if not value:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


@dataclass(frozen=True)
class StatusChange:
    """One step of a request's status history."""

    status: str
    at: datetime
    note: str = ""

    @property
    def label(self) -> str:
        """The status in Portuguese."""
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class RequestSummary:
    """What a list of requests shows (client data unmasked: mask it when displaying)."""

    protocol: str
    kind: str
    support_id: str
    client: str
    status: str
    created_at: datetime
    decision: str
    key_date: date | datetime | None
    key_date_label: str

    @property
    def status_label(self) -> str:
        """The status in Portuguese."""
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        """Whether the request can still change status."""
        return self.status in OPEN_STATUSES

    def to_json(self) -> dict[str, Any]:
        """JSON-able view (dates ISO)."""
        key = self.key_date.isoformat() if self.key_date else None
        return {
            "protocol": self.protocol,
            "kind": self.kind,
            "support_id": self.support_id,
            "client": self.client,
            "status": self.status,
            "status_label": self.status_label,
            "created_at": self.created_at.isoformat(),
            "decision": self.decision,
            "key_date": key,
            "key_date_label": self.key_date_label,
        }


@dataclass(frozen=True)
class Request(RequestSummary):
    """A request in full: fields as submitted, outcome, support message, status history."""

    fields: dict[str, str] = field(default_factory=dict)
    outcome: dict[str, Any] = field(default_factory=dict)
    message: dict[str, str] = field(default_factory=dict)
    history: tuple[StatusChange, ...] = ()

    @property
    def ticket(self) -> str:
        """Conta Azul's ticket number, as the partner recorded it with a status change ("" if not)."""
        return ticket_in(change.note for change in self.history)

    def to_json(self) -> dict[str, Any]:
        """JSON-able view with everything."""
        data = super().to_json()
        data.update(
            ticket=self.ticket or None,
            fields=dict(self.fields),
            outcome=self.outcome,
            message=dict(self.message),
            history=[
                {"status": c.status, "label": c.label, "at": c.at.isoformat(), "note": c.note}
                for c in self.history
            ],
        )
        return data


def summary_from_doc(doc: Mapping[str, Any]) -> RequestSummary:
    """A stored request document as a summary."""
    key = doc.get("key_date") or {}
    return RequestSummary(
        protocol=doc["protocol"],
        kind=doc["kind"],
        support_id=doc.get("support_id", ""),
        client=doc.get("client", ""),
        status=doc["status"],
        created_at=datetime.fromisoformat(doc["created_at"]),
        decision=doc.get("decision", ""),
        key_date=_when(key.get("when")),
        key_date_label=key.get("label", ""),
    )


def history_from_doc(doc: Mapping[str, Any]) -> tuple[StatusChange, ...]:
    """The stored status history."""
    return tuple(
        StatusChange(
            entry["status"],
            datetime.fromisoformat(entry["at"]),
            entry.get("note", ""),
        )
        for entry in doc.get("status_history", [])
    )
