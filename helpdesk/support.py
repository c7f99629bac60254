"""The message a partner sends to support for a request, and the link that opens it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from helpdesk.documents import format_cnpj
from helpdesk.fields import format_value
from helpdesk.outcome import Outcome
from helpdesk.policy import POLICY
from helpdesk.request_kinds import RequestKind

# Fields whose value is a CNPJ are shown with the mask, the way support reads them.
_CNPJ_FIELDS = {"cnpj", "new_client_cnpj"}


@dataclass(frozen=True)
class SupportMessage:
    """The text to send, the channel to send it through and a link that opens it pre-filled."""

    channel: str
    text: str
    url: str

    def to_json(self) -> dict[str, str]:
        """JSON-able view."""
        return {"channel": self.channel, "text": self.text, "url": self.url}


def whatsapp_url(text: str) -> str:
    """``https://wa.me/…`` with the text pre-filled."""
    return f"https://wa.me/{POLICY.channels.whatsapp_digits}?text={quote(text, safe='')}"


def mailto_url(subject: str, text: str) -> str:
    """A ``mailto:`` link to the Conta PJ team with subject and body."""
    address = POLICY.channels.conta_pj_email
    # RFC 6068 §5: line breaks in a mailto body are CRLF; safe="" also encodes "/".
    body = "\r\n".join(text.splitlines())
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def build_message(
    kind: RequestKind, values: Mapping[str, Any], outcome: Outcome, protocol: str
) -> SupportMessage:
    """Compose the message for ``kind`` with the fields as typed and the evaluated outcome."""
    # Only the first letter goes down: the title's proper nouns ("Conta PJ") keep their case.
    action = kind.title[:1].lower() + kind.title[1:]
    lines = [f"Olá! Sou parceiro do Plano Exclusivo e gostaria de: {action}.", ""]
    lines.append(f"Protocolo interno: {protocol}")
    for spec in kind.fields:
        value = values.get(spec.name)
        if value is None or value == "":
            continue
        shown = format_cnpj(value) if spec.name in _CNPJ_FIELDS else format_value(value)
        if spec.kind == "yes_no":
            shown = "Sim" if value else "Não"
        # A question is answered after a space; "…ativa?: sim" read as a typo.
        separator = " " if spec.bare_label.endswith("?") else ": "
        lines.append(f"{spec.bare_label}{separator}{shown}")
    lines += ["", outcome.decision, "", "Obrigado!"]
    text = "\n".join(lines)
    if kind.channel == "email":
        subject = f"{kind.title} — ID Suporte {values.get('support_id', '')} ({protocol})"
        return SupportMessage("email", text, mailto_url(subject, text))
    return SupportMessage("whatsapp", text, whatsapp_url(text))
