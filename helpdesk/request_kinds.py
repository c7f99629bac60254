"""The six self-service requests, each declared once: fields, validation and evaluation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from helpdesk.business_days import DEFAULT_CALENDAR, BusinessCalendar
from helpdesk.errors import InputError
from helpdesk.fields import (
    CONTA_PJ,
    CYCLE_MONTHS,
    REASON,
    RENEWS_ON,
    SUPPORT_ID,
    TERM_START,
    YES_NO_CHOICES,
    FieldSpec,
)
from helpdesk.licenses import CANCELLATION_SCHEDULED, TRANSFERRED

if TYPE_CHECKING:
    from helpdesk.outcome import Outcome, RuleRef

Evaluator = Callable[[Mapping[str, Any], datetime, BusinessCalendar], "Outcome"]


@dataclass(frozen=True)
class LoteEffect:
    """How a request changes the license it is about once sent (withdrawing it undoes the change).

    The change is made when the request is marked sent (or any later status, see
    ``helpdesk.request_status.changes_lote``), never when it is only registered."""

    history: str
    """The license's history entry; ``{date}`` becomes the outcome's ``effective_on``."""
    status: str | None = None
    """The status the license takes until ``effective_on`` (None: the status is kept)."""
    undated: str = ""
    """The history entry when the outcome has no ``effective_on`` (empty: ``history`` as is)."""
    new_client: Mapping[str, str] = field(default_factory=dict)
    """License attributes replaced at once by request fields (``client`` ← ``new_client_name``)."""


@dataclass(frozen=True)
class RequestKind:
    """A kind of request: what it asks, which fields it needs and how the rules answer it."""

    id: str
    title: str
    short_title: str
    """A name short enough for a table column."""
    description: str
    keywords: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    evaluator: str
    """The name of the function in ``helpdesk.evaluators`` that applies this kind's rules."""
    article_id: str
    message_request: str
    """What the office asks, as its support message says it after "quero" (first person)."""
    channel: Literal["whatsapp", "email", "self"] = "whatsapp"
    irreversible: bool = False
    """Irreversible requests ask the person to type the ID Suporte to confirm."""
    repeatable: bool = False
    """Requests of this kind may be asked again while one is open (no duplicate check)."""
    lote_effect: LoteEffect | None = None
    """What the request does to its license in the lote once sent (None: nothing)."""
    rule_ref_names: tuple[str, ...] = ()
    """The names in ``helpdesk.rule_refs`` of every rule this kind's outcome may cite."""

    @property
    def rule_refs(self) -> tuple[RuleRef, ...]:
        """Every rule reference this kind's outcome may cite (checked by a test)."""
        # Imported on first use, as the evaluators: listing the kinds does not need the rules.
        from helpdesk import rule_refs

        return tuple(getattr(rule_refs, name) for name in self.rule_ref_names)

    def field(self, name: str) -> FieldSpec:
        """The field called ``name``."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def parse_each(self, raw: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
        """Parse every field: the valid values and the error messages, both by field name."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for spec in self.fields:
            try:
                values[spec.name] = spec.parse(raw.get(spec.name, "") or "")
            except InputError as error:
                errors[spec.name] = error.message
        return values, errors

    def validate(self, raw: Mapping[str, str]) -> dict[str, Any]:
        """Parse every field; raise InputError on the first bad one."""
        return {spec.name: spec.parse(raw.get(spec.name, "") or "") for spec in self.fields}

    def evaluate(
        self, values: Mapping[str, Any], now: datetime, cal: BusinessCalendar = DEFAULT_CALENDAR
    ) -> Outcome:
        """Apply the rules; InputError when the fields contradict each other (e.g. dates)."""
        return self.evaluation()(values, now, cal)

    def evaluation(self) -> Evaluator:
        """The function that applies this kind's rules (named by ``evaluator``)."""
        # Imported on first use: listing the kinds (the catalog, the home screen at start-up)
        # needs only their declarations, not every evaluator and the rules they pull in.
        from helpdesk import evaluators

        function: Evaluator = getattr(evaluators, self.evaluator)
        return function

    def field_for_error(self, error: InputError) -> str | None:
        """The name of the field an error is about (errors name fields by their label)."""
        for spec in self.fields:
            if spec.label == error.field:
                return spec.name
        return None


_TERM_REFS = (
    "WITHDRAWAL",
    "FULL_AMOUNT",
    "NOTICE",
    "RENEWAL_REFUND",
    "RETENTION",
    "CONTA_PJ_INFO",
    "COUNTING",
)
"""The references of a cancellation's terms; a refund is answered on the same terms."""


def _declare(*kinds: RequestKind) -> dict[str, RequestKind]:
    """Index kinds by id, in the order the app lists them."""
    return {kind.id: kind for kind in kinds}


KINDS: dict[str, RequestKind] = _declare(
    RequestKind(
        id="cancel",
        title="Cancelar renovação de licença",
        short_title="Cancelamento",
        description="Cancela a renovação automática de uma licença do lote.",
        keywords=(
            "cancelar",
            "cancelamento",
            "encerrar",
            "desistir",
            "renovação",
            "não renovar",
            "não quero mais pagar",
            "parar de pagar",
            "deixar de pagar",
        ),
        fields=(SUPPORT_ID, TERM_START, RENEWS_ON, CYCLE_MONTHS, CONTA_PJ, REASON),
        evaluator="evaluate_cancel",
        lote_effect=LoteEffect(
            "cancelamento agendado para {date}", CANCELLATION_SCHEDULED, "cancelamento agendado"
        ),
        article_id="cancelar-renovacao",
        rule_ref_names=_TERM_REFS,
        message_request="cancelar a renovação automática da licença abaixo",
    ),
    RequestKind(
        id="refund",
        title="Pedir estorno",
        short_title="Estorno",
        description="Cancela com devolução do valor, dentro do prazo de arrependimento.",
        keywords=("estorno", "reembolso", "devolução", "dinheiro de volta", "arrependimento"),
        fields=(SUPPORT_ID, TERM_START, RENEWS_ON, CYCLE_MONTHS, CONTA_PJ, REASON),
        evaluator="evaluate_refund",
        lote_effect=LoteEffect(
            "cancelamento agendado para {date}", CANCELLATION_SCHEDULED, "cancelamento agendado"
        ),
        article_id="estorno",
        rule_ref_names=_TERM_REFS,
        message_request=(
            "cancelar a licença abaixo com estorno, dentro do prazo de arrependimento"
        ),
    ),
    RequestKind(
        id="substitute",
        title="Substituir cliente da licença",
        short_title="Substituição",
        description="Reaproveita a licença para outro cliente; ela continua no seu lote.",
        keywords=("substituir", "trocar cliente", "reaproveitar", "outro cliente", "licença livre"),
        fields=(
            SUPPORT_ID,
            FieldSpec(
                "client_name",
                "Cliente atual (opcional)",
                "text",
                required=False,
                from_license="client",
                personal=True,
            ),
            FieldSpec(
                "new_client_name",
                "Nome do novo cliente",
                "text",
                placeholder="Razão social ou nome",
                personal=True,
            ),
            FieldSpec(
                "new_client_cnpj",
                "CNPJ do novo cliente",
                "cnpj",
                placeholder="00.000.000/0000-00 ou alfanumérico",
                personal=True,
            ),
            FieldSpec(
                "new_client_email",
                "E-mail do novo cliente (opcional)",
                "email",
                required=False,
                placeholder="nome@empresa.com.br",
                personal=True,
            ),
        ),
        evaluator="evaluate_substitute",
        lote_effect=LoteEffect(
            "cliente substituído",
            new_client={
                "client": "new_client_name",
                "cnpj": "new_client_cnpj",
                "email": "new_client_email",
            },
        ),
        article_id="substituir-cliente",
        rule_ref_names=("SUBSTITUTE",),
        message_request="substituir o cliente da licença abaixo, mantendo-a no meu lote",
    ),
    RequestKind(
        id="transfer",
        title="Transferir a cobrança para o cliente",
        short_title="Transferência",
        description="O cliente passa a pagar direto; a licença sai do seu lote.",
        keywords=("transferir", "titularidade", "responsável pelo pagamento", "cliente paga"),
        fields=(
            SUPPORT_ID,
            FieldSpec(
                "partner_pays",
                "Seu escritório paga esta licença?",
                "yes_no",
                choices=YES_NO_CHOICES,
                statement="Meu escritório paga esta licença",
            ),
            TERM_START,
            RENEWS_ON,
            CYCLE_MONTHS,
            FieldSpec(
                "client_email",
                "E-mail do cliente",
                "email",
                placeholder="nome@empresa.com.br",
                from_license="email",
                personal=True,
            ),
            CONTA_PJ,
        ),
        evaluator="evaluate_transfer",
        lote_effect=LoteEffect(
            "transferência da cobrança: sai do lote em {date}", TRANSFERRED, "cancelamento agendado"
        ),
        article_id="transferir-titularidade",
        rule_ref_names=("TRANSFER", "NOTICE", "RENEWAL_REFUND", "COUNTING"),
        message_request=(
            "alterar o responsável pela assinatura da licença abaixo: o cliente "
            "passa a pagar direto"
        ),
        irreversible=True,
    ),
    RequestKind(
        id="backup",
        title="Agendar backup",
        short_title="Backup",
        description="Agenda a geração do backup dos dados de uma licença.",
        keywords=("backup", "cópia", "exportar dados", "baixar dados", "planilhas"),
        fields=(
            SUPPORT_ID,
            FieldSpec(
                "slot",
                "Horário da geração",
                "slot",
                placeholder="HH:MM",
                help="Escolha um horário dentro da janela permitida.",
            ),
        ),
        evaluator="evaluate_backup",
        # A backup is asked as often as a fresh copy is wanted; a second one is never a mistake.
        repeatable=True,
        article_id="backup",
        rule_ref_names=("BACKUP_SLOT", "BACKUP_DOWNLOAD"),
        message_request="registrar o agendamento do backup da licença abaixo",
        channel="self",
    ),
    RequestKind(
        id="block-conta-pj",
        title="Bloquear Conta PJ",
        short_title="Bloqueio Conta PJ",
        description="Pede o bloqueio da Conta PJ de um cliente cuja licença já foi cancelada.",
        keywords=("bloquear", "conta pj", "conta digital", "banco"),
        fields=(
            SUPPORT_ID,
            FieldSpec(
                "license_cancelled",
                "A licença já foi cancelada?",
                "yes_no",
                choices=YES_NO_CHOICES,
                statement="Licença já cancelada",
            ),
            FieldSpec(
                "company_name",
                "Razão social da empresa",
                "text",
                statement="Razão social",
                placeholder="Nome da empresa da Conta PJ",
                help="O nome da empresa do cliente, como o suporte da Conta PJ a conhece.",
                from_license="client",
                personal=True,
            ),
            FieldSpec(
                "cnpj",
                "CNPJ da empresa da Conta PJ",
                "cnpj",
                statement="CNPJ",
                placeholder="00.000.000/0000-00",
                from_license="cnpj",
                personal=True,
            ),
            FieldSpec(
                "email",
                "E-mail para contato (opcional)",
                "email",
                required=False,
                placeholder="nome@empresa.com.br",
                personal=True,
            ),
        ),
        evaluator="evaluate_block_conta_pj",
        article_id="bloquear-conta-pj",
        rule_ref_names=("BLOCK_CONTA_PJ",),
        message_request=(
            "bloquear o acesso à Conta PJ da Conta Azul da empresa abaixo, cuja "
            "licença já foi cancelada"
        ),
        channel="email",
        irreversible=True,
    ),
)
"""Every request kind, by id: ``cancel``, ``refund``, ``substitute``, ``transfer``, ``backup``,
``block-conta-pj``."""


def conflicts(kind_id: str, other_id: str) -> bool:
    """Whether an open request of ``other_id`` forbids a new one of ``kind_id`` for its license.

    Cancel, refund, transfer and substitute each end the license or change whose it is (their
    ``lote_effect``): two different ones at once would ask support for contradictory things
    (cancel it and hand it to the client, refund it and give it to another client), and the lote
    could follow only one. Two of the same kind are a duplicate, not a conflict (the person may
    confirm it). Backup and the Conta PJ block change nothing in the license: they go along with
    any other request (a backup before a cancellation is what the articles advise).
    """
    if kind_id == other_id:
        return False
    kind, other = KINDS.get(kind_id), KINDS.get(other_id)
    return (
        kind is not None
        and other is not None
        and kind.lote_effect is not None
        and other.lote_effect is not None
    )


def get_kind(kind_id: str) -> RequestKind:
    """The kind called ``kind_id``, or an InputError listing the valid ones."""
    try:
        return KINDS[kind_id]
    except KeyError:
        valid = ", ".join(KINDS)
        raise InputError("Tipo de pedido", f"{kind_id!r} não existe; use um de: {valid}.") from None
