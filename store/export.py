"""Requests exported for the person's own use: CSV for spreadsheets, JSON in full.

One format for the command line and the app, so a file looks the same whichever made it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from helpdesk.request_kinds import KINDS
from store.files import write_atomic
from store.request_records import Request, RequestSummary

CSV_COLUMNS = (
    "protocolo",
    "tipo",
    "id_suporte",
    "cliente",
    "situacao",
    "criado_em",
    "data_chave",
    "data_chave_descricao",
    "decisao",
)
"""The header of the CSV export (dates ISO, so spreadsheets sort them)."""

CSV_SEPARATOR = ";"
"""Spreadsheets set to Portuguese (Brazil) split columns at ``;``: the comma is the decimal mark."""

CSV_SEPARATORS = (";", ",")
"""The separators an export may use."""


def requests_csv(summaries: Iterable[RequestSummary], separator: str = CSV_SEPARATOR) -> str:
    """The requests as CSV (``;`` unless told), kinds and statuses in Portuguese."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator)
    writer.writerow(CSV_COLUMNS)
    for s in summaries:
        kind = KINDS.get(s.kind)
        writer.writerow(
            (
                s.protocol,
                kind.short_title if kind else s.kind,
                s.support_id,
                s.client,
                s.status_label,
                s.created_at.isoformat(timespec="minutes"),
                s.key_date.isoformat() if s.key_date else "",
                s.key_date_label,
                s.decision,
            )
        )
    return out.getvalue()


def requests_json(requests: Iterable[Request]) -> str:
    """Every request in full as a JSON list."""
    return json.dumps([r.to_json() for r in requests], ensure_ascii=False, indent=2) + "\n"


def write_export(path: Path, text: str, export_format: str) -> None:
    """Save an export atomically and privately (it holds client data).

    A CSV gets a UTF-8 byte-order mark: without it, spreadsheet programs read its accents in the
    system's legacy encoding. JSON must not have one (RFC 8259).
    """
    write_atomic(path, text.encode("utf-8-sig" if export_format == "csv" else "utf-8"))
