"""Rows of Minhas solicitações: filtering, table cells and the CSV export (no Textual here)."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from helpdesk.documents import format_date, mask_name
from screens.text_filter import fold

if TYPE_CHECKING:
    from store.requests import RequestSummary

KIND_SHORT = {
    "cancel": "Cancelamento",
    "refund": "Estorno",
    "substitute": "Substituição",
    "transfer": "Transferência",
    "backup": "Backup",
    "block-conta-pj": "Bloqueio Conta PJ",
}
"""Short names of the request kinds, for table columns."""

COLUMNS = (
    ("protocol", "Protocolo"),
    ("kind", "Tipo"),
    ("license", "Licença"),
    ("client", "Cliente"),
    ("created", "Criado em"),
    ("status", "Situação"),
    ("key_date", "Data-chave"),
)
"""Column keys and headings of the requests table."""

CSV_HEADER = (
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


def key_date_text(value: date | datetime | None) -> str:
    """A key date as DD/MM/AAAA (moments with their hour)."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return f"{format_date(value.date())} {value:%H:%M}"
    return format_date(value)


def cells(summary: RequestSummary) -> tuple[Text, ...]:
    """The table cells of a request: literal text, client masked."""
    return (
        Text(summary.protocol, style="bold"),
        Text(KIND_SHORT.get(summary.kind, summary.kind)),
        Text(summary.support_id),
        Text(mask_name(summary.client) or "—"),
        Text(f"{summary.created_at:%d/%m/%Y %H:%M}"),
        Text(summary.status_label),
        Text(key_date_text(summary.key_date)),
    )


def protocol_of(summary: RequestSummary) -> str:
    """The row key of a request."""
    return summary.protocol


def haystack(summary: RequestSummary) -> str:
    """What the free-text filter searches: protocol, ID, client and kind (folded)."""
    return fold(
        " ".join(
            (
                summary.protocol,
                summary.support_id,
                summary.client,
                KIND_SHORT.get(summary.kind, summary.kind),
                summary.decision,
            )
        )
    )


def filtered(
    summaries: Sequence[RequestSummary],
    haystacks: Sequence[str],
    kind: str | None,
    status: str | None,
    text: str,
) -> list[RequestSummary]:
    """The requests matching the kind, the status and every word of the text.

    ``haystacks`` (from :func:`haystack`, one per summary) is only read when there is text.
    """
    words = fold(text).split()
    chosen = [
        index
        for index, summary in enumerate(summaries)
        if (kind is None or summary.kind == kind) and (status is None or summary.status == status)
    ]
    if words:
        chosen = [i for i in chosen if all(word in haystacks[i] for word in words)]
    return [summaries[i] for i in chosen]


def csv_text(summaries: Iterable[RequestSummary]) -> str:
    """The requests as CSV (dates ISO, so spreadsheets sort them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for s in summaries:
        writer.writerow(
            (
                s.protocol,
                s.kind,
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


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable only by its owner (it holds client data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
