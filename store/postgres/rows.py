"""Rows and documents: the PostgreSQL tables read as the engine-neutral documents and written back.

The documents are the TinyDB file's (see ``store.interface``), so the rules that work on them
(status changes, lote effects, privacy erasure, ``db copy``) are the same for both engines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.types.json import Jsonb

from helpdesk.clock import to_sao_paulo
from helpdesk.policy import POLICY
from store.interface import Doc
from store.packing import pack_detail
from store.postgres.schema import compact_json, stored_message

SUMMARY_COLUMNS = (
    "r.id, r.protocol, r.kind, r.support_id, r.client, r.status, r.created_at, r.decision, "
    "r.key_date_label, r.key_date_on, r.key_date_at, r.erased_at"
)


def moment(value: datetime | None) -> str | None:
    """A stored moment as the documents write it (ISO, Brasília time)."""
    return to_sao_paulo(value).isoformat() if value else None


def iso_date(value: date | None) -> str | None:
    """A stored date as the documents write it."""
    return value.isoformat() if value else None


def to_date(value: Any) -> date | None:
    """A document's ISO date for a date column."""
    return date.fromisoformat(value) if value else None


def to_moment(value: Any) -> datetime | None:
    """A document's ISO moment for a timestamptz column."""
    return datetime.fromisoformat(value) if value else None


# ------------------------------------------------------------------------------------ reading


def summary_doc(row: Mapping[str, Any], history: Iterable[Mapping[str, Any]], effect: Any) -> Doc:
    """A ``requests`` row (with its status changes and effect row) as a summary document."""
    when = iso_date(row["key_date_on"]) or moment(row["key_date_at"])
    doc: Doc = {
        "protocol": row["protocol"],
        "kind": row["kind"],
        "support_id": row["support_id"],
        "client": row["client"],
        "status": row["status"],
        "status_history": [
            {"status": step["status"], "at": moment(step["at"]), "note": step["note"]}
            for step in history
        ],
        "created_at": moment(row["created_at"]),
        "decision": row["decision"],
        "key_date": {"label": row["key_date_label"] or "", "when": when} if when else None,
        "effect": effect_doc(effect) if effect else None,
    }
    if row["erased_at"]:
        doc["erased_at"] = moment(row["erased_at"])
    return doc


def effect_doc(row: Mapping[str, Any]) -> Doc:
    """A ``request_effects`` row as the effect a withdrawal undoes."""
    return {
        "support_id": row["support_id"],
        "before": {
            "status": row["before_status"],
            "cancels_on": iso_date(row["before_cancels_on"]),
            "client": row["before_client"],
            "cnpj": row["before_cnpj"],
            "email": row["before_email"],
        },
    }


def detail_doc(row: Mapping[str, Any], protocol: str) -> Doc:
    """A ``request_details`` row as a detail document (outcome and message as references)."""
    return {
        "protocol": protocol,
        "fields": dict(row["fields"] or {}),
        "outcome": row["outcome"] or {},
        "message": {"channel": row["message_channel"], **(row["message"] or {})},
    }


def license_doc(
    row: Mapping[str, Any],
    events: Iterable[Mapping[str, Any]],
    changes: Mapping[int, Mapping[str, list[str]]] | None = None,
) -> Doc:
    """A ``licenses`` row with its events (and their field changes) as a license document."""
    history = []
    for event in events:
        entry: Doc = {
            "at": moment(event["at"]),
            "event": event["event"],
            "protocol": event["protocol"],
        }
        if changes and event["position"] in changes:
            entry["changes"] = {k: list(v) for k, v in changes[event["position"]].items()}
        if event["has_previous"]:
            entry["previous"] = {
                "client": event["previous_client"],
                "cnpj": event["previous_cnpj"],
                "email": event["previous_email"],
            }
        history.append(entry)
    return {
        "support_id": row["support_id"],
        "client": row["client"],
        "cnpj": row["cnpj"],
        "email": row["email"],
        "term_start": iso_date(row["term_start"]),
        "renews_on": iso_date(row["renews_on"]),
        "cycle_months": row["cycle_months"],
        "conta_pj": row["conta_pj"],
        "status": row["status"],
        "cancels_on": iso_date(row["cancels_on"]),
        "history": history,
    }


def load_summaries(cur: Cursor[DictRow], where: str, params: Iterable[Any]) -> dict[int, Doc]:
    """Summary documents (with history and effect) of the requests matching ``where``, by id."""
    rows = cur.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM requests r WHERE {where} ORDER BY r.id", list(params)
    ).fetchall()
    if not rows:
        return {}
    ids = [row["id"] for row in rows]
    steps: dict[int, list[DictRow]] = {}
    for step in cur.execute(
        "SELECT * FROM request_status_changes WHERE request_id = ANY(%s) "
        "ORDER BY request_id, position",
        (ids,),
    ):
        steps.setdefault(step["request_id"], []).append(step)
    effects = {
        row["request_id"]: row
        for row in cur.execute("SELECT * FROM request_effects WHERE request_id = ANY(%s)", (ids,))
    }
    return {
        row["id"]: summary_doc(row, steps.get(row["id"], []), effects.get(row["id"]))
        for row in rows
    }


def load_licenses(cur: Cursor[DictRow], where: str, params: Iterable[Any]) -> dict[int, Doc]:
    """License documents (with history) matching ``where``, by id."""
    rows = cur.execute(
        f"SELECT * FROM licenses l WHERE {where} ORDER BY l.support_id", list(params)
    ).fetchall()
    if not rows:
        return {}
    ids = [row["id"] for row in rows]
    events: dict[int, list[DictRow]] = {}
    for event in cur.execute(
        "SELECT * FROM license_events WHERE license_id = ANY(%s) ORDER BY license_id, position",
        (ids,),
    ):
        events.setdefault(event["license_id"], []).append(event)
    changes: dict[int, dict[int, dict[str, list[str]]]] = {}
    for change in cur.execute(
        "SELECT * FROM license_event_changes WHERE license_id = ANY(%s) "
        "ORDER BY license_id, position, field",
        (ids,),
    ):
        by_event = changes.setdefault(change["license_id"], {})
        by_event.setdefault(change["position"], {})[change["field"]] = [
            change["before"],
            change["after"],
        ]
    return {
        row["id"]: license_doc(row, events.get(row["id"], []), changes.get(row["id"]))
        for row in rows
    }


# ------------------------------------------------------------------------------------ writing


def write_summary(
    cur: Cursor[DictRow], key: int, doc: Mapping[str, Any], *, new: bool = False
) -> None:
    """Insert or replace request ``key`` from its summary document (history and effect too).

    ``new``: the request was never stored, so there is nothing of it to delete first.
    """
    when = (doc.get("key_date") or {}).get("when")
    key_on = to_date(when) if when and "T" not in when else None
    key_at = to_moment(when) if when and "T" in when else None
    cur.execute(
        "INSERT INTO requests (id, protocol, kind, support_id, client, status, created_at, "
        "decision, key_date_label, key_date_on, key_date_at, erased_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (id) DO UPDATE SET protocol = EXCLUDED.protocol, kind = EXCLUDED.kind, "
        "support_id = EXCLUDED.support_id, client = EXCLUDED.client, status = EXCLUDED.status, "
        "created_at = EXCLUDED.created_at, decision = EXCLUDED.decision, "
        "key_date_label = EXCLUDED.key_date_label, key_date_on = EXCLUDED.key_date_on, "
        "key_date_at = EXCLUDED.key_date_at, erased_at = EXCLUDED.erased_at",
        (
            key,
            doc["protocol"],
            doc["kind"],
            doc.get("support_id") or "",
            doc.get("client") or "",
            doc["status"],
            to_moment(doc["created_at"]),
            doc.get("decision") or "",
            (doc.get("key_date") or {}).get("label") if when else None,
            key_on,
            key_at,
            to_moment(doc.get("erased_at")),
        ),
    )
    if not new:
        cur.execute("DELETE FROM request_status_changes WHERE request_id = %s", (key,))
    cur.executemany(
        "INSERT INTO request_status_changes (request_id, position, status, at, note) "
        "VALUES (%s, %s, %s, %s, %s)",
        [
            (key, n, step["status"], to_moment(step["at"]), step.get("note") or "")
            for n, step in enumerate(doc.get("status_history", []))
        ],
    )
    if not new:
        cur.execute("DELETE FROM request_effects WHERE request_id = %s", (key,))
    write_effect(cur, key, doc.get("effect"))


def write_effect(cur: Cursor[DictRow], key: int, effect: Mapping[str, Any] | None) -> None:
    """Record what withdrawing request ``key`` undoes in the lote (nothing when ``effect`` is None)."""
    if not effect:
        return
    before = effect.get("before") or {}
    cur.execute(
        "INSERT INTO request_effects (request_id, support_id, before_status, "
        "before_cancels_on, before_client, before_cnpj, before_email) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s)",
        (
            key,
            effect.get("support_id") or "",
            before.get("status"),
            to_date(before.get("cancels_on")),
            before.get("client"),
            before.get("cnpj"),
            before.get("email"),
        ),
    )


def append_status(cur: Cursor[DictRow], key: int, doc: Mapping[str, Any]) -> None:
    """Record the last status change of summary ``doc`` (the others are already stored)."""
    history = doc["status_history"]
    step = history[-1]
    cur.execute("UPDATE requests SET status = %s WHERE id = %s", (doc["status"], key))
    cur.execute(
        "INSERT INTO request_status_changes (request_id, position, status, at, note) "
        "VALUES (%s, %s, %s, %s, %s)",
        (key, len(history) - 1, step["status"], to_moment(step["at"]), step.get("note") or ""),
    )


DETAIL_COLUMNS = "request_id, fields, outcome, message_channel, message"
"""The columns of a ``request_details`` row, in the order :func:`detail_row` gives them."""


def detail_row(key: int, doc: Mapping[str, Any]) -> tuple[Any, ...]:
    """The ``request_details`` row of request ``key`` (its details stored as references)."""
    packed = pack_detail(doc)
    message = packed.get("message") or {}
    return (
        key,
        Jsonb(packed.get("fields") or {}),
        compact_json(packed.get("outcome") or {}),
        message.get("channel") or "",
        compact_json(stored_message(message)),
    )


def write_detail(cur: Cursor[DictRow], key: int, doc: Mapping[str, Any]) -> None:
    """Insert or replace the details of request ``key`` (stored as references)."""
    cur.execute(
        f"INSERT INTO request_details ({DETAIL_COLUMNS}) VALUES (%s, %s, %s, %s, %s) "
        "ON CONFLICT (request_id) DO UPDATE SET fields = EXCLUDED.fields, "
        "outcome = EXCLUDED.outcome, message_channel = EXCLUDED.message_channel, "
        "message = EXCLUDED.message",
        detail_row(key, doc),
    )


def write_license(cur: Cursor[DictRow], key: int | None, doc: Mapping[str, Any]) -> int:
    """Insert (``key`` None: a new id) or replace a license with its history; returns its id."""
    values = (
        doc["support_id"],
        doc.get("client") or "",
        doc.get("cnpj") or "",
        doc.get("email") or "",
        to_date(doc.get("term_start")),
        to_date(doc.get("renews_on")),
        int(doc.get("cycle_months") or POLICY.default_cycle_months),
        bool(doc.get("conta_pj")),
        doc.get("status"),
        to_date(doc.get("cancels_on")),
    )
    columns = (
        "support_id, client, cnpj, email, term_start, renews_on, cycle_months, conta_pj, "
        "status, cancels_on"
    )
    if key is None:
        row = cur.execute(
            f"INSERT INTO licenses ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "RETURNING id",
            values,
        ).fetchone()
        assert row is not None
        key = int(row["id"])
    else:
        cur.execute(
            f"INSERT INTO licenses (id, {columns}) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (id) DO UPDATE SET support_id = EXCLUDED.support_id, "
            "client = EXCLUDED.client, cnpj = EXCLUDED.cnpj, email = EXCLUDED.email, "
            "term_start = EXCLUDED.term_start, renews_on = EXCLUDED.renews_on, "
            "cycle_months = EXCLUDED.cycle_months, conta_pj = EXCLUDED.conta_pj, "
            "status = EXCLUDED.status, cancels_on = EXCLUDED.cancels_on",
            (key, *values),
        )
    cur.execute("DELETE FROM license_events WHERE license_id = %s", (key,))
    rows = []
    for n, entry in enumerate(doc.get("history", [])):
        previous = entry.get("previous")
        rows.append(
            (
                key,
                n,
                to_moment(entry["at"]),
                entry.get("event") or "",
                entry.get("protocol"),
                previous is not None,
                (previous or {}).get("client"),
                (previous or {}).get("cnpj"),
                (previous or {}).get("email"),
            )
        )
    cur.executemany(
        "INSERT INTO license_events (license_id, position, at, event, protocol, has_previous, "
        "previous_client, previous_cnpj, previous_email) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        rows,
    )
    cur.executemany(
        "INSERT INTO license_event_changes (license_id, position, field, before, after) "
        "VALUES (%s, %s, %s, %s, %s)",
        [
            (key, n, field, str(pair[0] or ""), str(pair[1] or ""))
            for n, entry in enumerate(doc.get("history", []))
            for field, pair in (entry.get("changes") or {}).items()
        ],
    )
    return key


def write_vote(cur: Cursor[DictRow], key: int | None, doc: Mapping[str, Any]) -> None:
    """Insert or replace a vote."""
    values = (doc["article_id"], bool(doc["useful"]), doc.get("reason"), to_moment(doc["at"]))
    if key is None:
        cur.execute(
            "INSERT INTO votes (article_id, useful, reason, at) VALUES (%s, %s, %s, %s)", values
        )
        return
    cur.execute(
        "INSERT INTO votes (id, article_id, useful, reason, at) VALUES (%s, %s, %s, %s, %s) "
        "ON CONFLICT (id) DO UPDATE SET article_id = EXCLUDED.article_id, "
        "useful = EXCLUDED.useful, reason = EXCLUDED.reason, at = EXCLUDED.at",
        (key, *values),
    )


def write_miss(cur: Cursor[DictRow], doc: Mapping[str, Any], old_query: str | None = None) -> None:
    """Insert or replace a missed search (``old_query``: the row it replaces, if renamed)."""
    if old_query is not None:
        cur.execute("DELETE FROM search_misses WHERE query = %s", (old_query,))
    cur.execute(
        "INSERT INTO search_misses (query, count, last_at) VALUES (%s, %s, %s) "
        "ON CONFLICT (query) DO UPDATE SET count = search_misses.count + EXCLUDED.count, "
        "last_at = GREATEST(search_misses.last_at, EXCLUDED.last_at)",
        (doc["query"], int(doc["count"]), to_moment(doc["last_at"])),
    )
