"""Schema versions of the data file and the steps that bring an old file up to date.

Version 1 kept a request's status without its history and a license without its own history.
Version 2 adds both (``status_history`` and ``history``), the license e-mail and scheduled date,
and stores the support message as ``{channel, text, url}``.
Version 3 stores a request detail's outcome and message as references to the texts every request
repeats, plus what varies (``store.packing``): about a fifth of the bytes, read back the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from store import names, packing
from store.storage import Doc

CURRENT = 3
"""The schema version this code writes."""
READS_AS_IS = 2
"""The oldest version whose documents this code reads without migrating them (version 3 only
stores details more compactly): a file of it the person made read-only is read as it is."""

META_TABLE = names.META
SCHEMA_KEY = "schema_version"

Tables = dict[str, dict[str, Doc]]


def _v1_to_v2(tables: Tables) -> Tables:
    """Give requests a status history and licenses a history; normalise the message."""
    changed: Tables = {}
    requests: dict[str, Doc] = {}
    for doc_id, doc in tables.get("requests", {}).items():
        new = dict(doc)
        new.setdefault(
            "status_history",
            [
                {
                    "status": doc.get("status", "registrada"),
                    "at": doc.get("created_at", ""),
                    "note": "",
                }
            ],
        )
        message: Any = doc.get("message", "")
        if isinstance(message, str):
            new["message"] = {"channel": "whatsapp", "text": message, "url": ""}
        requests[doc_id] = new
    licenses: dict[str, Doc] = {}
    for doc_id, doc in tables.get("licenses", {}).items():
        new = dict(doc)
        new.setdefault("history", [])
        new.setdefault("email", "")
        new.setdefault("cancels_on", None)
        licenses[doc_id] = new
    if requests:
        changed["requests"] = requests
    if licenses:
        changed["licenses"] = licenses
    return changed


def _v2_to_v3(tables: Tables) -> Tables:
    """Store every request detail as references (``store.packing``)."""
    details = {
        doc_id: packing.pack_detail(doc)
        for doc_id, doc in tables.get(names.REQUEST_DETAILS, {}).items()
        if not packing.is_packed(doc)
    }
    return {names.REQUEST_DETAILS: details} if details else {}


STEPS: dict[int, Callable[[Tables], Tables]] = {1: _v1_to_v2, 2: _v2_to_v3}
"""``STEPS[n]`` turns a version-``n`` file into version ``n + 1``; returns the changed documents."""


def migrate(tables: Mapping[str, Mapping[str, Doc]], found: int) -> Tables:
    """Every document changed by the steps from ``found`` to :data:`CURRENT`, by table."""
    current = {name: dict(table) for name, table in tables.items()}
    changed: Tables = {}
    for version in range(found, CURRENT):
        for name, docs in STEPS[version](current).items():
            current.setdefault(name, {}).update(docs)
            changed.setdefault(name, {}).update(docs)
    return changed
