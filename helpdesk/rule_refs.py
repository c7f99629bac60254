"""Each rule the outcome panel cites, with the article section that states it (checked by a test)."""

from __future__ import annotations

from helpdesk.outcome import RuleRef
from helpdesk.policy import POLICY

_P = POLICY.placeholders()

WITHDRAWAL = RuleRef(
    f"Estorno só em até {_P['withdrawal_days']} dias da compra ou da renovação.",
    "estorno",
    "como-contar-o-prazo-de-arrependimento",
)
FULL_AMOUNT = RuleRef(
    "Fora do arrependimento, cancelar antes do fim do contrato não reduz o valor acordado.",
    "estorno",
    "depois-do-prazo-de-arrependimento",
)
NOTICE = RuleRef(
    f"Peça o cancelamento com {_P['notice_days']} dias de antecedência da renovação.",
    "cancelar-renovacao",
    "prazo-para-não-pagar-a-próxima-renovação",
)
RENEWAL_REFUND = RuleRef(
    f"Renovação cobrada: o estorno dela pode ser pedido em até {_P['withdrawal_days']} dias.",
    "cancelar-renovacao",
    "se-o-aviso-chegar-tarde",
)
COUNTING = RuleRef(
    "Como o app conta os prazos (leitura do app; vale a data que o suporte confirmar).",
    "plano-exclusivo",
    "como-o-app-conta-os-prazos",
)
CONTA_PJ_INFO = RuleRef(
    "O pedido de cancelamento informa se o cliente tem Conta PJ ativa.",
    "cancelar-renovacao",
    "passo-a-passo",
)
RETENTION = RuleRef(
    f"Após o cancelamento, os dados ficam guardados por {_P['retention_days']} dias.",
    "retencao-de-dados",
    "quando-a-contagem-começa",
)
BACKUP_SLOT = RuleRef(
    f"A geração do backup pode ser agendada das {_P['backup_slot_start']} às {_P['backup_slot_end']}.",
    "backup",
    "passo-a-passo-para-agendar",
)
BACKUP_DOWNLOAD = RuleRef(
    f"Em dias úteis, o download fica indisponível das {_P['download_blocked_from']} às "
    f"{_P['download_blocked_until']}.",
    "backup",
    "como-baixar-o-backup",
)
SUBSTITUTE = RuleRef(
    "Na substituição, a licença fica no lote e a conta nova começa vazia.",
    "substituir-cliente",
    "o-que-acontece-na-substituição",
)
TRANSFER = RuleRef(
    "Na transferência, a licença sai do lote e o cliente passa a pagar direto.",
    "transferir-titularidade",
    "quando-a-licença-sai-do-lote",
)
BLOCK_CONTA_PJ = RuleRef(
    "O bloqueio da Conta PJ é pedido depois do cancelamento da licença.",
    "bloquear-conta-pj",
    "como-pedir-o-bloqueio",
)

ALL = (
    WITHDRAWAL,
    FULL_AMOUNT,
    NOTICE,
    RENEWAL_REFUND,
    COUNTING,
    CONTA_PJ_INFO,
    RETENTION,
    BACKUP_SLOT,
    BACKUP_DOWNLOAD,
    SUBSTITUTE,
    TRANSFER,
    BLOCK_CONTA_PJ,
)
"""Every rule reference, for the test that checks they all resolve."""
