"""LGPD: erase a client's personal data from every table, keeping anonymous counts.

The erasure is planned first (:func:`plan_erasure`, a pure function over the stored records, so
every engine applies the same plan) and shown to the person before it runs (:func:`preview`).

* The erased license leaves the lote.
* Its own requests stay (kind, status, dates, decision: what the counts need) with the ID
  Suporte, names, CNPJs, e-mails, free-text notes and the support message removed.
* In every other record, a name, CNPJ or e-mail of the client is replaced by ``[removido]`` only
  when no other license still in the lote carries it (two licenses of one company share a CNPJ:
  erasing one must not damage the other). Free text (notes, reasons, search misses) also loses
  every word of the erased names, accents and case aside ("zeferino", "quixada").

The erasing commit rewrites the data file and starts an empty journal, so the erased values
remain in no file the store keeps; success is reported only once both are done.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from helpdesk.clock import to_sao_paulo
from helpdesk.documents import count_of, format_cnpj, mask_cnpj, mask_name, mask_text
from helpdesk.request_kinds import KINDS
from helpdesk.search.text import STOPWORDS, fold
from store import names
from store.licenses import LICENSES_TABLE, PERSONAL_KEYS
from store.packing import pack_detail, unpack_detail
from store.requests import DETAILS_TABLE, REQUESTS_TABLE

if TYPE_CHECKING:
    from store.database import Database
    from store.interface import Store
    from store.request_records import RequestSummary
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
_PERSONAL_FIELDS = tuple(
    dict.fromkeys(spec.name for kind in KINDS.values() for spec in kind.fields if spec.personal)
)
"""Request fields that identify a client, as the kinds declare them (``FieldSpec.personal``)."""
FREE_TEXT_KEYS = frozenset({"note", "reason", "query"})
"""Keys of text a person typed freely: the erased names' words are removed from them."""
_NAME_FIELDS = tuple(
    dict.fromkeys(
        spec.name
        for kind in KINDS.values()
        for spec in kind.fields
        if spec.personal and spec.kind == "text"
    )
)
"""Request fields holding a client's name (personal free text, as opposed to a CNPJ or e-mail)."""
_MIN_LENGTH = 3  # shorter values would erase unrelated words
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ErasurePlan:
    """What erasing one client changes, record by record; engine-independent."""

    support_id: str
    changes: dict[str, tuple[dict[str, Doc], list[str]]] = field(default_factory=dict)
    """Per table: the documents to replace (by id) and the ids to delete."""
    licenses: tuple[str, ...] = ()
    """ID Suporte of the licenses removed from the lote."""
    requests: tuple[str, ...] = ()
    """Protocols of the client's own requests, anonymised."""
    others: tuple[str, ...] = ()
    """Other records cleaned of the client's words (protocol, or table and id)."""
    kept: tuple[str, ...] = ()
    """Values left in other records because another license in the lote still carries them."""

    @property
    def empty(self) -> bool:
        """Whether there is nothing to erase."""
        return not (self.licenses or self.requests or self.others)


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure removed."""

    support_id: str
    licenses: int
    requests: int
    other_documents: int


def plan_erasure(
    tables: Mapping[str, Mapping[str, Doc]], support_id: str, stamp: str
) -> ErasurePlan:
    """Every change erasing ``support_id`` makes to ``tables`` (``stamp``: ISO moment of erasure)."""
    wanted = support_id.strip()
    lote = tables.get(LICENSES_TABLE, {})
    licenses = {k: d for k, d in lote.items() if d.get("support_id") == wanted}
    summaries = {
        k: d for k, d in tables.get(REQUESTS_TABLE, {}).items() if d.get("support_id") == wanted
    }
    all_details = tables.get(DETAILS_TABLE, {})
    details = {k: all_details[k] for k in summaries if k in all_details}
    values = _personal_values(licenses.values(), summaries.values(), details.values())
    retained = _retained_values(d for k, d in lote.items() if k not in licenses)
    erasable = {value for value in values if _key(value) not in retained}
    kept = sorted(value for value in values if _key(value) in retained)
    tokens = _tokens(values) - _tokens(_retained_originals(lote, licenses))
    own = _Scrubber(values, tokens)
    other = _Scrubber(erasable, tokens)

    changes: dict[str, tuple[dict[str, Doc], list[str]]] = {}
    if licenses:
        changes[LICENSES_TABLE] = ({}, sorted(licenses, key=int))
    if summaries:
        changes[REQUESTS_TABLE] = (
            {k: _anonymous_summary(d, own, stamp) for k, d in summaries.items()},
            [],
        )
    if details:
        changes[DETAILS_TABLE] = ({k: _anonymous_detail(d, own) for k, d in details.items()}, [])
    others: list[str] = []
    for name, table in tables.items():
        upserts, deletes = changes.get(name, ({}, []))
        for key, doc in table.items():
            if key in upserts or key in deletes:
                continue
            if (name == REQUESTS_TABLE and key in summaries) or (
                name == DETAILS_TABLE and key in details
            ):
                continue
            if name == DETAILS_TABLE:
                # Scrubbed as read (texts in full), stored again as references.
                full = unpack_detail(doc)
                scrubbed = other.scrub(full)
                if scrubbed != full:
                    scrubbed = pack_detail(scrubbed)
            else:
                scrubbed = other.scrub(doc)
            if scrubbed != doc:
                upserts[key] = scrubbed
                others.append(_describe(tables, name, key))
        if upserts or deletes:
            changes[name] = (upserts, deletes)
    return ErasurePlan(
        support_id=wanted,
        changes=changes,
        licenses=tuple(str(d.get("support_id")) for d in licenses.values()),
        requests=tuple(str(d.get("protocol")) for d in summaries.values()),
        others=tuple(others),
        kept=tuple(kept),
    )


def preview(db: Database, support_id: str, now: datetime) -> ErasurePlan:
    """The plan of erasing ``support_id`` as the data file is now (nothing is written)."""
    with db.storage.locked():
        return plan_erasure(db.storage.tables(), support_id, to_sao_paulo(now).isoformat())


def erase_client(db: Database, support_id: str, now: datetime) -> ErasureReport:
    """Remove everything that identifies the client of ``support_id``; one durable commit.

    The plan is made again inside the transaction, so a change made since the preview is
    taken into account; the commit rewrites the snapshot and empties the journal.
    """
    with db.transaction(compact=True):
        plan = plan_erasure(db.storage.tables(), support_id, to_sao_paulo(now).isoformat())
        for name, (upserts, deletes) in plan.changes.items():
            db.storage.apply(name, upserts, deletes)
    return ErasureReport(plan.support_id, len(plan.licenses), len(plan.requests), len(plan.others))


def describe_plan(plan: ErasurePlan) -> list[str]:
    """The preview shown before the person confirms, in Portuguese, one line per item."""
    lines = [f"Apagar os dados pessoais do ID Suporte {plan.support_id}:"]
    if plan.licenses:
        lines.append(f"  • licença retirada do lote: {', '.join(plan.licenses)}")
    if plan.requests:
        counted = count_of(len(plan.requests), "pedido da licença", "pedidos da licença")
        lines.append(f"  • {counted} sem dados pessoais: {', '.join(plan.requests)}")
    if plan.others:
        counted = count_of(len(plan.others), "outro registro", "outros registros")
        lines.append(f"  • {counted} sem nome, CNPJ ou e-mail do cliente: {', '.join(plan.others)}")
    shown: set[str] = set()
    for value in plan.kept:
        if _key(value) in shown:
            continue
        shown.add(_key(value))
        lines.append(f"  • mantido: {_masked(value)} (outra licença do lote ainda o usa)")
    return lines


def _masked(value: str) -> str:
    """A kept value as the preview shows it: masked by what it is."""
    if "@" in value:
        return f"e-mail {mask_text(value)}"
    key = _key(value)
    if len(key) == 14 and " " not in value.strip():
        return f"CNPJ {mask_cnpj(key.upper())}"
    return f"nome {mask_name(value)}"


def names_in_requests(store: Store, summaries: Iterable[RequestSummary]) -> dict[str, list[str]]:
    """Per protocol, every client name its request holds (to mask them in listings).

    A decision can name another client than the request's own (a substitution names the new
    one): for kinds with a name field, the names typed in the request count too. Any engine.
    """

    named_kinds = {
        kind.id for kind in KINDS.values() if any(s.name in _NAME_FIELDS for s in kind.fields)
    }
    found: dict[str, list[str]] = {}
    for summary in summaries:
        names_ = [summary.client]
        if summary.kind in named_kinds:
            fields = store.requests.get(summary.protocol).fields
            names_ += [str(fields.get(key) or "") for key in _NAME_FIELDS]
        found[summary.protocol] = [name for name in names_ if name.strip()]
    return found


# ------------------------------------------------------------------------------- the values


def _key(value: str) -> str:
    """How values are compared: case and CNPJ punctuation aside."""
    text = value.strip().casefold()
    digits = re.sub(r"[./\-\s]", "", text)
    return digits if len(digits) == 14 and digits[-2:].isdigit() else text


def _personal_values(*groups: Iterable[Doc]) -> set[str]:
    """Every name, CNPJ (both forms) and e-mail found in the client's documents."""
    found: set[str] = set()

    def add(value: Any) -> None:
        if isinstance(value, str) and len(value.strip()) >= _MIN_LENGTH:
            found.add(value.strip())
            if len(value.strip()) == 14:
                found.add(format_cnpj(value.strip()))

    def add_personal(record: Any) -> None:
        # Only the identifying keys: a saved "before" also holds the status and dates, and a
        # status word ("ativa") scrubbed from every table would corrupt the other licenses.
        if isinstance(record, dict):
            for key in PERSONAL_KEYS:
                add(record.get(key))

    for group in groups:
        for doc in group:
            add_personal(doc)
            for entry in doc.get("history", []):
                add_personal(entry.get("previous"))
            add_personal((doc.get("effect") or {}).get("before"))
            for key in _PERSONAL_FIELDS:
                add((doc.get("fields") or {}).get(key))
    return found


def _retained_originals(lote: Mapping[str, Doc], erased: Mapping[str, Doc]) -> list[str]:
    """The names, CNPJs and e-mails of the licenses that stay in the lote."""
    kept = []
    for key, doc in lote.items():
        if key not in erased:
            kept += [str(doc.get(name) or "") for name in PERSONAL_KEYS]
    return kept


def _retained_values(docs: Iterable[Doc]) -> set[str]:
    """Comparison keys of what the licenses staying in the lote carry."""
    return {
        _key(str(doc.get(name) or "")) for doc in docs for name in PERSONAL_KEYS if doc.get(name)
    }


def _tokens(values: Iterable[str]) -> set[str]:
    """The folded words of ``values`` worth erasing from free text (no short or common words)."""
    found = set()
    for value in values:
        if "@" in value or (len(_key(value)) == 14 and " " not in value.strip()):
            continue  # e-mails and CNPJs are erased whole; "com" is not the client's word
        for word in _WORD.findall(fold(value)):
            if len(word) >= _MIN_LENGTH and not word.isdigit() and word not in STOPWORDS:
                found.add(word)
    return found


class _Scrubber:
    """Replaces whole values everywhere and their words in free text."""

    def __init__(self, values: set[str], tokens: set[str]) -> None:
        self.pattern = _pattern(values)
        self.tokens = tokens

    def text(self, value: str, *, free: bool) -> str:
        """One string, scrubbed."""
        if self.pattern is not None:
            value = self.pattern.sub(REMOVED, value)
        if free and self.tokens:
            value = _WORD.sub(
                lambda m: REMOVED if fold(m.group()) in self.tokens else m.group(), value
            )
        return value

    def scrub(self, value: Any, *, free: bool = False) -> Any:
        """``value`` (any JSON) with the client's values (and words, in free text) replaced."""
        if isinstance(value, str):
            return self.text(value, free=free)
        if isinstance(value, dict):
            return {
                key: self.link(item)
                if key == "url"
                else self.scrub(item, free=free or key in FREE_TEXT_KEYS)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.scrub(item, free=free) for item in value]
        return value

    def link(self, url: Any) -> Any:
        """A support message link with the client's words removed from its encoded query.

        The words are encoded there (``P%C3%A3o``), so the plain pattern would never see them:
        each ``name=value`` of the query is decoded, scrubbed and encoded again.
        """
        if not isinstance(url, str) or "?" not in url:
            return self.scrub(url)
        base, _, query = url.partition("?")
        parts = []
        for part in query.split("&"):
            name, equals, value = part.partition("=")
            parts.append(name + equals + quote(self.text(unquote(value), free=False), safe=""))
        return base + "?" + "&".join(parts)


def _pattern(values: set[str]) -> re.Pattern[str] | None:
    """A regex matching any of ``values`` as whole words (longest first)."""
    if not values:
        return None
    alternatives = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _describe(tables: Mapping[str, Mapping[str, Doc]], name: str, key: str) -> str:
    """A record as the preview names it: a request by protocol, others by table and id."""
    if name in (REQUESTS_TABLE, DETAILS_TABLE):
        protocol = tables.get(REQUESTS_TABLE, {}).get(key, {}).get("protocol")
        if protocol:
            return f"pedido {protocol}" + (" (detalhes)" if name == DETAILS_TABLE else "")
    if name == LICENSES_TABLE:
        return f"licença {tables[name][key].get('support_id', key)}"
    return f"{names.LABELS.get(name, name)} nº {key}"


def _anonymous_summary(doc: Doc, scrubber: _Scrubber, stamp: str) -> Doc:
    """A request summary without the client: counts by kind and status still work."""
    new = scrubber.scrub(dict(doc))
    new.update(support_id="", client="", effect=None, erased_at=stamp)
    new["status_history"] = [{**step, "note": ""} for step in doc.get("status_history", [])]
    return new


def _anonymous_detail(stored: Doc, scrubber: _Scrubber) -> Doc:
    """A request detail with only the fields that do not identify anyone."""
    doc = unpack_detail(stored)
    fields = {k: v for k, v in (doc.get("fields") or {}).items() if k in KEPT_FIELDS}
    message = doc.get("message") or {}
    if not isinstance(message, dict):
        message = {}
    anonymous = {
        **doc,
        "fields": fields,
        "outcome": scrubber.scrub(doc.get("outcome", {})),
        "message": {"channel": message.get("channel", ""), "text": "", "url": ""},
    }
    return pack_detail(anonymous)
