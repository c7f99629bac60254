"""``helpdesk submit …`` and ``helpdesk requests …``: save requests and follow them.

The store is imported inside the handlers only, so commands that never touch it start faster.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpdesk.errors import InputError, os_reason
from helpdesk.request_kinds import KINDS
from helpdesk.request_status import FLOW, STATUSES
from helpdesk.support import normalize_ticket, ticket_note

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from helpdesk.compose.alternative import AlternativeCommand
    from helpdesk.outcome import Outcome
    from store.interface import Store
    from store.requests import Request

EXIT_CODES = (
    "códigos de saída: 0 salvo; 2 dados inválidos (nada salvo); 3 recusado pelas regras ou "
    "pedido aberto repetido sem --force (nada salvo); 1 arquivo de dados inacessível"
)
FROM_LOTE = (
    "Se o ID Suporte estiver no lote (helpdesk lote import), os campos deixados de fora "
    "são preenchidos com os dados da licença; os informados aqui prevalecem."
)
REGISTERED_NOW = (
    "O pedido é registrado na data e hora de agora (horário de Brasília), e é delas que contam "
    "os prazos; para simular outra data, use helpdesk rules (com --today ou --now)."
)
PROTOCOL_NOTE = (
    "O protocolo é o registro deste app, não um chamado da Conta Azul; anote o número do chamado "
    "com: helpdesk requests mark PROTOCOLO SITUAÇÃO --ticket N"
)


def register(subparsers: Any) -> None:
    """Add ``submit`` and ``requests``."""
    _register_submit(subparsers)
    _register_requests(subparsers)


def plain_word(text: str) -> str:
    """A typed choice without accents or capitals: ``Concluída`` matches ``concluida``."""
    from helpdesk.search.text import fold

    return fold(text.strip())


def _register_submit(subparsers: Any) -> None:
    """``submit <kind> <fields…>``: one sub-parser per request kind, options from its fields."""
    submit = subparsers.add_parser(
        "submit", help="registra um pedido e mostra a mensagem para o suporte", epilog=EXIT_CODES
    )
    kinds = submit.add_subparsers(dest="kind", metavar="TIPO", required=True)
    for kind in KINDS.values():
        parser = kinds.add_parser(
            kind.id,
            help=kind.title,
            description=kind.description,
            epilog=f"{REGISTERED_NOW} {FROM_LOTE}",
        )
        for spec in kind.fields:
            label = spec.label if spec.label.endswith("?") else f"{spec.label}."
            parser.add_argument(
                spec.cli_flag,
                dest=f"field_{spec.name}",
                metavar=spec.cli_metavar,
                help=f"{label} {spec.help}".strip(),
            )
        # Refused, not merely absent: a person who tries to backdate a request learns why.
        for option in ("--today", "--now"):
            parser.add_argument(option, nargs="?", action=RefusedMoment, help=argparse.SUPPRESS)
        parser.add_argument("--json", action="store_true", help="saída em JSON (após salvar)")
        parser.add_argument(
            "--force", action="store_true", help="registra mesmo com outro pedido aberto igual"
        )
        parser.set_defaults(handler=run_submit)


class RefusedMoment(argparse.Action):
    """``submit --today``/``--now``: refused with the reason (a request is registered now)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        """Stop the parse with a Portuguese message (exit 2); nothing is opened or saved."""
        parser.error(
            f"{option_string}: o submit não aceita esta opção. {REGISTERED_NOW} Nada foi salvo."
        )


def _register_requests(subparsers: Any) -> None:
    """``requests`` (list) and its subcommands."""
    requests = subparsers.add_parser("requests", help="lista e acompanha os pedidos registrados")
    requests.add_argument("--kind", choices=tuple(KINDS), metavar="TIPO", help="só deste tipo")
    requests.add_argument(
        "--status",
        type=plain_word,
        choices=STATUSES,
        metavar="SITUAÇÃO",
        help="só nesta situação: " + ", ".join(STATUSES),
    )
    requests.add_argument("--json", action="store_true", help="saída em JSON")
    requests.set_defaults(handler=run_list)
    sub = requests.add_subparsers(dest="action", metavar="AÇÃO")

    show = sub.add_parser("show", help="mostra um pedido completo")
    show.add_argument("protocol", metavar="PROTOCOLO")
    show.add_argument("--json", action="store_true", help="saída em JSON")
    show.set_defaults(handler=run_show)

    withdraw = sub.add_parser("withdraw", help="retira um pedido aberto (desfaz a mudança no lote)")
    withdraw.add_argument("protocol", metavar="PROTOCOLO")
    _change_options(withdraw)
    withdraw.set_defaults(handler=run_withdraw)

    mark = sub.add_parser("mark", help="avança a situação: enviada, confirmada ou concluída")
    mark.add_argument("protocol", metavar="PROTOCOLO")
    mark.add_argument(
        "status",
        type=plain_word,
        choices=FLOW[1:],
        metavar="SITUAÇÃO",
        help="enviada, confirmada ou concluída (com ou sem acento)",
    )
    mark.add_argument(
        "--ticket",
        metavar="N",
        help="número do chamado que a Conta Azul passou: fica anotado no pedido, como prova",
    )
    _change_options(mark)
    mark.set_defaults(handler=run_mark)

    export = sub.add_parser("export", help="exporta todos os pedidos")
    export.add_argument("--format", choices=("csv", "json"), required=True, help="formato")
    export.add_argument(
        "--output",
        metavar="ARQUIVO",
        help="arquivo de saída, ou - para a saída padrão (padrão: a pasta Documentos num terminal, "
        "a saída padrão quando redirecionada)",
    )
    export.add_argument(
        "--separator",
        choices=(";", ","),
        default=";",
        metavar="; ou ,",
        help="separador do CSV (padrão: ; como esperam as planilhas em português)",
    )
    export.add_argument(
        "--force", action="store_true", help="substitui o arquivo de saída, se for um arquivo comum"
    )
    export.set_defaults(handler=run_export)


def _change_options(parser: argparse.ArgumentParser) -> None:
    """Options of a status change."""
    parser.add_argument("--note", default="", metavar="TEXTO", help="observação")
    parser.add_argument("--now", metavar="AAAA-MM-DDTHH:MM", help="momento (padrão: agora)")
    parser.add_argument("--json", action="store_true", help="saída em JSON")


# ---------------------------------------------------------------------------------- handlers


def run_submit(args: argparse.Namespace) -> int:
    """Save a request; print it only once it is on disk."""
    from helpdesk.compose.cli_support import run

    return run(_submit, args)


def _submit(args: argparse.Namespace) -> int:
    """Body of ``submit``."""
    from helpdesk.clock import system_clock
    from helpdesk.compose.cli_support import (
        EXIT_REFUSED,
        emit_json,
        open_database,
        print_refusal,
    )
    from store.errors import RequestRefused

    kind = KINDS[args.kind]
    raw = {
        spec.name: value
        for spec in kind.fields
        if (value := getattr(args, f"field_{spec.name}", None)) is not None
    }
    # A request is registered now: no option moves its date (see RefusedMoment).
    now = system_clock()
    db = open_database(args)
    try:
        request = db.requests.submit(kind.id, raw, now, force=args.force)
    except InputError as error:
        name = kind.field_for_error(error)
        if name is None:
            raise
        spec = kind.field(name)
        raise InputError(f"{spec.bare_label} ({spec.cli_flag})", error.message) from None
    except RequestRefused as refused:
        outcome = refused.outcome
        alternative = _alternative(args, db, raw, outcome, now) if outcome.alternative else None
        print_refusal(outcome, alternative)
        return EXIT_REFUSED
    if args.json:
        emit_json(request.to_json())
        return 0
    _print_request(request, header=f"Pedido registrado: {request.protocol} — {kind.title}")
    return 0


def _alternative(
    args: argparse.Namespace,
    db: Store,
    typed: Mapping[str, str],
    outcome: Outcome,
    now: datetime,
) -> AlternativeCommand:
    """The command for the alternative a refusal offers, with what this request already said.

    Fields the lote fills for the license are left out, as they were left out here: the
    alternative fills them the same way.
    """
    from helpdesk.clock import to_sao_paulo
    from helpdesk.compose.alternative import alternative_command
    from store.requests import fill_from_license, support_id_of

    assert outcome.alternative is not None
    alternative = KINDS[outcome.alternative]
    support_id = support_id_of(typed)
    lic = db.licenses.get(support_id) if support_id else None
    today = to_sao_paulo(now).date()
    known = fill_from_license(alternative, {}, lic, today) if lic is not None else {}
    # Only the data file rides along: the alternative, too, is registered when it runs.
    data = ["--db", args.db] if getattr(args, "db", None) else []
    return alternative_command(
        alternative, typed, outcome.alternative_fields, known=known, options=data
    )


def run_list(args: argparse.Namespace) -> int:
    """List requests (client masked)."""
    from helpdesk.compose.cli_support import run

    return run(_list, args)


def _list(args: argparse.Namespace) -> int:
    """Body of ``requests``."""
    from helpdesk.compose.cli_support import emit_json, open_database, print_table, show_when
    from helpdesk.documents import mask_name, mask_text

    db = open_database(args)
    summaries = db.requests.list(kind=args.kind, status=args.status)
    if args.json:
        from store.privacy import names_in_requests

        names = names_in_requests(db, summaries)
        emit_json(
            [
                {
                    **s.to_json(),
                    "client": mask_name(s.client),
                    "decision": mask_text(s.decision, names.get(s.protocol, [s.client])),
                }
                for s in summaries
            ]
        )
        return 0
    if not summaries:
        filtered = args.kind is not None or args.status is not None
        print("Nenhum pedido com esses filtros." if filtered else "Nenhum pedido registrado.")
        return 0
    rows = [
        [
            s.protocol,
            _short_title(s.kind),
            s.support_id,
            mask_name(s.client),
            show_when(s.created_at),
            s.status_label,
            f"{s.key_date_label} {show_when(s.key_date)}".strip(),
        ]
        for s in summaries
    ]
    headers = ["Protocolo", "Tipo", "ID Suporte", "Cliente", "Criado em", "Situação", "Data-chave"]
    print_table(headers, rows)
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Show one request in full."""
    from helpdesk.compose.cli_support import run

    return run(_show, args)


def _show(args: argparse.Namespace) -> int:
    """Body of ``requests show``."""
    from helpdesk.compose.cli_support import emit_json, open_database

    request = open_database(args).requests.get(_protocol(args))
    if args.json:
        emit_json(request.to_json())
    else:
        _print_request(request, header=f"Pedido {request.protocol} — {_title(request.kind)}")
    return 0


def run_withdraw(args: argparse.Namespace) -> int:
    """Withdraw an open request."""
    from helpdesk.compose.cli_support import run

    return run(_withdraw, args)


def _withdraw(args: argparse.Namespace) -> int:
    """Body of ``requests withdraw``."""
    from helpdesk.compose.cli_support import moment_from, open_database

    db = open_database(args)
    request = db.requests.withdraw(_protocol(args), moment_from(args), args.note)
    return _report_change(args, request)


def run_mark(args: argparse.Namespace) -> int:
    """Move a request forward in its status flow."""
    from helpdesk.compose.cli_support import run

    return run(_mark, args)


def _mark(args: argparse.Namespace) -> int:
    """Body of ``requests mark``."""
    from helpdesk.compose.cli_support import moment_from, open_database

    note = args.note
    if args.ticket is not None:
        # The ticket rides on the status note, which every store engine keeps.
        note = ticket_note(normalize_ticket(args.ticket, "--ticket"), note)
    db = open_database(args)
    request = db.requests.mark(_protocol(args), args.status, moment_from(args), note)
    return _report_change(args, request)


def run_export(args: argparse.Namespace) -> int:
    """Export every request as CSV or JSON."""
    from helpdesk.compose.cli_support import run

    return run(_export, args)


def _export(args: argparse.Namespace) -> int:
    """Body of ``requests export`` (the file is private: it holds client data)."""
    from helpdesk.compose.cli_support import err, open_database
    from helpdesk.documents import count_of
    from store.export import requests_csv, requests_json, write_export

    requests = open_database(args).requests.all()
    if args.format == "json":
        text = requests_json(requests)
    else:
        text = requests_csv(requests, separator=args.separator)
    target = _export_target(args)
    if target is None:
        from helpdesk.compose.output import write_data

        write_data(text.encode("utf-8"))
        return 0
    try:
        # The day's own default file may be written again; a chosen one needs --force.
        replace = args.force or args.output is None
        write_export(target, text, args.format, replace=replace)
    except OSError as error:
        reason = os_reason(error)
        raise InputError("--output", f"não foi possível gravar {target}: {reason}.") from None
    exported = count_of(len(requests), "pedido exportado", "pedidos exportados")
    err(f"{exported} para {target}")
    return 0


def _export_target(args: argparse.Namespace) -> Path | None:
    """The file to write, in full; None for standard output.

    Without ``--output`` a terminal gets a file in the documents folder (a spreadsheet on screen
    helps nobody), while a pipe or a redirection gets the text, as scripts expect.
    """
    from helpdesk.compose.cli_support import today_from
    from helpdesk.paths import default_export_dir, export_file_name

    if args.output == "-" or (args.output is None and not sys.stdout.isatty()):
        return None
    if args.output is None:
        return default_export_dir() / export_file_name(today_from(args), args.format)
    return Path(args.output).expanduser().absolute()


# ------------------------------------------------------------------------------------ output


def _protocol(args: argparse.Namespace) -> str:
    """The ``PROTOCOLO`` argument, which must not be blank."""
    protocol = str(args.protocol).strip()
    if not protocol:
        raise InputError("PROTOCOLO", "informe o protocolo do pedido (ex.: HD-2026-000001).")
    return protocol


def _title(kind_id: str) -> str:
    """The Portuguese title of a kind."""
    kind = KINDS.get(kind_id)
    return kind.title if kind else kind_id


def _short_title(kind_id: str) -> str:
    """The Portuguese name of a kind for a table column."""
    kind = KINDS.get(kind_id)
    return kind.short_title if kind else kind_id


def _report_change(args: argparse.Namespace, request: Request) -> int:
    """Print the request after a status change."""
    from helpdesk.compose.cli_support import emit_json

    if args.json:
        emit_json(request.to_json())
    else:
        print(f"Pedido {request.protocol}: {request.status_label}.")
        if request.ticket:
            print(f"Chamado na Conta Azul: {request.ticket}.")
    return 0


def _print_request(request: Request, header: str) -> None:
    """A request in full, as text."""
    from helpdesk.compose.cli_support import show_when

    print(header)
    print(f"ID Suporte: {request.support_id or '—'} · situação: {request.status_label}")
    print(f"Registrado em {show_when(request.created_at)}")
    print(PROTOCOL_NOTE)
    if request.ticket:
        print(f"Chamado na Conta Azul: {request.ticket}")
    outcome = request.outcome
    print()
    print(outcome.get("decision", request.decision))
    for warning in outcome.get("warnings", []):
        print(f"  ! {warning}")
    if len(request.history) > 1:
        print()
        print("Histórico:")
        for change in request.history:
            note = f" — {change.note}" if change.note else ""
            print(f"  {show_when(change.at)}  {change.label}{note}")
    message = request.message
    if message.get("text"):
        channel = "e-mail" if message.get("channel") == "email" else "WhatsApp"
        print()
        print(f"Mensagem para enviar ao suporte ({channel}):")
        print()
        print(message["text"])
        if message.get("url"):
            print()
            print(f"Abrir: {message['url']}")
