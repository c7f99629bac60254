"""The way out of a damaged data file: keep it aside, salvage what can be read, start afresh."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from helpdesk.clock import to_sao_paulo
from store import journal, schema
from store.errors import DamagedDatabase
from store.files import fsync_dir
from store.migrations import CURRENT, META_TABLE, SCHEMA_KEY
from store.snapshot import INDEX_PREFIX, SNAPSHOT_KEY
from store.storage import JournalStorage, Tables

_TABLE_START = re.compile(r'"([A-Za-z_][\w-]*)"\s*:\s*\{\s*"\d+"\s*:')
_DOC_START = re.compile(r'"(\d+)"\s*:\s*\{')
_PROTOCOL = re.compile(r"^HD-(\d{4})-(\d+)$")
_PROTOCOL_BYTES = re.compile(rb"HD-\d{4}-\d{6,}")


@dataclass
class RecoveryReport:
    """What ``recover`` did."""

    damaged: bool
    moved: list[Path] = field(default_factory=list)
    salvaged: dict[str, int] = field(default_factory=dict)
    """Documents saved into the new file, per table."""


def recover(path: Path, now: datetime) -> RecoveryReport:
    """If the file at ``path`` cannot be read: move it (and its journal) aside, salvage, restart.

    The damaged files are renamed to ``<name>.danificado-AAAAMMDD-HHMMSS`` in the same folder and
    never changed; a healthy file is left alone.
    """
    storage = JournalStorage(path)
    path = storage.path  # symbolic links resolved: the real file is moved aside, not the link
    with storage.locked():
        try:
            storage.verify()
        except DamagedDatabase:
            pass
        else:
            storage.close()
            return RecoveryReport(damaged=False)
        storage.close()
        salvaged = _valid_only(_salvage(path, storage.journal_path))
        mentioned = _protocols_mentioned(path, storage.journal_path)
        report = RecoveryReport(damaged=True)
        suffix = to_sao_paulo(now).strftime("danificado-%Y%m%d-%H%M%S")
        for source in (path, storage.journal_path):
            if source.exists():
                target = source.with_name(f"{source.name}.{suffix}")
                # Renamed, never copied or re-permissioned: it keeps exactly the access its
                # owner gave it (the app changes the permissions of no file it did not create).
                os.rename(source, target)
                report.moved.append(target)
        fsync_dir(path.parent)
        _fix_protocol_counters(salvaged, mentioned)
        salvaged.setdefault(META_TABLE, {}).setdefault("1", {SCHEMA_KEY: CURRENT})
        storage.close()
        with storage.transaction(compact=True):
            for name, docs in salvaged.items():
                storage.apply(name, docs)
        storage.close()
        report.salvaged = {name: len(docs) for name, docs in salvaged.items() if docs}
    return report


def _salvage(path: Path, journal_path: Path) -> Tables:
    """Every document that can still be read from the snapshot and the journal."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        text = ""
    tables, nonce = _salvage_snapshot(text)
    try:
        data = journal_path.read_bytes()
    except OSError:
        return tables
    lines = data.split(b"\n")
    try:
        header = journal.decode_line(lines[0])
    except ValueError:
        header = {}
    if nonce is not None and isinstance(header, dict) and header.get("base") not in (None, nonce):
        return tables  # a journal the readable snapshot already contains
    for line in lines[1:]:
        try:
            record = journal.decode_line(line)
        except ValueError:
            continue
        if schema.record_problem(record) is not None:
            continue
        for name in record.get("x", ()):
            tables.pop(name, None)
        for name, change in record.get("t", {}).items():
            table = tables.setdefault(name, {})
            for doc_id in change.get("d", ()):
                table.pop(doc_id, None)
            table.update(change.get("u", {}))
    return tables


def _salvage_snapshot(text: str) -> tuple[Tables, str | None]:
    """Tables of a snapshot (and its nonce): parsed whole if possible, else document by document."""
    try:
        decoded = json.loads(text)
    except ValueError:
        decoded = None
    tables: Tables = {}
    if isinstance(decoded, dict):
        for name, table in decoded.items():
            if not name.startswith((SNAPSHOT_KEY, INDEX_PREFIX)) and isinstance(table, dict):
                docs = {k: v for k, v in table.items() if k.isdigit() and isinstance(v, dict)}
                tables[name] = docs
        header = decoded.get(SNAPSHOT_KEY)
        nonce = header.get("1", {}).get("nonce") if isinstance(header, dict) else None
        return tables, str(nonce) if nonce else None
    decoder = json.JSONDecoder()
    starts = [(m.start(), m.group(1)) for m in _TABLE_START.finditer(text)]
    position = 0
    while True:
        match = _DOC_START.search(text, position)
        if match is None:
            break
        owner = None
        for start, name in starts:
            if start < match.start():
                owner = name
        try:
            doc, end = decoder.raw_decode(text, match.end() - 1)
        except ValueError:
            position = match.end()
            continue
        if owner and owner != SNAPSHOT_KEY and isinstance(doc, dict):
            tables.setdefault(owner, {})[match.group(1)] = doc
        position = end
    return tables, None


def _valid_only(tables: Tables) -> Tables:
    """The salvaged documents whose shape passes their table's check (``store.schema``)."""
    return {
        name: {
            doc_id: doc
            for doc_id, doc in docs.items()
            if doc_id.isdigit() and schema.problem(name, doc) is None
        }
        for name, docs in tables.items()
    }


def _protocols_mentioned(*paths: Path) -> list[str]:
    """Every protocol written anywhere in the damaged files, readable or not.

    A request lost to the damage still had its number handed out (the person may have it in a
    message to support): the counters must move past it too, or the next submit would reuse it.
    """
    found = []
    for source in paths:
        with contextlib.suppress(OSError):
            found += [m.decode() for m in _PROTOCOL_BYTES.findall(source.read_bytes())]
    return found


def _fix_protocol_counters(tables: Tables, mentioned: Iterable[str] = ()) -> None:
    """Make sure no protocol number already used can be handed out again."""
    highest: dict[str, int] = {}
    protocols = [str(doc.get("protocol", "")) for doc in tables.get("requests", {}).values()]
    for protocol in [*protocols, *mentioned]:
        match = _PROTOCOL.match(protocol)
        if match:
            year, number = match.group(1), int(match.group(2))
            highest[year] = max(highest.get(year, 0), number)
    if not highest:
        return
    meta = tables.setdefault(META_TABLE, {})
    counters: dict[str, Any] = dict(meta.get("2") or {})
    per_year = dict(counters.get("protocols", {}))
    for year, number in highest.items():
        per_year[year] = max(int(per_year.get(year, 0)), number)
    meta["2"] = {**counters, "protocols": per_year}
