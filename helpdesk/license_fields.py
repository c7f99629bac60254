"""The fields of a license of the lote, declared once for the form, the CLI and the import preview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from helpdesk.documents import format_cnpj
from helpdesk.errors import InputError
from helpdesk.fields import (
    CONTA_PJ,
    CYCLE_MONTHS,
    OPTIONAL_MARK,
    RENEWS_ON,
    SUPPORT_ID,
    TERM_START,
    FieldSpec,
    format_value,
)
from helpdesk.licenses import License
from helpdesk.renewal import check_cycle_months, check_renewal_fits, check_started

CLIENT = FieldSpec(
    "client",
    "Cliente",
    "text",
    placeholder="Razão social ou nome",
    help="Nome do cliente desta licença.",
)
CNPJ = FieldSpec(
    "cnpj",
    "CNPJ",
    "cnpj",
    placeholder="00.000.000/0000-00",
    help="CNPJ do cliente (numérico ou alfanumérico).",
)
EMAIL = FieldSpec(
    "email",
    "E-mail" + OPTIONAL_MARK,
    "email",
    required=False,
    placeholder="nome@empresa.com.br",
)

LICENSE_FIELDS: tuple[FieldSpec, ...] = (
    replace(SUPPORT_ID, help="Identificador da licença (não muda depois de incluída)."),
    CLIENT,
    CNPJ,
    EMAIL,
    replace(TERM_START, help="Data da compra ou da última renovação."),
    replace(
        RENEWS_ON, help="Início + ciclo (ex.: início 01/03/2026, ciclo de um ano: 01/03/2027)."
    ),
    CYCLE_MONTHS,
    replace(CONTA_PJ, default="nao", help="Informado nos pedidos de cancelamento desta licença."),
)
"""Every field of a license, in the order the form shows them."""

EDITABLE = tuple(spec for spec in LICENSE_FIELDS if spec.name != "support_id")
"""What an edit may change: the ID Suporte names the license and stays."""


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs between two versions of a license."""

    name: str
    label: str
    before: str
    after: str


def license_field(name: str) -> FieldSpec:
    """The license field called ``name``."""
    for spec in LICENSE_FIELDS:
        if spec.name == name:
            return spec
    raise KeyError(name)


def license_text(lic: License) -> dict[str, str]:
    """A license as the text a person would type in each field (the inverse of parsing)."""
    text = {spec.name: format_value(getattr(lic, spec.name)) for spec in LICENSE_FIELDS}
    if lic.cnpj:
        text["cnpj"] = format_cnpj(lic.cnpj)
    return text


def license_errors(raw: Mapping[str, str], today: date | None = None) -> dict[str, str]:
    """Each field's error, keyed by name; the renewal also checked against start + cycle.

    With ``today``, a start in the future is an error too (``check_started``).
    """
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for spec in LICENSE_FIELDS:
        try:
            values[spec.name] = spec.parse(raw.get(spec.name, "") or "")
        except InputError as error:
            errors[spec.name] = error.message
    if today is not None and "term_start" not in errors:
        try:
            check_started(values["term_start"], today, adding=True)
        except InputError as error:
            errors["term_start"] = error.message
    if not {"term_start", "renews_on", "cycle_months"} & errors.keys():
        try:
            _check_term(values)
        except InputError as error:
            errors["cycle_months" if error.field == CYCLE_MONTHS.label else "renews_on"] = (
                error.message
            )
    return errors


def _check_term(values: Mapping[str, Any]) -> None:
    """The cycle is one the plan can have and the renewal is start + cycle."""
    check_cycle_months(values["cycle_months"], CYCLE_MONTHS.label)
    check_renewal_fits(values["term_start"], values["renews_on"], values["cycle_months"])


def parse_license(raw: Mapping[str, str], today: date | None = None) -> License:
    """The license the fields describe; InputError naming the first field at fault.

    With ``today``, a start in the future is refused (``check_started``).
    """
    values = {spec.name: spec.parse(raw.get(spec.name, "") or "") for spec in LICENSE_FIELDS}
    if today is not None:
        check_started(values["term_start"], today, adding=True)
    _check_term(values)
    return License(
        support_id=values["support_id"],
        client=values["client"],
        cnpj=values["cnpj"],
        email=values["email"] or "",
        term_start=values["term_start"],
        renews_on=values["renews_on"],
        cycle_months=values["cycle_months"],
        conta_pj=bool(values["conta_pj"]),
    )


def differences(before: License, after: License) -> list[FieldChange]:
    """The fields a person edits that differ between two versions of a license, in form order."""
    changes = []
    for spec in EDITABLE:
        old, new = getattr(before, spec.name), getattr(after, spec.name)
        if old != new:
            changes.append(
                FieldChange(spec.name, spec.bare_label, format_value(old), format_value(new))
            )
    return changes
