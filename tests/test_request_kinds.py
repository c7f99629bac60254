"""The six request kinds: fields parsed, rules applied, outcome recorded."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

import pytest
from _rules import RULES_SETTINGS, SP, at, d
from hypothesis import assume, given
from hypothesis import strategies as st

from helpdesk import evaluators, rule_refs
from helpdesk.errors import InputError
from helpdesk.outcome import Outcome, RuleRef
from helpdesk.policy import POLICY
from helpdesk.renewal import expected_renewal
from helpdesk.request_kinds import KINDS, get_kind

NOW = at("10/03/2026 10:00")
"""A Tuesday, business hours."""

CANCEL = {
    "support_id": " 123456 ",
    "term_start": "03/03/2026",
    "renews_on": "03/03/2027",
    "cycle_months": "",
    "conta_pj": "sim",
    "reason": "",
}
SUBSTITUTE = {
    "support_id": "123456",
    "client_name": "",
    "new_client_name": "Padaria Pão Quente",
    "new_client_cnpj": "12.abc.345/01de-35",
    "new_client_email": "",
}
TRANSFER = {
    "support_id": "123456",
    "partner_pays": "sim",
    "term_start": "03/03/2026",
    "renews_on": "03/03/2027",
    "cycle_months": "12",
    "client_email": "financeiro@padaria.com.br",
    "conta_pj": "nao",
}
BACKUP = {"support_id": "123456", "slot": "19:00"}
BLOCK = {
    "support_id": "123456",
    "license_cancelled": "sim",
    "company_name": "Padaria Pão Quente Ltda",
    "cnpj": "11.222.333/0001-81",
    "email": "",
}


def run(kind_id: str, raw: Mapping[str, str], **changes: str) -> Outcome:
    """Validate ``raw`` (with ``changes``) for ``kind_id`` and evaluate it at NOW."""
    kind = get_kind(kind_id)
    return kind.evaluate(kind.validate({**raw, **changes}), NOW)


def test_the_six_kinds_are_declared() -> None:
    """Every kind the issue names (and any added since), with Portuguese titles and labelled fields."""
    named = ["cancel", "refund", "substitute", "transfer", "backup", "block-conta-pj"]
    assert list(KINDS)[: len(named)] == named
    for kind in KINDS.values():
        assert kind.title and kind.description and kind.fields
        assert kind.fields[0].name == "support_id"
        assert all(spec.label and spec.cli_flag.startswith("--") for spec in kind.fields)


def test_unknown_kind_is_an_input_error() -> None:
    """An unknown id lists the valid ones."""
    with pytest.raises(InputError) as caught:
        get_kind("cancelar")
    assert caught.value.field == "Tipo de pedido" and "cancel" in caught.value.message


# cancel


def test_cancel_inside_the_withdrawal_period_stays_a_cancellation_of_the_renewal() -> None:
    """Day 7 of a term that started 03/03/2026 (its last day to withdraw): the renewal is
    cancelled, the license runs until it; the refund is offered as the other request."""
    outcome = run("cancel", CANCEL)
    assert outcome.accepted
    assert outcome.flags["refund_eligible"] is False
    assert outcome.flags["refund_available"] is True and outcome.flags["full_amount_due"] is False
    assert outcome.dates["effective_on"] == d("03/03/2027")
    assert "hoje" not in outcome.decision and "com estorno" not in outcome.decision
    assert "a renovação de 03/03/2027 não será cobrada" in outcome.decision
    assert any("prazo de arrependimento (até 10/03/2026)" in w for w in outcome.warnings)
    assert not any("devido por inteiro" in w for w in outcome.warnings)
    assert outcome.alternative == "refund"
    assert outcome.alternative_fields == {"term_start": "03/03/2026", "renews_on": "03/03/2027"}
    assert any(POLICY.channels.conta_pj_email in w for w in outcome.warnings)
    assert outcome.key_date == ("Cancelamento efetivo em", d("03/03/2027"))


def test_cancel_the_day_after_the_withdrawal_period_offers_no_refund() -> None:
    """Started 02/03/2026: the period ended 09/03/2026, the day before NOW."""
    outcome = run("cancel", CANCEL, term_start="02/03/2026", renews_on="02/03/2027")
    assert outcome.accepted and outcome.alternative is None
    assert outcome.flags["refund_available"] is False and outcome.flags["full_amount_due"] is True
    assert any("devido por inteiro" in w for w in outcome.warnings)
    assert not any("prazo de arrependimento (até" in w for w in outcome.warnings)


def test_cancel_without_conta_pj_has_no_reminder() -> None:
    """The reminder appears only when the client has an active Conta PJ."""
    outcome = run("cancel", CANCEL, conta_pj="nao")
    assert not any(POLICY.channels.conta_pj_email in w for w in outcome.warnings)


def test_cancel_with_a_start_in_the_future_names_the_field() -> None:
    """Contradicting dates raise InputError, which maps back to the form field."""
    kind = get_kind("cancel")
    values = kind.validate({**CANCEL, "term_start": "11/03/2026"})
    with pytest.raises(InputError) as caught:
        kind.evaluate(values, NOW)
    assert kind.field_for_error(caught.value) == "term_start"


def test_cancel_with_cycle_zero_is_refused_not_defaulted() -> None:
    """An explicit 0 months is bad input, not "use the default"."""
    kind = get_kind("cancel")
    values = kind.validate({**CANCEL, "cycle_months": "0"})
    with pytest.raises(InputError) as caught:
        kind.evaluate(values, NOW)
    assert kind.field_for_error(caught.value) == "cycle_months"


def test_cancel_explains_a_shifted_deadline() -> None:
    """Renewal Mon 01/03/2027: the notice deadline Sat 30/01 moves to Fri 29/01, and says why."""
    outcome = run("cancel", CANCEL, term_start="01/03/2026", renews_on="01/03/2027")
    assert outcome.dates["notice_deadline"] == d("29/01/2027")
    assert any(
        "30/01 é sábado: o app considera o dia útil anterior, 29/01" in r for r in outcome.reasons
    )


# refund


def test_refund_inside_the_period_is_accepted() -> None:
    """Same term as the cancel test: estorno accepted."""
    outcome = run("refund", CANCEL)
    assert outcome.accepted and outcome.alternative is None
    assert outcome.flags["refund_eligible"] is True


def test_refund_after_the_period_is_refused_and_offers_cancel() -> None:
    """Started Sun 01/03/2026: the deadline was Mon 09/03, so on 10/03 it is refused."""
    outcome = run("refund", CANCEL, term_start="01/03/2026", renews_on="01/03/2027")
    assert not outcome.accepted and outcome.alternative == "cancel"
    assert "09/03/2026" in outcome.decision
    assert outcome.to_json()["alternative"] == "cancel"


# substitute


def test_substitute_keeps_the_license_and_invents_no_date() -> None:
    """The license stays; what happens to the old account the policy does not say: no date."""
    outcome = run("substitute", SUBSTITUTE)
    assert outcome.accepted
    assert outcome.dates == {"requested_on": d("10/03/2026")}
    assert any("a política não diz" in r for r in outcome.reasons)
    assert "12.ABC.345/01DE-35" in outcome.decision
    assert any("vazia" in w for w in outcome.warnings)


def test_substitute_with_a_bad_cnpj_names_the_field() -> None:
    """Wrong check digits: InputError on the new client's CNPJ."""
    kind = get_kind("substitute")
    with pytest.raises(InputError) as caught:
        kind.validate({**SUBSTITUTE, "new_client_cnpj": "12.ABC.345/01DE-36"})
    assert kind.field_for_error(caught.value) == "new_client_cnpj"


# transfer


def test_transfer_when_the_partner_pays() -> None:
    """Inside the withdrawal period nothing is refunded: leaves the lote at the renewal."""
    outcome = run("transfer", TRANSFER)
    assert outcome.accepted
    assert outcome.flags["refund_eligible"] is False
    assert outcome.dates["effective_on"] == d("03/03/2027")
    assert "financeiro@padaria.com.br" in " ".join(outcome.warnings)


def test_transfer_warning_reads_well_before_the_email_is_typed() -> None:
    """The live panel evaluates before every field is filled: no empty parentheses."""
    kind = get_kind("transfer")
    values = {**kind.validate(TRANSFER), "client_email": ""}
    warning = kind.evaluate(values, NOW).warnings[0]
    assert warning.startswith(
        "Combine com o cliente a contratação do plano dele antes de 03/03/2027"
    )


def test_transfer_when_the_client_already_pays_is_refused() -> None:
    """Nothing to transfer."""
    outcome = run("transfer", TRANSFER, partner_pays="nao")
    assert not outcome.accepted and "Transferência não é possível" in outcome.decision


# backup


def test_backup_in_the_window_is_scheduled() -> None:
    """19:00 on a Tuesday at 10:00: generated and downloadable at 19:00 the same day."""
    outcome = run("backup", BACKUP)
    assert outcome.accepted and outcome.flags == {"schedulable": True}
    assert outcome.dates["generation_at"] == at("10/03/2026 19:00")
    assert outcome.dates["download_from"] == at("10/03/2026 19:00")


def test_backup_outside_the_window_is_refused() -> None:
    """12:00 is not a generation slot."""
    outcome = run("backup", BACKUP, slot="12:00")
    assert not outcome.accepted and outcome.flags == {"schedulable": False}
    assert outcome.dates == {"generation_at": None}
    assert outcome.to_json()["generation_at"] is None


def test_backup_with_an_impossible_hour_names_the_field() -> None:
    """25:00 is not an hour."""
    kind = get_kind("backup")
    with pytest.raises(InputError) as caught:
        kind.validate({**BACKUP, "slot": "25:00"})
    assert kind.field_for_error(caught.value) == "slot"


# block-conta-pj


def test_block_conta_pj_after_cancellation_names_the_channels() -> None:
    """Accepted; the decision names both channels the article gives for the Conta PJ."""
    outcome = run("block-conta-pj", BLOCK)
    assert outcome.accepted
    assert POLICY.channels.conta_pj_email in outcome.decision
    assert POLICY.channels.whatsapp_display in outcome.decision
    assert outcome.dates == {"requested_on": d("10/03/2026")}


def test_block_conta_pj_before_cancellation_is_refused() -> None:
    """The license must be cancelled first; cancel is offered instead."""
    outcome = run("block-conta-pj", BLOCK, license_cancelled="nao")
    assert not outcome.accepted and outcome.alternative == "cancel"


# errors() and the outcome record


def test_errors_reports_every_bad_field() -> None:
    """All bad fields at once, keyed by name; good and optional-empty fields are absent."""
    raw = {
        "support_id": "",
        "term_start": "31/02/2026",
        "renews_on": "amanhã",
        "cycle_months": "doze",
        "conta_pj": "talvez",
        "reason": "",
    }
    errors = get_kind("cancel").parse_each(raw)[1]
    assert set(errors) == {"support_id", "term_start", "renews_on", "cycle_months", "conta_pj"}
    assert "não existe no calendário" in errors["term_start"]
    assert get_kind("cancel").parse_each(CANCEL)[1] == {}


def test_errors_on_missing_keys_say_required() -> None:
    """A field absent from the input is a missing required field."""
    errors = get_kind("block-conta-pj").parse_each({})[1]
    assert set(errors) == {"support_id", "license_cancelled", "company_name", "cnpj"}


def test_validate_returns_typed_values() -> None:
    """Dates, numbers, yes/no and upper-case CNPJs come back typed; the default cycle fills in."""
    values = get_kind("cancel").validate(CANCEL)
    assert values["support_id"] == "123456"
    assert values["term_start"] == d("03/03/2026")
    assert values["cycle_months"] == POLICY.default_cycle_months
    assert values["conta_pj"] is True and values["reason"] is None
    assert get_kind("substitute").validate(SUBSTITUTE)["new_client_cnpj"] == "12ABC34501DE35"


@pytest.mark.parametrize(
    ("kind_id", "raw"),
    [
        ("cancel", CANCEL),
        ("refund", CANCEL),
        ("substitute", SUBSTITUTE),
        ("transfer", TRANSFER),
        ("backup", BACKUP),
        ("block-conta-pj", BLOCK),
    ],
)
def test_outcome_json_has_the_documented_keys(kind_id: str, raw: Mapping[str, str]) -> None:
    """accepted, decision, reasons, warnings, rules, timeline, key_date; JSON-serialisable."""
    data = run(kind_id, raw).to_json()
    assert {"accepted", "decision", "reasons", "warnings", "rules", "timeline"} <= set(data)
    assert isinstance(data["accepted"], bool) and isinstance(data["decision"], str)
    assert all(set(rule) == {"text", "href"} for rule in data["rules"])  # type: ignore[attr-defined]
    assert all(r["href"].startswith("article:") for r in data["rules"])  # type: ignore[attr-defined]
    for event in data["timeline"]:  # type: ignore[attr-defined]
        assert {"when", "label", "tone"} <= set(event) <= {"when", "label", "tone", "rule"}
    key_date = data["key_date"]
    assert isinstance(key_date, dict) and set(key_date) == {"label", "when"}
    json.dumps(data)


def test_cancel_outcome_json_carries_the_rule_keys() -> None:
    """The record of a cancellation has the same names as ``helpdesk rules cancel --json``."""
    data = run("cancel", CANCEL, term_start="01/03/2026", renews_on="01/03/2027").to_json()
    assert data["withdrawal_deadline"] == "2026-03-09"
    assert data["notice_deadline"] == "2027-01-29"
    assert data["effective_on"] == "2027-03-01"
    assert data["data_deleted_on"] == "2027-05-30"
    assert data["refund_eligible"] is False
    assert data["charged_at_next_renewal"] is False
    assert data["full_amount_due"] is True


def test_cancel_timeline_is_in_date_order() -> None:
    """The withdrawal period ended yesterday: it comes first, then today and what is ahead."""
    outcome = run("cancel", CANCEL, term_start="01/03/2026", renews_on="01/03/2027")
    days = [event.day for event in outcome.timeline]
    assert days == sorted(days)
    assert [e.label for e in outcome.timeline] == [
        "Fim do arrependimento",
        "Hoje",
        "Prazo para pedir",
        "Renovação",
        "Exclusão dos dados",
    ]


def test_the_form_field_bounds_the_cycle_as_the_rules_do() -> None:
    assert get_kind("cancel").parse_each({"cycle_months": "doze"})[1]["cycle_months"] == (
        "use um número inteiro (recebido: 'doze')."
    )


RAW_BY_KIND = {
    "cancel": {"support_id": "1", "term_start": "01/06/2025", "renews_on": "01/06/2026",
               "conta_pj": "nao"},
    "refund": {"support_id": "1", "term_start": "05/03/2026", "renews_on": "05/03/2027",
               "conta_pj": "nao"},
    "substitute": {"support_id": "1", "new_client_name": "Nova", "new_client_cnpj":
                   "11.222.333/0001-81"},
    "transfer": {"support_id": "1", "partner_pays": "sim", "term_start": "01/06/2025",
                 "renews_on": "01/06/2026", "client_email": "a@b.com.br", "conta_pj": "nao"},
    "backup": {"support_id": "1", "slot": "20:00"},
    "block-conta-pj": {"support_id": "1", "license_cancelled": "sim",
                       "company_name": "Empresa Um Ltda", "cnpj": "11.222.333/0001-81"},
}  # fmt: skip


def test_key_date_labels_end_with_a_preposition() -> None:
    for kind_id, raw in RAW_BY_KIND.items():
        kind = get_kind(kind_id)
        outcome = kind.evaluate(kind.validate(raw), NOW)
        assert outcome.key_date is not None, kind_id
        label = outcome.key_date[0]
        assert label.endswith((" em", " de")), (kind_id, label)


# rule references declared with each kind

_DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
_RAW: dict[str, st.SearchStrategy[str]] = {
    "support_id": st.just("123456"),
    "text": st.sampled_from(["", "Padaria Pão Quente Ltda"]),
    "date": _DAYS.map(lambda day: day.strftime("%d/%m/%Y")),
    "int": st.sampled_from(["1", "3", "6", "12", "24", "36"]),
    "cnpj": st.just("11.222.333/0001-81"),
    "email": st.sampled_from(["", "contato@padaria.com.br"]),
    "yes_no": st.sampled_from(["sim", "nao"]),
    "slot": st.integers(0, 23).map(lambda hour: f"{hour:02d}:00"),
}


def _cited(outcome: Outcome) -> set[RuleRef]:
    """Every rule reference an outcome shows: in its rules and beside its timeline's dates."""
    return {*outcome.rules, *(event.rule for event in outcome.timeline if event.rule is not None)}


@RULES_SETTINGS
@given(data=st.data(), kind_id=st.sampled_from(list(KINDS)))
def test_each_kind_only_cites_the_references_it_declares(data: st.DataObject, kind_id: str) -> None:
    """Whatever the answer, a kind's outcome cites only rule references its declaration lists."""
    kind = KINDS[kind_id]
    raw = {spec.name: data.draw(_RAW[spec.kind], label=spec.name) for spec in kind.fields}
    today = data.draw(_DAYS, label="today")
    if "term_start" in raw:
        # A term that has begun and renews after today, as the lote holds it: every date edge
        # (inside the withdrawal period, before and after the notice deadline) is reachable.
        cycle = int(raw["cycle_months"])
        start = today - timedelta(days=data.draw(st.integers(0, cycle * 31 - 1), label="age"))
        renews = expected_renewal(start, cycle)
        assume(renews >= today)
        raw |= {"term_start": f"{start:%d/%m/%Y}", "renews_on": f"{renews:%d/%m/%Y}"}
    now = datetime.combine(today, time(10), SP)
    try:
        outcome = kind.evaluate(kind.validate(raw), now)
    except InputError:
        assume(False)
        raise
    assert kind.rule_refs, f"{kind.id}: declares no rule reference"
    undeclared = _cited(outcome) - set(kind.rule_refs)
    assert not undeclared, f"{kind.id} cites undeclared {[ref.href for ref in undeclared]}"


def test_each_declared_reference_is_one_of_the_shared_table() -> None:
    """A kind names references from ``rule_refs``, the one table a test resolves against articles."""
    for kind in KINDS.values():
        assert set(kind.rule_refs) <= set(rule_refs.ALL), kind.id


def test_each_kind_names_its_evaluator_and_rules_loaded_only_when_first_used() -> None:
    for kind in KINDS.values():
        assert kind.evaluation() is getattr(evaluators, kind.evaluator)
        assert kind.rule_refs == tuple(getattr(rule_refs, n) for n in kind.rule_ref_names)
        assert all(isinstance(ref, RuleRef) for ref in kind.rule_refs)
    probe = (
        "import sys; from helpdesk.request_kinds import KINDS; "
        "loaded = lambda: [m in sys.modules for m in ('helpdesk.evaluators', 'helpdesk.rule_refs')]; "
        "print(*loaded()); KINDS['refund'].evaluation(); KINDS['refund'].rule_refs; print(*loaded())"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "False", "True", "True"]
