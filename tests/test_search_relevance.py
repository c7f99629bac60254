"""Relevance set: queries typed the way partners type them, each with what must come first.

The queries were written before the ranking was tuned and do not copy the articles' wording: no
accents, typos, everyday words. When a miss is fixed, a query goes in here for it. The test runs
every query and reports all misses at once, so one bad change shows its whole cost.
"""

from __future__ import annotations

import pytest
from _search import RELEVANCE

from helpdesk.search import SearchEngine

KNOWN_MISSES: dict[str, str] = {
    "multa se cancelar antes do fim do contrato": (
        "the refund article says these very words ('antes do fim do contrato') and answers it too"
    ),
    "trocar cliente da licenca": (
        "names the whole title of the substitute form (trocar = substituir), which comes first"
    ),
}
"""Queries whose target is not first yet, with why; the target must still be in the top 3."""


def _top(engine: SearchEngine, query: str) -> list[str]:
    """The first results of ``query`` as ``id`` (article) or ``id!`` (action)."""
    return [r.id + ("!" if r.kind == "action" else "") for r in engine.search(query, limit=5)]


def test_relevance_set(engine: SearchEngine, topics: dict[str, str]) -> None:
    """Every query finds its article or action first; all misses are reported together."""
    misses, fixed = [], []
    for query, topic in RELEVANCE:
        expected = topics[topic]
        top = _top(engine, query)
        got = top[0] if top else "(nenhum resultado)"
        if query in KNOWN_MISSES:
            if got == expected:
                fixed.append(f"{query!r} já acerta: tire de KNOWN_MISSES")
            elif expected not in top[:3]:
                misses.append(f"{query!r}: esperado {expected} entre os 3 primeiros, veio {top}")
        elif got != expected:
            misses.append(f"{query!r}: esperado {expected}, veio {got}")
    report = misses + fixed
    assert not report, f"{len(misses)} de {len(RELEVANCE)} consultas erradas:\n" + "\n".join(report)


@pytest.mark.parametrize("query", ["cancelar", "cancelar licenca"])
def test_cancel_offers_article_and_form(
    engine: SearchEngine, topics: dict[str, str], query: str
) -> None:
    """ "cancelar" brings both the article and the cancel form near the top."""
    top = {r.id + ("!" if r.kind == "action" else "") for r in engine.search(query, limit=4)}
    assert {topics["cancel"], topics["cancel!"]} <= top


TOPIC_IDS = {
    "refund": "estorno",
    "cancel": "cancelar-renovacao",
    "backup": "backup",
    "retention": "retencao-de-dados",
    "substitute": "substituir-cliente",
    "transfer": "transferir-titularidade",
    "channels": "canais-de-suporte",
    "overview": "plano-exclusivo",
    "backup!": "backup!",
    "refund!": "refund!",
    "cancel!": "cancel!",
    "block-conta-pj!": "block-conta-pj!",
}
"""Topic → id shipped (actions keep their '!')."""


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    """The engine over the shipped help center and actions."""
    from helpdesk.search import build_engine

    return build_engine()


@pytest.fixture(scope="module")
def topics() -> dict[str, str]:
    """Topic → expected id."""
    return TOPIC_IDS


PARTNER_QUESTIONS: tuple[tuple[str, str, str | None], ...] = (
    # (query as a partner types it, first result: article id or action id + "!", its section)
    ("horário para baixar o backup", "backup", "como-baixar-o-backup"),
    ("que horas posso baixar o backup", "backup", "como-baixar-o-backup"),
    ("conta nova vem vazia", "substituir-cliente", None),
    ("perdi o prazo da renovacao ainda tenho estorno", "estorno", None),
    ("renovou ontem posso pedir reembolso", "refund!", None),
    ("a licenca renovou e eu nao queria", "cancelar-renovacao", None),
    ("passei dos 30 dias de aviso", "cancelar-renovacao", None),
    ("como o app conta os dias", "plano-exclusivo", "como-o-app-conta-os-prazos"),
    ("carnaval conta como dia util", "plano-exclusivo", "como-o-app-conta-os-prazos"),
    ("conta pj continua aberta depois de cancelar", "bloquear-conta-pj", None),
    ("email para bloquear conta pj", "block-conta-pj!", None),
    ("numero do chamado da conta azul", "canais-de-suporte", None),
    ("quanto tempo os dados ficam depois de cancelar", "retencao-de-dados", None),
    ("arquivo do backup vem em que formato", "backup", "o-que-vem-no-arquivo"),
)
"""Questions written the way partners ask them (issue 10), with the article section they need."""


def test_partner_questions_land_on_their_article_and_section(engine: SearchEngine) -> None:
    """The first result is the article (or form) that answers, opened at the right section."""
    misses = []
    for query, expected, anchor in PARTNER_QUESTIONS:
        results = engine.search(query, limit=3)
        if not results:
            misses.append(f"{query!r}: nenhum resultado")
            continue
        first = results[0]
        got = first.id + ("!" if first.kind == "action" else "")
        if got != expected or (anchor is not None and first.anchor != anchor):
            misses.append(f"{query!r}: esperado {expected}#{anchor}, veio {got}#{first.anchor}")
    assert not misses, "\n".join(misses)
