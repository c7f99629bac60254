"""Helpers for the search tests: small in-memory articles and actions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpdesk.catalog import Article
from helpdesk.markdown import scan_headings
from helpdesk.search import ActionEntry, SearchEngine, build_synonyms


def make_article(
    id: str, title: str, body: str, keywords: tuple[str, ...] = (), summary: str = ""
) -> Article:
    """An article held in memory, headings scanned from its body."""
    return Article(
        id=id,
        title=title,
        category="geral",
        category_title="Geral",
        section="secao",
        section_title="Seção",
        summary=summary,
        keywords=keywords,
        updated=date(2026, 1, 1),
        related=(),
        actions=(),
        path=Path(f"{id}.md"),
        body=body,
        headings=scan_headings(body),
    )


ARTICLES = (
    make_article(
        "estorno",
        "Como funciona o estorno",
        "O estorno devolve o valor pago.\n\n## Prazo de arrependimento\n\nVale por sete dias "
        "depois da compra.\n\n## Como pedir\n\nFale com o suporte.\n",
        keywords=("reembolso",),
    ),
    make_article(
        "cancelar",
        "Cancelar a renovação de uma licença",
        "Para cancelar a renovação, avise antes.\n\n## Passo a passo\n\nInforme o ID Suporte.\n\n"
        "## Conta PJ\n\nPeça o bloqueio da conta.\n",
        keywords=("cancelamento", "encerrar"),
    ),
    make_article(
        "backup",
        "Backup dos dados",
        "Gere uma cópia das informações da licença em planilhas.\n\n## Horário do download\n\n"
        "O download fica bloqueado durante o dia.\n",
    ),
    make_article(
        "titularidade",
        "Transferir a titularidade",
        "O cliente passa a ser o responsável pelo pagamento da licença.\n",
    ),
    make_article(
        "geral",
        "Visão geral",
        "Fale de estorno, backup, cancelamento e licença em outros artigos. Licença licença.\n",
    ),
)

ACTIONS = (
    ActionEntry("refund", "Pedir estorno", "Devolve o valor dentro do prazo.", ("estorno",)),
    ActionEntry("backup", "Agendar backup", "Agenda a geração do backup.", ("backup",)),
)

SYNONYMS = build_synonyms(
    [
        ["estorno", "reembolso", "devolução", "dinheiro de volta"],
        ["titularidade", "responsável pelo pagamento"],
        ["backup", "cópia", "exportar dados"],
    ]
)


def small_engine() -> SearchEngine:
    """An engine over the small articles above."""
    return SearchEngine(ARTICLES, ACTIONS, SYNONYMS)
