"""Fields of the request forms: how each kind of value is typed, checked and shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any, Literal

from helpdesk import documents
from helpdesk.errors import InputError
from helpdesk.policy import POLICY

FieldKind = Literal["support_id", "text", "date", "int", "cnpj", "email", "yes_no", "slot"]

YES_NO_CHOICES = (("sim", "Sim"), ("nao", "Não"))
OPTIONAL_MARK = " (opcional)"
"""How a label says its field may be left empty."""

_METAVARS: dict[str, str] = {
    "support_id": "ID",
    "text": "TEXTO",
    "date": "DATA",
    "int": "N",
    "cnpj": "CNPJ",
    "email": "EMAIL",
    "slot": "HH:MM",
}
"""The value's name in ``--help`` for each kind of field."""


_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "support_id": lambda text, label: documents.normalize_support_id(text, label),
    "text": lambda text, label: documents.normalize_text(text, label),
    "date": lambda text, label: documents.parse_date(text, label),
    "int": documents.parse_whole_number,
    "cnpj": lambda text, label: documents.normalize_cnpj(text, label),
    "email": lambda text, label: documents.normalize_email(text, label),
    "yes_no": lambda text, label: documents.parse_yes_no(text, label),
    "slot": lambda text, label: documents.parse_hour(text, label),
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of a request form, declared once for the TUI, the CLI and the saved record."""

    name: str
    label: str
    kind: FieldKind
    required: bool = True
    help: str = ""
    placeholder: str = ""
    default: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    """``(value, label)`` pairs offered by the form; empty for free input."""
    from_license: str | None = None
    """The license attribute that fills this field when the license is picked from the lote."""
    personal: bool = False
    """The value identifies a client (name, CNPJ, e-mail): erased on request (LGPD), masked in
    lists and kept out of logs. Every rule about personal data reads this flag."""
    statement: str = ""
    """How the support message names the field, in the office's own voice ("Meu escritório paga
    esta licença"); empty when the label already reads well there."""

    @property
    def cli_flag(self) -> str:
        """The command-line option for this field (``--term-start``)."""
        return "--" + self.name.replace("_", "-")

    @property
    def cli_metavar(self) -> str:
        """The value's name in ``--help``: ``DATA``, ``CNPJ``, ``sim|nao`` …"""
        if self.choices:
            return "|".join(value for value, _ in self.choices)
        return _METAVARS[self.kind]

    @property
    def bare_label(self) -> str:
        """The label without its "(opcional)" mark, to name the field in a sentence."""
        return self.label.removesuffix(OPTIONAL_MARK)

    @property
    def message_label(self) -> str:
        """The field's name in the support message (first person, never a question)."""
        return self.statement or self.bare_label

    def parse(self, text: str) -> Any:
        """The typed value of ``text``; None for an empty optional field; InputError when bad."""
        if not text.strip():
            if self.default:
                text = self.default
            elif self.required:
                raise InputError(self.label, "campo obrigatório.")
            else:
                return None
        if self.kind == "text":
            return documents.normalize_text(text, self.label, required=self.required)
        return _PARSERS[self.kind](text, self.label)


def format_value(value: Any) -> str:
    """Show a parsed value as a person types it (the inverse of ``FieldSpec.parse``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sim" if value else "nao"
    if isinstance(value, date):
        return documents.format_date(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


SUPPORT_ID = FieldSpec(
    "support_id",
    "ID Suporte",
    "support_id",
    help="Identificador da licença no lote.",
    placeholder="ex.: 123456",
    from_license="support_id",
)
TERM_START = FieldSpec(
    "term_start",
    "Início da vigência",
    "date",
    placeholder="DD/MM/AAAA",
    help="Data da compra ou da última renovação.",
    from_license="term_start",
)
RENEWS_ON = FieldSpec(
    "renews_on",
    "Renovação",
    "date",
    placeholder="DD/MM/AAAA",
    help="Data da próxima renovação.",
    from_license="renews_on",
)
CYCLE_MONTHS = FieldSpec(
    "cycle_months",
    "Ciclo (meses)",
    "int",
    default=str(POLICY.default_cycle_months),
    help="Duração de cada vigência, em meses.",
    from_license="cycle_months",
)
CONTA_PJ = FieldSpec(
    "conta_pj",
    "Cliente tem Conta PJ ativa?",
    "yes_no",
    choices=YES_NO_CHOICES,
    help="O pedido de cancelamento precisa informar isto.",
    from_license="conta_pj",
    statement="Cliente com Conta PJ ativa",
)
REASON = FieldSpec(
    "reason",
    "Motivo (opcional)",
    "text",
    required=False,
    placeholder="Conte em poucas palavras",
)
