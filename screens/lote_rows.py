"""Rows of Meu lote: each license with its status and next deadline, urgent ones first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rich.style import Style
from rich.text import Text

from helpdesk.documents import format_date, mask_cnpj, mask_name
from helpdesk.licenses import Deadline, License, current_term, next_deadline, with_status
from helpdesk.policy import POLICY
from helpdesk.request_status import with_unsent_note
from screens.text_filter import fold
from screens.wording import counted

COLUMNS = (
    ("mark", " "),
    ("support_id", "ID Suporte"),
    ("client", "Cliente"),
    ("deadline", "Próximo prazo"),
    ("status", "Situação"),
    ("cnpj", "CNPJ"),
    ("term_start", "Início"),
    ("renews_on", "Renovação"),
    ("cycle", "Ciclo"),
)
"""Column keys and headings of the lote table (what matters most on the left, for narrow screens)."""

URGENT_MARK = "▲"


@dataclass(frozen=True)
class LoteRow:
    """A license as the table shows it, with what sorting and highlighting need."""

    license: License
    status: str
    deadline: Deadline | None
    days_left: int | None
    hay: str
    term: tuple[date, date] | None
    """The term running today (the stored dates rolled forward by whole cycles)."""
    unsent: tuple[str, ...] = ()
    """Protocols of the license's requests registered but not yet sent to support."""

    @property
    def situation(self) -> str:
        """The Situação text: the status, then the note of the requests still to send."""
        return with_unsent_note(self.status, self.unsent)

    @property
    def situation_cell(self) -> str:
        """The Situação column's text: the status, then "falta enviar" without the protocols."""
        return with_unsent_note(self.status, self.unsent, short=True)

    @property
    def urgent(self) -> bool:
        """True when the next deadline is within the notice period (highlighted, listed first)."""
        return self.days_left is not None and 0 <= self.days_left <= POLICY.notice_days


def support_id_of(row: LoteRow) -> str:
    """The row key of a license."""
    return row.license.support_id


def build_rows(
    licenses: Sequence[License], today: date, unsent: Mapping[str, Sequence[str]] | None = None
) -> list[LoteRow]:
    """Each license with its effective status on ``today``, its next deadline and the protocols
    of its requests still to send (``unsent``, by ID Suporte)."""
    unsent = unsent or {}
    rows = []
    for lic in licenses:
        current = with_status(lic, today)
        deadline = next_deadline(current, today)
        rows.append(
            LoteRow(
                current,
                current.status,
                deadline,
                deadline.days_left(today) if deadline else None,
                fold(f"{lic.support_id} {lic.client}"),
                current_term(lic, today),
                tuple(unsent.get(lic.support_id, ())),
            )
        )
    return rows


def urgent_first(rows: Sequence[LoteRow]) -> list[LoteRow]:
    """Soonest deadline first, as the list says ("prazos próximos primeiro"); licenses with no
    deadline ahead last, by ID Suporte. The urgent ones come first because they are soonest."""
    return sorted(
        rows,
        key=lambda row: (
            row.deadline is None,
            row.deadline.when if row.deadline else date.max,
            row.license.support_id,
        ),
    )


def due_soon(rows: Sequence[LoteRow], within: int) -> list[LoteRow]:
    """Rows whose next deadline is the notice (pedir cancelamento) within ``within`` days."""
    return [
        row
        for row in rows
        if row.deadline is not None
        and row.deadline.action == "cancel"
        and row.days_left is not None
        and 0 <= row.days_left <= within
    ]


def by_support_id(rows: Sequence[LoteRow]) -> list[LoteRow]:
    """Licenses by ID Suporte."""
    return sorted(rows, key=lambda row: row.license.support_id)


def matching(rows: Sequence[LoteRow], text: str) -> list[LoteRow]:
    """Rows whose ID Suporte or client contains every word of ``text``."""
    words = fold(text).split()
    if not words:
        return list(rows)
    return [row for row in rows if all(word in row.hay for word in words)]


def deadline_text(row: LoteRow) -> str:
    """``pedir cancelamento até 29/01/2027 (em 64 dias)``."""
    if row.deadline is None or row.days_left is None:
        return "—"
    days = row.days_left
    when = "hoje" if days == 0 else "amanhã" if days == 1 else f"{days} dias"
    return f"{row.deadline.label} {format_date(row.deadline.when)} ({when})"


def _day(value: date | None) -> str:
    """DD/MM/AAAA or a dash."""
    return format_date(value) if value else "—"


def cells(row: LoteRow, urgent_style: Style) -> tuple[Text, ...]:
    """The table cells of a license: client and CNPJ masked, urgent rows highlighted."""
    lic = row.license
    style = urgent_style if row.urgent else Style()
    return (
        Text(URGENT_MARK if row.urgent else " ", style=style),
        Text(lic.support_id, style=style + Style(bold=True)),
        Text(mask_name(lic.client)),
        Text(deadline_text(row), style=style),
        Text(row.situation_cell),
        Text(mask_cnpj(lic.cnpj) if lic.cnpj else "—"),
        Text(_day(row.term[0] if row.term else lic.term_start)),
        Text(_day(row.term[1] if row.term else lic.renews_on)),
        Text(f"{lic.cycle_months} m"),
    )


def detail_texts(row: LoteRow) -> dict[str, str]:
    """What the line under a narrow table says of the columns left out (CNPJ masked, dates
    DD/MM/AAAA, the cycle spelled out), by column key."""
    lic = row.license
    return {
        "status": row.situation,
        "renews_on": _day(row.term[1] if row.term else lic.renews_on),
        "cycle": counted(lic.cycle_months, "mês", "meses"),
        "term_start": _day(row.term[0] if row.term else lic.term_start),
        "cnpj": mask_cnpj(lic.cnpj) if lic.cnpj else "—",
    }
