"""What a form shows for what has been typed so far: field errors and the outcome preview.

Plain Python (no Textual), so the benchmark can time it and tests can call it directly. Every
check comes from the request kind's declaration; this module only decides *when* the outcome can
be previewed while the person is still typing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import product
from typing import Any

from helpdesk.documents import format_cnpj
from helpdesk.errors import InputError
from helpdesk.fields import FieldSpec, format_value
from helpdesk.licenses import LOTE_LICENSE, License, current_term
from helpdesk.outcome import Outcome
from helpdesk.request_kinds import RequestKind

RULE_FIELD_KINDS = frozenset({"date", "int", "yes_no", "slot"})
"""Field kinds the rules compute with: the preview waits until these are valid."""

PLACEHOLDER = "…"
"""Stands in, inside the preview's sentences, for a name or ID not typed yet."""


@dataclass(frozen=True)
class Preview:
    """The state of a form for its current text."""

    outcome: Outcome | None
    """The evaluated outcome (a preview while ``complete`` is False), or None."""
    errors: Mapping[str, str] = field(default_factory=dict)
    """Portuguese message for each field whose text is not valid, by field name."""
    missing: tuple[str, ...] = ()
    """Labels of the fields the rules still need before any outcome can be shown."""
    problem: str | None = None
    """A contradiction between fields (e.g. renewal before the start), worded for the person."""
    values: Mapping[str, Any] = field(default_factory=dict)
    """Parsed values of the valid fields."""
    to_fill: tuple[str, ...] = ()
    """Labels, in form order, of what is still needed: the fields the rules wait for and every
    required field left empty (ID Suporte included)."""

    @property
    def complete(self) -> bool:
        """True when every field is valid and the rules answered: the request can be sent."""
        return self.outcome is not None and not self.errors and self.problem is None


def preview(
    kind: RequestKind, raw: Mapping[str, str], now: datetime, lote_license: License | None = None
) -> Preview:
    """Errors of ``raw`` and, as soon as the rules have what they need, the outcome.

    ``lote_license`` is the lote's license for the typed ID Suporte, when there is one: the rules
    judge what the lote shows (e.g. blocking the Conta PJ of an active license is refused).

    A yes/no question not answered yet only holds the outcome back when its answer changes the
    decision (e.g. "does your office pay this license?"); one that only adds a reminder (e.g.
    "does the client have a Conta PJ?") does not.
    """
    values, errors = kind.parse_each(raw)
    unanswered = [
        spec.name
        for spec in kind.fields
        if spec.kind == "yes_no" and spec.name in errors and not (raw.get(spec.name) or "").strip()
    ]
    waiting = [
        spec
        for spec in kind.fields
        if spec.kind in RULE_FIELD_KINDS and spec.name in errors and spec.name not in unanswered
    ]
    # A rule field typed but not valid (a date that does not exist, 31/02/2026) is not missing:
    # it is said as invalid, with its own message.
    invalid = [spec for spec in waiting if (raw.get(spec.name) or "").strip()]
    missing = tuple(spec.label for spec in waiting if spec not in invalid)
    to_fill = tuple(
        spec.label
        for spec in kind.fields
        if spec.label in missing
        or (spec.required and spec.name in errors and not (raw.get(spec.name) or "").strip())
    )
    if invalid:
        problem = " ".join(f"{spec.bare_label}: {errors[spec.name]}" for spec in invalid)
        return Preview(None, errors, missing, problem, values, to_fill)
    if missing:
        return Preview(None, errors, missing, None, values, to_fill)
    filled: dict[str, Any] = {name: PLACEHOLDER for name in errors}
    filled.update(values)
    if lote_license is not None:
        filled[LOTE_LICENSE] = lote_license
    combinations = list(product((False, True), repeat=len(unanswered)))
    try:
        outcomes = {
            answers: kind.evaluate({**filled, **dict(zip(unanswered, answers, strict=True))}, now)
            for answers in combinations
        }
    except InputError as error:
        name = kind.field_for_error(error)
        if name is not None:
            errors = {**errors, name: error.message}
        return Preview(None, errors, (), f"{error.field}: {error.message}", values)
    deciding = tuple(
        kind.field(name).label
        for index, name in enumerate(unanswered)
        if _changes_decision(outcomes, index)
    )
    if deciding:
        return Preview(None, errors, deciding, None, values, to_fill)
    return Preview(outcomes[combinations[0]], errors, (), None, values, to_fill)


def _changes_decision(outcomes: Mapping[tuple[bool, ...], Outcome], index: int) -> bool:
    """True when flipping the ``index``-th unanswered yes/no changes the decision."""
    for answers, outcome in outcomes.items():
        flipped = outcomes[(*answers[:index], not answers[index], *answers[index + 1 :])]
        if (outcome.accepted, outcome.decision) != (flipped.accepted, flipped.decision):
            return True
    return False


def initial_text(spec: FieldSpec, params: Mapping[str, str]) -> str:
    """The text a field starts with: the given parameter (normalised when valid) or its default."""
    given = params.get(spec.name)
    if given is None:
        return spec.default
    try:
        value = spec.parse(given)
    except InputError:
        return given  # kept as given, so the person sees and fixes it
    return display_text(spec, value)


def display_text(spec: FieldSpec, value: Any) -> str:
    """A parsed value as the form shows it (CNPJ with its mask)."""
    if spec.kind == "cnpj" and isinstance(value, str):
        return format_cnpj(value)
    return format_value(value)


def license_params(kind: RequestKind, lic: License, today: date) -> dict[str, str]:
    """The fields of ``kind`` a license of the lote fills (``FieldSpec.from_license``).

    Dates are those of the term running ``today`` (stored dates rolled forward by whole cycles),
    the same ones the store uses when it fills a request from the lote.
    """
    term = current_term(lic, today)
    known: dict[str, Any] = {"term_start": term[0], "renews_on": term[1]} if term else {}
    params: dict[str, str] = {}
    for spec in kind.fields:
        if spec.from_license is None:
            continue
        value = known.get(spec.from_license, getattr(lic, spec.from_license, None))
        if value is None or value == "":
            continue
        params[spec.name] = display_text(spec, value)
    return params
