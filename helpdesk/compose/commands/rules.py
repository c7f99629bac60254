"""``helpdesk rules …``: evaluate the Plano Exclusivo rules for scripts and quick answers."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from helpdesk import documents
from helpdesk.backup import describe_download, next_available_at, plan_backup
from helpdesk.business_days import DEFAULT_CALENDAR
from helpdesk.clock import SAO_PAULO, system_clock, to_sao_paulo
from helpdesk.documents import format_date as d
from helpdesk.errors import InputError
from helpdesk.fields import CYCLE_MONTHS, RENEWS_ON, TERM_START
from helpdesk.outcome import Outcome
from helpdesk.policy import POLICY
from helpdesk.renewal import CancellationTerms, evaluate_cancellation
from helpdesk.request_kinds import get_kind


def register(subparsers: Any) -> None:
    """Add ``rules`` and its subcommands."""
    rules = subparsers.add_parser(
        "rules", help="calcula as regras do Plano Exclusivo (prazos, estorno, backup)"
    )
    sub = rules.add_subparsers(dest="rule", metavar="REGRA", required=True)

    cancel = sub.add_parser("cancel", help="cancelamento da renovação: estorno, prazo, cobrança")
    _term_options(cancel)
    cancel.set_defaults(handler=run_cancel)

    transfer = sub.add_parser("transfer", help="transferência da cobrança para o cliente")
    _term_options(transfer)
    transfer.add_argument(
        "--partner-pays",
        default="sim",
        metavar="sim|nao",
        help="o escritório paga a licença? (padrão: sim)",
    )
    transfer.set_defaults(handler=run_transfer)

    substitute = sub.add_parser("substitute", help="substituição do cliente de uma licença")
    substitute.add_argument("--today", metavar="DATA", help="data do pedido (padrão: hoje)")
    substitute.add_argument("--json", action="store_true", help="saída em JSON")
    substitute.set_defaults(handler=run_substitute)

    backup = sub.add_parser("backup", help="agendamento da geração do backup")
    backup.add_argument(
        "--now", metavar="AAAA-MM-DDTHH:MM", help="momento do pedido (padrão: agora)"
    )
    backup.add_argument("--slot", required=True, metavar="HH:MM", help="horário desejado")
    backup.add_argument("--json", action="store_true", help="saída em JSON")
    backup.set_defaults(handler=run_backup)

    download = sub.add_parser("download", help="disponibilidade do download do backup")
    download.add_argument("--at", metavar="AAAA-MM-DDTHH:MM", help="momento (padrão: agora)")
    download.add_argument("--json", action="store_true", help="saída em JSON")
    download.set_defaults(handler=run_download)


def _term_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the rules that work on a contract term."""
    parser.add_argument("--today", metavar="DATA", help="data do pedido (padrão: hoje)")
    parser.add_argument(
        "--term-start", required=True, metavar="DATA", help="data da compra ou da última renovação"
    )
    parser.add_argument("--renews-on", required=True, metavar="DATA", help="próxima renovação")
    parser.add_argument(
        "--cycle-months",
        default=str(POLICY.default_cycle_months),
        metavar="N",
        help=f"meses de cada vigência (padrão: {POLICY.default_cycle_months})",
    )
    parser.add_argument("--json", action="store_true", help="saída em JSON")


def _today(value: str | None) -> date:
    """``--today`` or the present day in São Paulo."""
    return documents.parse_date(value, "--today") if value else system_clock().date()


def _moment(value: str | None, option: str) -> datetime:
    """``--now``/``--at`` or the present moment in São Paulo."""
    if not value:
        return system_clock()
    return to_sao_paulo(documents.parse_moment(value, option))


_TERM_OPTIONS = {
    TERM_START.label: TERM_START.cli_flag,
    RENEWS_ON.label: RENEWS_ON.cli_flag,
    CYCLE_MONTHS.label: CYCLE_MONTHS.cli_flag,
}
"""The option behind each field the term rules name in their errors."""


CANCEL_FLAGS = ("refund_eligible", "full_amount_due", "refund_available")
"""The yes/no keys of ``rules cancel --json`` that come from the cancel request's outcome."""


def _terms(args: argparse.Namespace, *, allow_refund: bool) -> CancellationTerms:
    """Evaluate the cancellation rules on the command's options."""
    try:
        return evaluate_cancellation(
            _today(args.today),
            documents.parse_date(args.term_start, "--term-start"),
            documents.parse_date(args.renews_on, "--renews-on"),
            documents.parse_whole_number(args.cycle_months, "--cycle-months"),
            allow_refund=allow_refund,
        )
    except InputError as error:
        # The rules name fields as the forms label them; here the person typed options.
        option = _TERM_OPTIONS.get(error.field)
        if option is None:
            raise
        raise InputError(option, error.message) from None


def _emit(data: dict[str, Any]) -> None:
    """Print one JSON object."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _moment_of(day: date) -> datetime:
    """The moment the evaluators read for a request made on ``day`` (its date is all they use)."""
    return datetime.combine(day, time(12), SAO_PAULO)


def _term_values(args: argparse.Namespace) -> dict[str, Any]:
    """The term fields of a request, parsed from the options (named as options in errors)."""
    return {
        "term_start": documents.parse_date(args.term_start, "--term-start"),
        "renews_on": documents.parse_date(args.renews_on, "--renews-on"),
        "cycle_months": documents.parse_whole_number(args.cycle_months, "--cycle-months"),
    }


def _evaluate(kind_id: str, values: dict[str, Any], now: datetime) -> Outcome:
    """The outcome the form panel and ``submit`` show for these fields, from the same evaluator."""
    try:
        return get_kind(kind_id).evaluate(values, now, DEFAULT_CALENDAR)
    except InputError as error:
        # The rules name fields as the forms label them; here the person typed options.
        option = _TERM_OPTIONS.get(error.field)
        if option is None:
            raise
        raise InputError(option, error.message) from None


def _when(value: date | datetime) -> str:
    """A timeline point in Brazilian form: ``DD/MM/AAAA`` or ``DD/MM/AAAA às HH:MM``."""
    return documents.format_moment(value) if isinstance(value, datetime) else d(value)


def _print_outcome(outcome: Outcome, typed: Mapping[str, str] | None = None) -> None:
    """The outcome as text: decision, warnings, timeline, reasons, the alternative and the rules.

    ``typed`` holds the request fields the options gave, for the alternative's command.
    """
    print(("✓ " if outcome.accepted else "✗ ") + outcome.decision)
    for warning in outcome.warnings:
        print(f"  ! {warning}")
    if outcome.timeline:
        print("Linha do tempo:")
        for event in outcome.timeline:
            print(f"  {_when(event.when)}  {event.label}")
    if outcome.reasons:
        print("Por quê:")
        for reason in outcome.reasons:
            print(f"  • {reason}")
    if outcome.alternative:
        from helpdesk.compose.alternative import alternative_command

        command = alternative_command(
            get_kind(outcome.alternative), typed or {}, outcome.alternative_fields
        )
        print(f"Alternativa: {command.line()}")
        if note := command.missing_note():
            print(note)
    if outcome.rules:
        print("Regras:")
        for rule in outcome.rules:
            print(f"  § {rule.text}")


def run_cancel(args: argparse.Namespace) -> int:
    """``rules cancel``."""
    if args.json:
        # The terms of this request, which only cancels the renewal (as the form's); whether
        # the refund, another request, is still open to the partner is ``refund_available``.
        outcome = _evaluate("cancel", _term_values(args), _moment_of(_today(args.today)))
        flags = {name: outcome.flags[name] for name in CANCEL_FLAGS}
        _emit({**_terms(args, allow_refund=False).to_json(), **flags})
    else:
        outcome = _evaluate("cancel", _term_values(args), _moment_of(_today(args.today)))
        # The refund offered is for the renewal, on its own dates; only a cycle other than the
        # default carries over (--today does not: the refund is asked on the renewal's days).
        default_cycle = args.cycle_months == str(POLICY.default_cycle_months)
        _print_outcome(outcome, {} if default_cycle else {"cycle_months": args.cycle_months})
    return 0


def run_transfer(args: argparse.Namespace) -> int:
    """``rules transfer``."""
    partner_pays = documents.parse_yes_no(args.partner_pays, "--partner-pays")
    terms = _terms(args, allow_refund=False)
    if args.json:
        _emit(
            {
                **terms.to_json(),
                "transferable": partner_pays,
                "leaves_lote_on": terms.effective_on.isoformat() if partner_pays else None,
            }
        )
        return 0
    values = {**_term_values(args), "partner_pays": partner_pays}
    _print_outcome(_evaluate("transfer", values, _moment_of(terms.today)))
    return 0


def run_substitute(args: argparse.Namespace) -> int:
    """``rules substitute``."""
    today = _today(args.today)
    if args.json:
        _emit({"stays_in_lote": True, "new_account_empty": True, "requested_on": today.isoformat()})
    else:
        # No license nor new client is named here: the evaluator words the decision without them.
        _print_outcome(_evaluate("substitute", {}, _moment_of(today)))
    return 0


def run_backup(args: argparse.Namespace) -> int:
    """``rules backup``."""
    now = _moment(args.now, "--now")
    slot = documents.parse_hour(args.slot, "--slot")
    if args.json:
        _emit(plan_backup(now, slot).to_json())
    else:
        _print_outcome(_evaluate("backup", {"slot": slot}, now))
    return 0


def run_download(args: argparse.Namespace) -> int:
    """``rules download``."""
    at = _moment(args.at, "--at")
    if args.json:
        next_at = next_available_at(at)
        _emit({"available": next_at == at, "next_available_at": next_at.isoformat()})
    else:
        print(describe_download(at, DEFAULT_CALENDAR))
    return 0
