"""``helpdesk rules …``: evaluate the Plano Exclusivo rules for scripts and quick answers."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from typing import Any

from helpdesk import documents
from helpdesk.backup import describe_download, next_available_at, plan_backup
from helpdesk.business_days import DEFAULT_CALENDAR
from helpdesk.clock import system_clock, to_sao_paulo
from helpdesk.documents import format_date as d
from helpdesk.errors import InputError
from helpdesk.evaluators import renewal_refund_fields, term_reasons
from helpdesk.fields import CYCLE_MONTHS, RENEWS_ON, TERM_START
from helpdesk.policy import POLICY
from helpdesk.renewal import CancellationTerms, evaluate_cancellation


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


def _explain_terms(terms: CancellationTerms, *, transfer: bool = False) -> list[str]:
    """The terms as short Portuguese lines (a transfer has no refund and no cancellation)."""
    lines = [
        f"Hoje: {d(terms.today)} · vigência desde {d(terms.term_start)}, renova em {d(terms.renews_on)}"
    ]
    if terms.refund_eligible:
        lines.append(
            f"✓ Dentro do prazo de arrependimento (até {d(terms.withdrawal_deadline)}): "
            "cancelamento com estorno, efetivo hoje."
        )
    else:
        if not transfer:
            lines.append(
                f"✗ Prazo de arrependimento encerrado em {d(terms.withdrawal_deadline)}: "
                "sem estorno; o valor acordado é devido por inteiro."
            )
        if terms.charged_at_next_renewal:
            lines.append(
                f"✗ Prazo para pedir sem cobrança terminou em {d(terms.notice_deadline)}: "
                f"a renovação de {d(terms.renews_on)} será cobrada."
            )
        else:
            lines.append(
                f"✓ Pedido no prazo (até {d(terms.notice_deadline)}): "
                f"a renovação de {d(terms.renews_on)} não será cobrada."
            )
    if transfer:
        lines.append(
            f"A licença sai do lote em {d(terms.effective_on)}; a partir daí, o cliente contrata "
            "e paga o plano direto à Conta Azul."
        )
        lines.append(
            f"Combine com o cliente: o cliente precisa contratar o plano antes de "
            f"{d(terms.effective_on)}."
        )
        lines.append(
            "O que acontece com a conta e os dados do cliente depois da transferência o artigo "
            f"não diz: pergunte ao suporte no WhatsApp {POLICY.channels.whatsapp_display}."
        )
        return lines
    until = terms.refund_after_renewal_until
    if until is not None:
        refund = renewal_refund_fields(terms)
        lines.append(
            f"↺ De {d(terms.renews_on)} até {d(until)} você pode pedir o estorno dessa renovação: "
            f"helpdesk submit refund --term-start {refund['term_start']} "
            f"--renews-on {refund['renews_on']}"
        )
        lines.append(
            f"Sem o estorno, o cancelamento vale em {d(terms.effective_on)}, no fim do novo "
            f"ciclo; dados apagados em {d(terms.data_deleted_on)}."
        )
    else:
        lines.append(
            f"Cancelamento efetivo em {d(terms.effective_on)}; "
            f"dados apagados em {d(terms.data_deleted_on)}."
        )
    reasons = term_reasons(terms, DEFAULT_CALENDAR)
    if reasons:
        lines += ["Por quê:", *(f"  • {reason}" for reason in reasons)]
    return lines


def run_cancel(args: argparse.Namespace) -> int:
    """``rules cancel``."""
    terms = _terms(args, allow_refund=True)
    if args.json:
        _emit(terms.to_json())
    else:
        print("\n".join(_explain_terms(terms)))
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
    if not partner_pays:
        print("✗ Transferência não se aplica: só vale para licenças pagas pelo seu escritório.")
        return 0
    print("\n".join(_explain_terms(terms, transfer=True)))
    return 0


def run_substitute(args: argparse.Namespace) -> int:
    """``rules substitute``."""
    today = _today(args.today)
    if args.json:
        _emit({"stays_in_lote": True, "new_account_empty": True, "requested_on": today.isoformat()})
    else:
        print("A licença continua no lote; a conta nova do cliente é criada do zero, vazia.")
        print(
            "O que acontece com a conta atual e com os dados dela a política não diz: pergunte ao "
            f"suporte no WhatsApp {POLICY.channels.whatsapp_display} e faça o backup antes."
        )
    return 0


def run_backup(args: argparse.Namespace) -> int:
    """``rules backup``."""
    now = _moment(args.now, "--now")
    plan = plan_backup(now, documents.parse_hour(args.slot, "--slot"))
    if args.json:
        _emit(plan.to_json())
    elif plan.schedulable and plan.generation_at and plan.download_from:
        print(f"✓ Backup gerado em {documents.format_moment(plan.generation_at)}.")
        print(f"Download a partir de {documents.format_moment(plan.download_from)}.")
    else:
        print(f"✗ Não é possível agendar: {plan.reason}")
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
