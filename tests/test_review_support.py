"""The support message reads as a person would write it."""

from __future__ import annotations

from test_support import message_for


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
    assert "gostaria de: bloquear Conta PJ." in message.text
    assert "cancelar renovação de licença." in message_for(
        "cancel", {"support_id": "1", "term_start": "03/03/2026", "renews_on": "03/03/2027",
                   "conta_pj": "nao"}
    ).text  # fmt: skip
