"""Shared by the store benches: a data file holding many requests, written in one compacted commit."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any


def seed_requests(
    db: Any, size: int, at: datetime, fields: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fill ``db`` (a ``store.database.Database``) with ``size`` requests cloned from one real
    cancellation submitted at ``at``, one minute apart; returns that request's summary and detail.

    Submitting ``size`` requests one by one would take minutes at 50,000; cloning the stored
    documents of a real one gives the same file shape in one write.
    """
    from store.names import META, REQUEST_DETAILS, REQUESTS

    db.requests.submit("cancel", {"support_id": "SEED", **fields}, at)
    summary = dict(db.storage.table(REQUESTS)["1"])
    detail = dict(db.storage.table(REQUEST_DETAILS)["1"])
    summaries, details = {}, {}
    for n in range(1, size + 1):
        protocol = f"HD-2026-{n:06d}"
        created = (at - timedelta(minutes=size - n)).isoformat()
        summaries[str(n)] = {
            **summary,
            "protocol": protocol,
            "support_id": f"S{n}",
            "created_at": created,
            "status_history": [{"status": "registrada", "at": created, "note": ""}],
        }
        details[str(n)] = {**detail, "protocol": protocol}
    with db.transaction(compact=True):
        db.storage.apply(REQUESTS, summaries)
        db.storage.apply(REQUEST_DETAILS, details)
        db.storage.apply(META, {"2": {"protocols": {"2026": size}}})
    return summary, detail
