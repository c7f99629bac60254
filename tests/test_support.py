"""The message sent to support: the protocol, the fields as typed and a link that opens it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from _rules import at

from helpdesk.policy import POLICY
from helpdesk.request_kinds import get_kind
from helpdesk.support import SupportMessage, build_message, mailto_url, whatsapp_url

NOW = at("10/03/2026 10:00")
PROTOCOL = "HD-2026-0042"


def message_for(kind_id: str, raw: dict[str, str]) -> SupportMessage:
    """Validate, evaluate and compose the support message for ``raw``."""
    kind = get_kind(kind_id)
    values = kind.validate(raw)
    return build_message(kind, values, kind.evaluate(values, NOW), PROTOCOL)


CANCEL = {
    "support_id": "123456",
    "term_start": "03/03/2026",
    "renews_on": "03/03/2027",
    "cycle_months": "12",
    "conta_pj": "sim",
    "reason": "Preço & prazo? 100% #urgente",
}


def test_whatsapp_message_has_the_protocol_and_the_fields() -> None:
    """Protocol, ID Suporte, dates as typed, yes/no in Portuguese, and the decision."""
    message = message_for("cancel", CANCEL)
    assert message.channel == "whatsapp"
    assert f"Protocolo {PROTOCOL}: é o número deste pedido no meu controle" in message.text
    assert "não um chamado da Conta Azul" in message.text
    assert "ID Suporte: 123456" in message.text
    assert "Início da vigência: 03/03/2026" in message.text
    assert "Cliente com Conta PJ ativa: sim" in message.text
    assert "Motivo: Preço & prazo? 100% #urgente" in message.text
    # Inside the withdrawal period, still only the renewal is asked to be cancelled.
    assert "quero cancelar a renovação automática da licença abaixo" in message.text
    assert "estorno" not in message.text
    assert "não deve ser cobrada na renovação de 03/03/2027" in message.text


def test_a_refund_message_asks_for_the_refund() -> None:
    """The refund form is where the refund is asked."""
    message = message_for("refund", CANCEL)
    assert "cancelar a licença abaixo com estorno" in message.text
    assert "dentro do prazo de arrependimento (até 10/03/2026)" in message.text


def test_whatsapp_url_is_properly_encoded() -> None:
    """wa.me with the policy's number; the text decodes back exactly, in one parameter."""
    message = message_for("cancel", CANCEL)
    parts = urlsplit(message.url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "wa.me",
        f"/{POLICY.channels.whatsapp_digits}",
    )
    assert not parts.fragment
    assert parse_qs(parts.query) == {"text": [message.text]}
    assert not any(ch in message.url for ch in " \n&#")


def test_mailto_for_conta_pj_has_subject_and_crlf_body() -> None:
    """Blocking a Conta PJ goes by e-mail: subject with ID and protocol, body with CRLF breaks."""
    raw = {
        "support_id": "ID 7/8",
        "license_cancelled": "sim",
        "company_name": "Oficina Roda Viva ME",
        "cnpj": "12abc34501de35",
    }
    message = message_for("block-conta-pj", raw)
    assert message.channel == "email"
    assert "CNPJ: 12.ABC.345/01DE-35" in message.text
    assert "Razão social: Oficina Roda Viva ME" in message.text
    parts = urlsplit(message.url)
    assert parts.scheme == "mailto" and parts.path == POLICY.channels.conta_pj_email
    query = parse_qs(parts.query)
    assert set(query) == {"subject", "body"}
    assert PROTOCOL in query["subject"][0] and "ID 7/8" in query["subject"][0]
    assert query["body"][0] == message.text.replace("\n", "\r\n")
    assert "%0D%0A" in message.url and " " not in message.url and "\n" not in message.url


def test_url_helpers_encode_reserved_characters() -> None:
    """&, =, #, / and ? inside the text never end the parameter."""
    text = "a&b=c#d/e?f"
    assert parse_qs(urlsplit(whatsapp_url(text)).query) == {"text": [text]}
    query = parse_qs(urlsplit(mailto_url("s&t", text)).query)
    assert query == {"subject": ["s&t"], "body": [text]}


def test_message_json() -> None:
    """The JSON view has the three parts."""
    message = message_for("cancel", CANCEL)
    assert message.to_json() == {"channel": "whatsapp", "text": message.text, "url": message.url}


def test_the_request_is_named_keeping_its_proper_nouns() -> None:
    message = message_for(
        "block-conta-pj",
        {
            "support_id": "123456",
            "license_cancelled": "sim",
            "company_name": "Padaria Ltda",
            "cnpj": "11.222.333/0001-81",
        },
    )
    assert "quero bloquear o acesso à Conta PJ da Conta Azul da empresa abaixo" in message.text
    assert "quero cancelar a renovação automática da licença abaixo." in message_for(
        "cancel", {"support_id": "1", "term_start": "03/03/2026", "renews_on": "03/03/2027",
                   "conta_pj": "nao"}
    ).text  # fmt: skip


def test_the_backup_message_does_not_claim_the_backup_was_scheduled() -> None:
    """Registering a backup schedules nothing: the partner does it in the client's account."""
    message = message_for("backup", {"support_id": "123456", "slot": "20:00"})
    assert "Agendei" not in message.text
    assert "Vou agendar a geração do backup na Conta Azul Pro do cliente para" in message.text
