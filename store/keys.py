"""What stored requests are looked up by: the keys of the indexes the snapshot persists.

The same functions build the in-memory indexes and the ones written into the snapshot
(``store.snapshot``), so a lookup finds the same ids whichever answers it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from store import names

PROTOCOL = "protocol"
KIND_AND_LICENSE = "kind+license"


def by_protocol(doc: Mapping[str, Any]) -> str:
    """Index key: the protocol."""
    return str(doc["protocol"])


def by_kind_and_license(doc: Mapping[str, Any]) -> tuple[str, str]:
    """Index key: kind and ID Suporte (for the duplicate check)."""
    return (str(doc["kind"]), str(doc.get("support_id", "")))


PERSISTED: dict[str, dict[str, Callable[[Mapping[str, Any]], Hashable]]] = {
    names.REQUESTS: {PROTOCOL: by_protocol, KIND_AND_LICENSE: by_kind_and_license},
}
"""The indexes written into the snapshot, by lazy table: what a submit, a ``requests show`` or
a status change looks up without reading the history."""
