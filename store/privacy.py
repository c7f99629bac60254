"""LGPD: erase a client's personal data from every table, keeping anonymous counts.

The license leaves the lote; its requests stay (kind, status, dates, decision: what the counts
need) with the ID Suporte, names, CNPJs, e-mails, free-text reasons and the support message
removed. Any other text in any table that contains one of the client's names, CNPJs or e-mails
has those words replaced. The erasing commit rewrites the data file and starts an empty journal,
so the erased values remain in no file the store keeps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from helpdesk.clock import to_sao_paulo
from helpdesk.documents import format_cnpj
from store.licenses import LICENSES_TABLE, PERSONAL_KEYS
from store.requests import DETAILS_TABLE, REQUESTS_TABLE

if TYPE_CHECKING:
    from store.database import Database
    from store.storage import Doc

REMOVED = "[removido]"
KEPT_FIELDS = frozenset(
    {
        "term_start",
        "renews_on",
        "cycle_months",
        "conta_pj",
        "slot",
        "partner_pays",
        "license_cancelled",
    }
)
"""Request fields that say nothing about who the client is (kept for the counts)."""
_PERSONAL_FIELDS = (
    "client_name",
    "cnpj",
    "email",
    "client_email",
    "new_client_name",
    "new_client_cnpj",
    "new_client_email",
)
_MIN_LENGTH = 3  # shorter values would erase unrelated words


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure removed."""

    support_id: str
    licenses: int
    requests: int
    other_documents: int


def erase_client(db: Database, support_id: str, now: datetime) -> ErasureReport:
    """Remove everything that identifies the client of ``support_id``; one durable commit."""
    wanted = support_id.strip()
    stamp = to_sao_paulo(now).isoformat()
    with db.transaction(compact=True):
        storage = db.storage
        licenses = {
            k: d for k, d in storage.table(LICENSES_TABLE).items() if d["support_id"] == wanted
        }
        summaries = {
            k: d for k, d in storage.table(REQUESTS_TABLE).items() if d.get("support_id") == wanted
        }
        details = {
            k: storage.table(DETAILS_TABLE)[k]
            for k in summaries
            if k in storage.table(DETAILS_TABLE)
        }
        values = _personal_values(licenses.values(), summaries.values(), details.values())
        pattern = _pattern(values)
        storage.apply(LICENSES_TABLE, {}, list(licenses))
        storage.apply(
            REQUESTS_TABLE,
            {k: _anonymous_summary(d, pattern, stamp) for k, d in summaries.items()},
        )
        storage.apply(DETAILS_TABLE, {k: _anonymous_detail(d, pattern) for k, d in details.items()})
        others = 0
        if pattern is not None:
            for name, table in storage.tables().items():
                changed = {
                    key: scrubbed
                    for key, doc in table.items()
                    if (scrubbed := _scrub(doc, pattern)) != doc
                }
                if changed:
                    others += len(changed)
                    storage.apply(name, changed)
    return ErasureReport(wanted, len(licenses), len(summaries), others)


def _personal_values(*groups: Iterable[Doc]) -> set[str]:
    """Every name, CNPJ (both forms) and e-mail found in the client's documents."""
    found: set[str] = set()

    def add(value: Any) -> None:
        if isinstance(value, str) and len(value.strip()) >= _MIN_LENGTH:
            found.add(value.strip())
            if len(value.strip()) == 14:
                found.add(format_cnpj(value.strip()))

    def add_personal(record: Mapping[str, Any] | None) -> None:
        # Only the identifying keys: a saved "before" also holds the status and dates, and a
        # status word ("ativa") scrubbed from every table would corrupt the other licenses.
        for key in PERSONAL_KEYS:
            add((record or {}).get(key))

    for group in groups:
        for doc in group:
            add_personal(doc)
            for entry in doc.get("history", []):
                add_personal(entry.get("previous"))
            add_personal((doc.get("effect") or {}).get("before"))
            for key in _PERSONAL_FIELDS:
                add((doc.get("fields") or {}).get(key))
    return found


def _pattern(values: set[str]) -> re.Pattern[str] | None:
    """A regex matching any of ``values`` as whole words (longest first)."""
    if not values:
        return None
    alternatives = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _scrub(value: Any, pattern: re.Pattern[str] | None) -> Any:
    """``value`` with every match of ``pattern`` in its strings replaced."""
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(REMOVED, value)
    if isinstance(value, dict):
        return {
            key: _scrub_link(item, pattern) if key == "url" else _scrub(item, pattern)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    return value


def _scrub_link(url: Any, pattern: re.Pattern[str]) -> Any:
    """A support message link with the client's words removed from its percent-encoded query.

    The words are encoded there (``P%C3%A3o``), so the plain pattern would never see them: each
    ``name=value`` of the query is decoded, scrubbed and encoded again as the link builder does.
    """
    if not isinstance(url, str) or "?" not in url:
        return _scrub(url, pattern)
    base, _, query = url.partition("?")
    parts = []
    for part in query.split("&"):
        name, equals, value = part.partition("=")
        parts.append(name + equals + quote(pattern.sub(REMOVED, unquote(value)), safe=""))
    return base + "?" + "&".join(parts)


def _anonymous_summary(doc: Doc, pattern: re.Pattern[str] | None, stamp: str) -> Doc:
    """A request summary without the client: counts by kind and status still work."""
    new = _scrub(dict(doc), pattern)
    new.update(support_id="", client="", effect=None, erased_at=stamp)
    new["status_history"] = [{**step, "note": ""} for step in doc.get("status_history", [])]
    return new


def _anonymous_detail(doc: Doc, pattern: re.Pattern[str] | None) -> Doc:
    """A request detail with only the fields that do not identify anyone."""
    fields = {k: v for k, v in (doc.get("fields") or {}).items() if k in KEPT_FIELDS}
    message = doc.get("message") or {}
    return {
        **doc,
        "fields": fields,
        "outcome": _scrub(doc.get("outcome", {}), pattern),
        "message": {"channel": message.get("channel", ""), "text": "", "url": ""},
    }
