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


# Each topic names the article (or action) a question is about; TOPICS maps it to the id shipped.
# Topics ending in "!" are actions (self-service forms), the others articles.
RELEVANCE: tuple[tuple[str, str], ...] = (
    # refund / right of withdrawal
    ("quero meu dinheiro de volta", "refund"),
    ("estrono", "refund"),
    ("reembolso", "refund"),
    ("devolucao do valor pago", "refund"),
    ("prazo de arrependimento", "refund"),
    ("desisti da compra, tem devolucao?", "refund"),
    ("como funciona reembolso se eu me arrepender", "refund"),
    ("devolver dinheiro", "refund"),
    # cancelling a renewal
    ("cancelamneto da licenca", "cancel"),
    ("como cancelo um cliente", "cancel"),
    ("nao quero renovar", "cancel"),
    ("avisar 30 dias antes da renovacao", "cancel"),
    ("cancelar renovacao automatica", "cancel"),
    ("multa se cancelar antes do fim do contrato", "cancel"),
    # backup
    ("bakcup dos dados", "backup"),
    ("exportar dados do cliente", "backup"),
    ("copia de seguranca", "backup"),
    ("horario pra baixar o backup", "backup"),
    ("nao consigo baixar backup durante o dia", "backup"),
    ("planilhas csv com os dados da empresa", "backup"),
    ("recebi email que o backup ta disponivel", "backup"),
    # data retention
    ("quanto tempo fica guardado os dados depois de cancelar", "retention"),
    ("apagam meus dados?", "retention"),
    ("dados excluidos apos cancelamento", "retention"),
    ("90 dias", "retention"),
    # substitute the client / transfer billing
    ("trocar cliente da licenca", "substitute"),
    ("reaproveitar licensa", "substitute"),
    ("colocar outro cliente no lugar", "substitute"),
    ("cliente saiu da conta azul, o que faco com a licenca", "substitute"),
    ("cliente vai pagar sozinho", "transfer"),
    ("passar a cobranca pro cliente", "transfer"),
    ("responsavel pelo pagamento", "transfer"),
    ("titularidade", "transfer"),
    # support channels and overview
    ("telefone do suporte", "channels"),
    ("whats do atendimento", "channels"),
    ("falar com alguem", "channels"),
    ("o que e o plano exclusivo", "overview"),
    ("programa de parceria conta azul mais", "overview"),
    # actions
    ("agendar bakcup", "backup!"),
    ("pedir estorno", "refund!"),
    ("bloquear acesso conta pj", "block-conta-pj!"),
    ("travar a conta pj do cliente cancelado", "block-conta-pj!"),
    # added with the fixes that per-field saturation and the title boost brought
    ("como cancela a licensa de um cliente", "cancel"),
    ("botar outro cliente na licenca", "substitute"),
    ("solicitar reembolso", "refund!"),
    ("agendar uma copia dos dados", "backup!"),
    ("bloquear conta pj", "block-conta-pj!"),
)
"""Relevance set: queries typed the way partners type them, each with what must come first."""
