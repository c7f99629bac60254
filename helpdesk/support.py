"""The message a partner sends to support for a request, and the link that opens it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from helpdesk.documents import format_cnpj, format_date, format_moment
from helpdesk.errors import InputError
from helpdesk.fields import format_value
from helpdesk.outcome import Outcome
from helpdesk.policy import POLICY
from helpdesk.request_kinds import RequestKind

TICKET_LABEL = "Chamado na Conta Azul nº"
"""How a status note records Conta Azul's ticket number (both store engines keep notes)."""
TICKET_FIELD = "Nº do chamado"
_TICKET = re.compile(r"[0-9A-Za-z][0-9A-Za-z./#-]{0,29}")
_TICKET_IN_NOTE = re.compile(re.escape(TICKET_LABEL) + r" (\S+)")


@dataclass(frozen=True)
class SupportMessage:
    """The text to send, the channel to send it through and a link that opens it pre-filled."""

    channel: str
    text: str
    url: str

    def to_json(self) -> dict[str, str]:
        """JSON-able view."""
        return {"channel": self.channel, "text": self.text, "url": self.url}


def normalize_ticket(text: str, field: str = TICKET_FIELD) -> str:
    """Conta Azul's ticket number as typed (letters, digits, . / # -), or InputError."""
    ticket = text.strip()
    if not _TICKET.fullmatch(ticket):
        raise InputError(
            field,
            "informe o número do chamado que a Conta Azul passou (até 30 letras ou números, "
            "sem espaços).",
        )
    return ticket


def ticket_note(ticket: str, note: str = "") -> str:
    """The status note that records a ticket number (and the partner's own note, if any)."""
    return f"{TICKET_LABEL} {ticket}" + (f" — {note}" if note else "")


def ticket_in(notes: Iterable[str]) -> str:
    """The last ticket number recorded in ``notes`` ("" when none)."""
    found = ""
    for note in notes:
        match = _TICKET_IN_NOTE.search(note)
        if match:
            found = match.group(1)
    return found


def whatsapp_url(text: str) -> str:
    """``https://wa.me/…`` with the text pre-filled."""
    return f"https://wa.me/{POLICY.channels.whatsapp_digits}?text={quote(text, safe='')}"


def mailto_url(subject: str, text: str) -> str:
    """A ``mailto:`` link to the Conta PJ e-mail channel with subject and body."""
    address = POLICY.channels.conta_pj_email
    # RFC 6068 §5: line breaks in a mailto body are CRLF; safe="" also encodes "/".
    body = "\r\n".join(text.splitlines())
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def build_message(
    kind: RequestKind, values: Mapping[str, Any], outcome: Outcome, protocol: str
) -> SupportMessage:
    """Compose the message for ``kind``, in the office's own voice: the partner sends it as is."""
    lines = [
        "Olá, time de suporte da Conta Azul!",
        f"Meu escritório é parceiro do Plano Exclusivo e quero {kind.message_request}.",
        "",
    ]
    for spec in kind.fields:
        value = values.get(spec.name)
        if value is None or value == "":
            continue
        # A CNPJ is shown with the mask, the way support reads it.
        shown = format_cnpj(value) if spec.kind == "cnpj" else format_value(value)
        if spec.kind == "yes_no":
            shown = "sim" if value else "não"
        lines.append(f"{spec.message_label}: {shown}")
    summary = _SUMMARIES.get(kind.id, _no_summary)(outcome)
    if summary:
        lines += ["", *summary]
    lines += [
        "",
        f"Protocolo {protocol}: é o número deste pedido no meu controle (app Central do "
        "Parceiro), não um chamado da Conta Azul.",
        "",
        "Obrigado!",
    ]
    text = "\n".join(lines)
    if kind.channel == "email":
        company = values.get("company_name")
        named = f" — {company}" if company else ""
        subject = f"{kind.title}{named} — ID Suporte {values.get('support_id', '')} ({protocol})"
        return SupportMessage("email", text, mailto_url(subject, text))
    return SupportMessage("whatsapp", text, whatsapp_url(text))


# ------------------------------------------------------------------- what the office adds


def _date(outcome: Outcome, key: str) -> str:
    """A date of the outcome as DD/MM/AAAA (moments with their hour), or "" when absent."""
    value = outcome.dates.get(key)
    if isinstance(value, datetime):
        return format_moment(value)
    return format_date(value) if isinstance(value, date) else ""


CONFIRM = "Peço, por favor, que confirmem as datas: elas foram calculadas pelo app."


def _cancel_summary(outcome: Outcome) -> list[str]:
    """The dates of a cancellation, as the office understands them."""
    # A cancellation of the renewal never asks for a refund, even inside the withdrawal period:
    # that is the refund request's message (``_refund_summary``).
    if outcome.flags.get("charged_at_next_renewal"):
        return [
            f"Sei que o prazo de aviso terminou em {_date(outcome, 'notice_deadline')} e que a "
            f"renovação de {_date(outcome, 'renews_on')} será cobrada; pelas minhas contas, o "
            f"cancelamento vale em {_date(outcome, 'effective_on')}.",
            CONFIRM,
        ]
    return [
        f"Pelas minhas contas, o pedido está dentro do prazo de aviso (até "
        f"{_date(outcome, 'notice_deadline')}): a licença não deve ser cobrada na renovação de "
        f"{_date(outcome, 'renews_on')}.",
        CONFIRM,
    ]


def _refund_summary(outcome: Outcome) -> list[str]:
    """The refund window, and the question the policy leaves open."""
    return [
        "Pelas minhas contas, o pedido está dentro do prazo de arrependimento (até "
        f"{_date(outcome, 'withdrawal_deadline')}).",
        "Peço que me digam como e quando o valor será devolvido.",
    ]


def _transfer_summary(outcome: Outcome) -> list[str]:
    """When the license leaves the lote."""
    return [
        f"Pelas minhas contas, a licença sai do meu lote em {_date(outcome, 'effective_on')}; "
        "a partir daí, o cliente contrata e paga o plano direto com a Conta Azul.",
        CONFIRM,
    ]


def _substitute_summary(outcome: Outcome) -> list[str]:
    """The substitution keeps the license in the lote."""
    del outcome
    return ["A licença continua no meu lote, agora para o novo cliente informado acima."]


def _backup_summary(outcome: Outcome) -> list[str]:
    """When the partner means to schedule the backup (registering it schedules nothing)."""
    when = _date(outcome, "generation_at")
    return (
        [f"Vou agendar a geração do backup na Conta Azul Pro do cliente para {when}."]
        if when
        else []
    )


def _no_summary(outcome: Outcome) -> list[str]:
    """Nothing to add beyond the fields."""
    del outcome
    return []


_SUMMARIES: dict[str, Callable[[Outcome], list[str]]] = {
    "cancel": _cancel_summary,
    "refund": _refund_summary,
    "transfer": _transfer_summary,
    "substitute": _substitute_summary,
    "backup": _backup_summary,
}
"""What the office adds after the fields, by request kind (first person, never "você")."""
