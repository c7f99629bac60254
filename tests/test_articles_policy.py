"""Every sentence is the policy's or visibly the app's reading: no invented facts, one counting section."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from helpdesk.catalog import Catalog, load_catalog
from helpdesk.clock import SAO_PAULO
from helpdesk.request_kinds import get_kind

ROOT = Path(__file__).resolve().parent.parent
COUNTING = "article:plano-exclusivo#como-o-app-conta-os-prazos"

REMOVED = [
    # issue 10 §3, found in the articles, the forms and the CLI
    "cancelada no dia da substituição",
    "cancelada no dia da troca",
    "conta atual é cancelada",
    "não dá direito a estorno",
    "não se desfaz",
    "se não contratar, os dados são apagados",
    "time de suporte da Conta PJ",
    "time da Conta PJ",
    "impede novas movimentações",
    "ciclo em andamento",
    "contrato vigente",
    "segue a mesma renovação",
    "mesmo ciclo e a mesma renovação",
    "estado da sede da Conta Azul",
    "é com ele que o time encontra a conta",
    "acompanha cada pedido do começo ao fim",
    "explica como será a devolução",
    "o valor pago é devolvido",
    # the three close paraphrases of the policy
    "continua responsável pelo pagamento integral do valor combinado",
    "confirmar o cancelamento com você e informar",
    "Cada caso é analisado com atenção",
    "fica responsável pelo pagamento integral do valor acordado",
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The shipped help center."""
    return load_catalog()


def _texts() -> dict[str, str]:
    """Every article and every core or CLI source file a partner may read text from."""
    paths = [*ROOT.glob("articles/**/*.md"), *ROOT.glob("helpdesk/**/*.py")]
    return {str(p.relative_to(ROOT)): p.read_text("utf-8") for p in paths}


@pytest.mark.parametrize("sentence", REMOVED)
def test_invented_or_paraphrased_sentences_are_gone(sentence: str) -> None:
    found = [name for name, text in _texts().items() if sentence.lower() in text.lower()]
    assert found == [], sentence


def test_the_counting_section_exists_once_and_each_counted_rule_links_to_it(
    catalog: Catalog,
) -> None:
    anchors = [
        (article.id, heading.anchor)
        for article in catalog.articles.values()
        for heading in article.headings
        if heading.anchor == "como-o-app-conta-os-prazos"
    ]
    assert anchors == [("plano-exclusivo", "como-o-app-conta-os-prazos")]
    for article_id in (
        "cancelar-renovacao",
        "estorno",
        "retencao-de-dados",
        "transferir-titularidade",
    ):
        assert COUNTING in catalog.articles[article_id].body, article_id


def test_the_counting_section_says_it_is_the_apps_reading(catalog: Catalog) -> None:
    body = catalog.articles["plano-exclusivo"].body
    section = body.split("## Como o app conta os prazos", 1)[1].split("\n## ", 1)[0]
    assert "leitura do app" in section and "suporte da Conta Azul" in section
    for topic in ("art. 132", "dia útil **anterior**", "corridos", "Santa Catarina", "Carnaval"):
        assert topic in section, topic


def test_unanswered_questions_send_the_partner_to_support(catalog: Catalog) -> None:
    body = catalog.articles["canais-de-suporte"].body
    section = body.split("## Perguntas que a política não responde", 1)[1]
    for question in (
        "Quem do escritório pode fazer o pedido?",
        "Como e quando o estorno é pago?",
        "O cliente fica com a conta e os dados depois de uma transferência?",
        "A Conta PJ continua aberta depois do cancelamento da licença?",
    ):
        assert question in section, question
    assert "wa.me" in section and "mailto:" in section


def test_the_substitution_how_to_is_left_to_conta_azuls_own_article(catalog: Catalog) -> None:
    body = catalog.articles["substituir-cliente"].body
    assert "Passo a passo para\nsubstituir uma licença do seu lote para outro cliente" in body
    assert "1. " not in body.split("## Como pedir", 1)[1].split("\n## ", 1)[0]


def _outcome(kind_id: str, raw: dict[str, str], when: str) -> list[str]:
    kind = get_kind(kind_id)
    now = datetime.fromisoformat(when).replace(tzinfo=SAO_PAULO)
    return list(kind.evaluate(kind.validate(raw), now).reasons)


def test_a_deadline_on_carnival_is_flagged_as_the_apps_reading() -> None:
    """Bought 09/02/2026: day 7 is Carnival Monday, a business day for the app, with a note."""
    reasons = _outcome(
        "cancel",
        {
            "support_id": "1",
            "term_start": "09/02/2026",
            "renews_on": "09/02/2027",
            "conta_pj": "nao",
        },
        "2026-02-10T10:00",
    )
    assert any("16/02 é ponto facultativo" in r and "feriados locais" in r for r in reasons)


def test_a_shift_forward_says_why_in_the_por_que() -> None:
    """Bought Sat 06/03/2027: day 7 is Saturday 13/03, the app takes Monday 15/03."""
    reasons = _outcome(
        "refund",
        {
            "support_id": "1",
            "term_start": "06/03/2027",
            "renews_on": "06/03/2028",
            "conta_pj": "nao",
        },
        "2027-03-08T10:00",
    )
    assert any("13/03 é sábado: o app considera o próximo dia útil, 15/03" in r for r in reasons)
