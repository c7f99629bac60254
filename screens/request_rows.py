"""Rows of Minhas solicitações: filtering and table cells (no Textual here)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.text import Text

from helpdesk.documents import format_date, mask_name
from helpdesk.request_kinds import KINDS
from screens.text_filter import fold

if TYPE_CHECKING:
    from store.interface import RequestSummary

COLUMNS = (
    ("protocol", "Protocolo"),
    ("kind", "Tipo"),
    ("status", "Situação"),
    ("license", "Licença"),
    ("client", "Cliente"),
    ("key_date", "Data-chave"),
    ("created", "Criado em"),
)
"""Column keys and headings of the requests table, what a follow-up needs first (80 columns
show the protocol, kind, status, license and client without scrolling sideways)."""


def kind_short(kind_id: str) -> str:
    """The short name of a request kind, for table columns and filters."""
    kind = KINDS.get(kind_id)
    return kind.short_title if kind else kind_id


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
        Text(kind_short(summary.kind)),
        Text(summary.status_label),
        Text(summary.support_id),
        Text(mask_name(summary.client) or "—"),
        Text(key_date_text(summary.key_date)),
        Text(f"{summary.created_at:%d/%m/%Y %H:%M}"),
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
                kind_short(summary.kind),
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
