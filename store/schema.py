"""The shape every stored document must have, one check per table, applied to whatever is read.

Valid JSON of the wrong shape (a request without its protocol, a date that is not a date, a
``schema_version`` of ``"abc"``) must not reach the code that trusts it: a file holding such a
document is treated as damaged, like one with a bad checksum, and ``helpdesk db recover``
salvages every document that passes. Checks require only what the code reads and accept keys
they do not know, so a newer field (or an older schema still to be migrated) passes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from store import names, packing

Check = Callable[[Mapping[str, Any]], str | None]
"""Returns what is wrong with a document, or None when it is fine."""


def _moment(value: Any) -> bool:
    """An ISO date or moment string."""
    if not isinstance(value, str):
        return False
    try:
        (datetime if "T" in value else date).fromisoformat(value)
    except ValueError:
        return False
    return True


def _optional_day(value: Any) -> bool:
    """None, empty, or an ISO date."""
    return value in (None, "") or _moment(value)


def _str_map(value: Any) -> bool:
    """A dict of strings to anything."""
    return isinstance(value, dict) and all(isinstance(key, str) for key in value)


def _shape(
    doc: Mapping[str, Any], rules: Mapping[str, Callable[[Any], bool]], required: set[str]
) -> str | None:
    """The first key of ``doc`` that is missing (when required) or breaks its rule."""
    for key, rule in rules.items():
        if key not in doc:
            if key in required:
                return f"falta o campo {key!r}"
            continue
        if not rule(doc[key]):
            return f"campo {key!r} com valor inesperado"
    return None


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _str_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _history_step(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("status"), str)
        and _moment(value.get("at"))
        and isinstance(value.get("note", ""), str)
    )


def _key_date(value: Any) -> bool:
    return value is None or (
        isinstance(value, dict)
        and isinstance(value.get("label", ""), str)
        and (value.get("when") in (None, "") or _moment(value.get("when")))
    )


_REQUEST = {
    "protocol": _is_str,
    "kind": _is_str,
    "status": _is_str,
    "created_at": _moment,
    "support_id": _is_str,
    "client": _is_str,
    "decision": _is_str,
    "key_date": _key_date,
    "effect": lambda value: value is None or _str_map(value),
    "status_history": lambda value: isinstance(value, list) and all(map(_history_step, value)),
}
_DETAIL = {
    "protocol": _is_str,
    "fields": _str_map,
    "outcome": _str_map,
    "message": lambda value: isinstance(value, str) or _str_map(value),
}
_LICENSE = {
    "support_id": _is_str,
    "client": _str_or_none,
    "cnpj": _str_or_none,
    "email": _str_or_none,
    "term_start": _optional_day,
    "renews_on": _optional_day,
    "cancels_on": _optional_day,
    "cycle_months": lambda value: value is None or (type(value) is int and value >= 0),
    "conta_pj": lambda value: value is None or isinstance(value, bool),
    "status": _str_or_none,
    "history": lambda value: isinstance(value, list) and all(map(_str_map, value)),
}
_VOTE = {
    "article_id": _is_str,
    "useful": lambda value: isinstance(value, bool),
    "reason": _str_or_none,
    "at": _moment,
}
_MISS = {
    "query": _is_str,
    "count": lambda value: type(value) is int and value >= 1,
    "last_at": _moment,
}


def _detail(doc: Mapping[str, Any]) -> str | None:
    """A request detail: its fields, and references that read back (``store.packing``)."""
    issue = _shape(doc, _DETAIL, set())
    if issue is None and packing.is_packed(doc):
        try:
            packing.unpack_detail(doc)
        except (ValueError, TypeError):
            return "referências a textos que não podem ser lidas"
    return issue


def _meta(doc: Mapping[str, Any]) -> str | None:
    """The schema record and the protocol counters."""
    if "schema_version" in doc:
        version = doc["schema_version"]
        if type(version) is not int or version < 1:
            return "campo 'schema_version' com valor inesperado"
    if "protocols" in doc:
        counters = doc["protocols"]
        if not _str_map(counters) or not all(
            type(number) is int and number >= 0 and year.isdigit()
            for year, number in counters.items()
        ):
            return "campo 'protocols' com valor inesperado"
    return None


CHECKS: dict[str, Check] = {
    names.REQUESTS: lambda doc: _shape(doc, _REQUEST, {"protocol", "kind", "status", "created_at"}),
    names.REQUEST_DETAILS: _detail,
    names.LICENSES: lambda doc: _shape(doc, _LICENSE, {"support_id"}),
    names.VOTES: lambda doc: _shape(doc, _VOTE, {"article_id", "useful", "at"}),
    names.SEARCH_MISSES: lambda doc: _shape(doc, _MISS, {"query", "count", "last_at"}),
    names.META: _meta,
}
"""One check per known table; tables of other features only need to hold JSON objects."""


def problem(table: str, doc: Any) -> str | None:
    """What is wrong with document ``doc`` of ``table`` (None when it is fine)."""
    if not isinstance(doc, dict):
        return "documento que não é um objeto"
    check = CHECKS.get(table)
    return check(doc) if check is not None else None


def describe(table: str, doc_id: str, issue: str) -> str:
    """The Portuguese detail naming the bad document."""
    return f"{names.LABELS.get(table, table)}, registro {doc_id}: {issue}"


def record_problem(record: Any) -> str | None:
    """What is wrong with the shape of a journal record (None when it is fine)."""
    if not isinstance(record, dict):
        return "registro do diário que não é um objeto"
    dropped = record.get("x", [])
    if not isinstance(dropped, list) or not all(isinstance(name, str) for name in dropped):
        return "registro do diário com lista de tabelas inválida"
    changes = record.get("t", {})
    if not _str_map(changes):
        return "registro do diário sem tabelas"
    for change in changes.values():
        if not isinstance(change, dict):
            return "registro do diário com mudança inválida"
        upserts, deletes = change.get("u", {}), change.get("d", [])
        if not _str_map(upserts) or not all(key.isdigit() for key in upserts):
            return "registro do diário com documentos inválidos"
        if not isinstance(deletes, list) or not all(isinstance(key, str) for key in deletes):
            return "registro do diário com exclusões inválidas"
    return None
