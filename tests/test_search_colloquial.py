"""Everyday phrasings of what each form does find that form's article (and the form) first.

Each phrase is how a partner says it, not how the articles word it. Where the article and the
form of the same request are equally right, the pair must hold the first two places (either
order); where one of them answers better (a how-to question: the article), it must come first.
The words are taught to the search in its data (``articles/synonyms.toml``, the articles'
``keywords``, the forms' ``keywords``), never by special cases in code.
"""

from __future__ import annotations

import json

import pytest
from _cli import run

from helpdesk.search import SearchEngine, build_engine

CANCEL, CANCEL_FORM = "cancelar-renovacao", "cancel!"
REFUND, REFUND_FORM = "estorno", "refund!"
BACKUP, BACKUP_FORM = "backup", "backup!"
SUBSTITUTE, SUBSTITUTE_FORM = "substituir-cliente", "substitute!"
TRANSFER, TRANSFER_FORM = "transferir-titularidade", "transfer!"
BLOCK, BLOCK_FORM = "bloquear-conta-pj", "block-conta-pj!"

FIRST: tuple[tuple[str, str], ...] = (
    # Stopping the renewal, said as "I don't want to pay any more".
    ("nao quero mais pagar", CANCEL),
    ("não quero mais pagar", CANCEL),
    ("deixar de pagar o plano", CANCEL),
    ("como faço pra nao ser cobrado de novo", CANCEL),
    ("encerrar a licença de um cliente", CANCEL),
    # The refund asked as regret: the article says whether the deadline still allows it.
    ("paguei e me arrependi", REFUND),
    # Backups, said as keeping or taking the data.
    ("copiar os dados da conta", BACKUP),
    ("pegar os dados do cliente", BACKUP),
    ("salvar as informações da empresa", BACKUP),
    ("levar os dados embora", BACKUP),
    # Another client on the license.
    ("mudar o cliente da licença", SUBSTITUTE),
    ("passar a licença pra outra empresa", SUBSTITUTE),
    # The client pays from now on: questions about how, which the article answers.
    ("cobrar direto do cliente", TRANSFER),
    ("boleto no nome do cliente", TRANSFER),
)
"""Phrase → what must come first."""

TOP_TWO: tuple[tuple[str, frozenset[str]], ...] = (
    ("quero parar de pagar a licença", frozenset({CANCEL, CANCEL_FORM})),
    ("quero meu dinheiro de volta", frozenset({REFUND, REFUND_FORM})),
    ("devolve meu dinheiro", frozenset({REFUND, REFUND_FORM})),
    ("quero o reembolso", frozenset({REFUND, REFUND_FORM})),
    ("quero estornar a compra", frozenset({REFUND, REFUND_FORM})),
    ("baixar meus dados", frozenset({BACKUP, BACKUP_FORM})),
    ("trocar o cliente", frozenset({SUBSTITUTE, SUBSTITUTE_FORM})),
    ("usar a licença em outro cliente", frozenset({SUBSTITUTE, SUBSTITUTE_FORM})),
    ("cliente saiu quero colocar outro", frozenset({SUBSTITUTE, SUBSTITUTE_FORM})),
    ("o cliente vai pagar", frozenset({TRANSFER, TRANSFER_FORM})),
    ("o cliente quer pagar ele mesmo", frozenset({TRANSFER, TRANSFER_FORM})),
    ("cliente assume o pagamento", frozenset({TRANSFER, TRANSFER_FORM})),
    ("bloquear conta pj", frozenset({BLOCK, BLOCK_FORM})),
    ("fechar a conta pj do cliente", frozenset({BLOCK, BLOCK_FORM})),
    ("travar a conta bancária do cliente", frozenset({BLOCK, BLOCK_FORM})),
    ("cortar o acesso à conta digital", frozenset({BLOCK, BLOCK_FORM})),
    ("encerrar conta pj", frozenset({BLOCK, BLOCK_FORM})),
)
"""Phrase → the article and the form of one request, both equally right: the first two places."""


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    """The engine over the shipped help center and forms."""
    return build_engine()


def _ids(engine: SearchEngine, query: str, limit: int = 5) -> list[str]:
    """The first results as ``id`` (article) or ``id!`` (form)."""
    return [r.id + ("!" if r.kind == "action" else "") for r in engine.search(query, limit=limit)]


def test_each_phrase_finds_its_answer_first(engine: SearchEngine) -> None:
    """All misses are reported together, so one data change shows its whole cost."""
    misses = []
    for query, expected in FIRST:
        top = _ids(engine, query)
        if not top or top[0] != expected:
            misses.append(f"{query!r}: esperado {expected} primeiro, veio {top}")
    for query, pair in TOP_TWO:
        top = _ids(engine, query)
        if set(top[:2]) != pair:
            misses.append(f"{query!r}: esperado {sorted(pair)} nos 2 primeiros, veio {top}")
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("query", ["nao quero mais pagar", "não quero mais pagar"])
def test_not_wanting_to_pay_is_the_cancellation_not_the_transfer(
    engine: SearchEngine, query: str
) -> None:
    """The cancellation's article and form both come before the transfer's form."""
    top = _ids(engine, query, limit=10)
    assert top[0] == CANCEL
    assert CANCEL_FORM in top and top.index(CANCEL_FORM) < top.index(TRANSFER_FORM)


def test_the_cli_answers_not_wanting_to_pay_with_the_cancellation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``helpdesk search`` ranks as the app does: the cancellation and its form are listed."""
    code, out, _ = run(capsys, "search", "não", "quero", "mais", "pagar", "--json")
    assert code == 0
    results = json.loads(out)
    assert (results[0]["kind"], results[0]["id"]) == ("article", CANCEL)
    forms = [r["id"] for r in results if r["kind"] == "action"]
    assert "cancel" in forms and forms.index("cancel") < forms.index("transfer")
