"""``helpdesk lote add|edit|remove|export|calendar``: keep the lote by hand and take it elsewhere.

Registered by :mod:`helpdesk.compose.commands.lote`; the store is imported inside the handlers.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from helpdesk.license_fields import EDITABLE

EXIT_REFUSED = 3

FIELDS_HELP = (
    "Regras dos campos: CNPJ com dígitos verificadores (numérico ou alfanumérico); datas "
    "DD/MM/AAAA ou AAAA-MM-DD; a renovação precisa ser o início + o ciclo (ex.: início 01/03/2026 e "
    "ciclo de um ano: renovação em 01/03/2027). Sai com 2 para entrada inválida (mensagem em stderr) ou licença "
    "inexistente/repetida."
)


def register(sub: Any) -> None:
    """Add ``add``, ``edit``, ``remove``, ``export`` and ``calendar`` to ``helpdesk lote``."""
    add = sub.add_parser("add", help="inclui uma licença digitada à mão", epilog=FIELDS_HELP)
    add.add_argument("support_id", metavar="ID")
    _field_options(add, required=True)
    add.set_defaults(handler=run_add)

    edit = sub.add_parser(
        "edit", help="altera dados de uma licença (só os campos informados)", epilog=FIELDS_HELP
    )
    edit.add_argument("support_id", metavar="ID")
    _field_options(edit, required=False)
    edit.set_defaults(handler=run_edit)

    remove = sub.add_parser(
        "remove",
        help="tira uma licença do lote",
        epilog="Se a licença tiver pedido aberto, sai com 3 e nada muda, a menos que --force "
        "seja informado. Os pedidos continuam registrados.",
    )
    remove.add_argument("support_id", metavar="ID")
    remove.add_argument("--force", action="store_true", help="remove mesmo se houver pedido aberto")
    remove.add_argument("--json", action="store_true", help="saída em JSON")
    remove.set_defaults(handler=run_remove)

    export = sub.add_parser(
        "export",
        help="exporta o lote (CSV no formato da importação, ou JSON completo)",
        epilog="O CSV tem as mesmas colunas da importação: exportar e importar de volta não "
        "muda nada, também pela saída padrão (helpdesk lote export > lote.csv). O arquivo de "
        "--output sai em UTF-8 com BOM e é criado só com acesso para o seu usuário.",
    )
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument(
        "--separator", choices=(";", ","), default=";", help="separador do CSV (padrão: ;)"
    )
    export.add_argument(
        "--output",
        metavar="ARQUIVO",
        help="grava no arquivo, ou - para a saída padrão (padrão: a saída padrão)",
    )
    export.add_argument(
        "--force", action="store_true", help="substitui o arquivo de saída, se for um arquivo comum"
    )
    export.set_defaults(handler=run_export)

    calendar = sub.add_parser(
        "calendar",
        help="grava os prazos do lote num arquivo de calendário (.ics)",
        epilog="Para cada licença: o prazo para pedir o cancelamento (com lembretes uma "
        "semana e um dia antes), a renovação, o fim de um prazo de estorno em andamento, o dia em que "
        "um cancelamento vale e o dia em que os dados são apagados. Importar de novo no Google "
        "Agenda ou no Outlook atualiza os eventos, sem duplicar. Os nomes dos clientes saem "
        "mascarados, a menos que --full-names seja informado.",
    )
    calendar.add_argument(
        "--output",
        metavar="ARQUIVO",
        default="prazos.ics",
        help="padrão: prazos.ics; - para a saída padrão",
    )
    calendar.add_argument(
        "--force", action="store_true", help="substitui o arquivo de saída, se for um arquivo comum"
    )
    calendar.add_argument(
        "--full-names", action="store_true", help="nomes completos dos clientes nos eventos"
    )
    calendar.add_argument("--today", metavar="DATA", help="data de referência (padrão: hoje)")
    calendar.set_defaults(handler=run_calendar)


def _field_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """One option per license field (``--client``, ``--cnpj`` …), named as in ``submit``."""
    for spec in EDITABLE:
        needed = required and spec.required and not spec.default
        parser.add_argument(
            spec.cli_flag,
            dest=f"field_{spec.name}",
            metavar=spec.cli_metavar,
            required=needed,
            help=spec.bare_label + ("" if needed or not required else " (opcional)"),
        )
    parser.add_argument("--now", metavar="AAAA-MM-DDTHH:MM", help="momento registrado no histórico")
    parser.add_argument("--json", action="store_true", help="saída em JSON")


def _typed(args: argparse.Namespace) -> dict[str, str]:
    """The fields given on the command line, as text."""
    typed = {"support_id": args.support_id}
    for spec in EDITABLE:
        value = getattr(args, f"field_{spec.name}", None)
        if value is not None:
            typed[spec.name] = value
    return typed


def run_add(args: argparse.Namespace) -> int:
    """Add a license."""
    from helpdesk.compose.cli_support import run

    return run(_add, args)


def _add(args: argparse.Namespace) -> int:
    """Body of ``lote add``."""
    from helpdesk.compose.cli_support import emit_json, moment_from, open_database
    from helpdesk.license_fields import parse_license
    from store.errors import LicenseConflict

    lic = parse_license(_typed(args))
    try:
        open_database(args).licenses.add(lic, moment_from(args))
    except LicenseConflict as error:
        return _refuse(str(error))
    if args.json:
        emit_json({"added": lic.support_id})
    else:
        print(f"Licença {lic.support_id} incluída no lote.")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    """Change a license."""
    from helpdesk.compose.cli_support import run

    return run(_edit, args)


def _edit(args: argparse.Namespace) -> int:
    """Body of ``lote edit``: the given fields over the stored ones, checked as a whole."""
    from helpdesk.compose.cli_support import emit_json, moment_from, open_database
    from helpdesk.license_fields import license_text, parse_license

    database = open_database(args)
    current = database.licenses.get(args.support_id)
    if current is None:
        return _refuse(f"A licença {args.support_id.strip()} não está no lote.")
    typed = _typed(args)
    if len(typed) == 1:
        return _refuse("informe ao menos um campo para alterar (veja helpdesk lote edit -h).")
    lic = parse_license({**license_text(current), **typed, "support_id": current.support_id})
    changes = database.licenses.edit(current.support_id, lic, moment_from(args))
    if args.json:
        emit_json(
            {
                "support_id": current.support_id,
                "changes": {c.name: {"before": c.before, "after": c.after} for c in changes},
            }
        )
    elif not changes:
        print(f"Nada mudou: os dados informados já são os da licença {current.support_id}.")
    else:
        print(f"Licença {current.support_id} alterada:")
        for change in changes:
            print(f"  {change.label}: {change.before or '—'} → {change.after or '—'}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove a license."""
    from helpdesk.compose.cli_support import run

    return run(_remove, args)


def _remove(args: argparse.Namespace) -> int:
    """Body of ``lote remove``: refused (exit 3) while it has open requests, unless forced."""
    from helpdesk.compose.cli_support import emit_json, err, open_database
    from helpdesk.documents import mask_name
    from store.errors import LicenseConflict

    licenses = open_database(args).licenses
    support_id = args.support_id.strip()
    protocols = licenses.open_requests().get(support_id, [])
    if protocols and not args.force and licenses.get(support_id) is not None:
        err(
            f"helpdesk: a licença {support_id} tem pedido aberto ({', '.join(protocols)}); "
            "nada foi removido. Repita com --force para remover mesmo assim."
        )
        return EXIT_REFUSED
    try:
        removed = licenses.remove(support_id)
    except LicenseConflict as error:
        return _refuse(str(error))
    if args.json:
        emit_json({"removed": removed.support_id, "open_requests": protocols})
    else:
        name = f" ({mask_name(removed.client)})" if removed.client else ""
        print(f"Licença {removed.support_id}{name} removida do lote.")
        if protocols:
            print(f"Os pedidos {', '.join(protocols)} continuam registrados.")
    return 0


def _refuse(message: str) -> int:
    """Report bad input on stderr; exit 2."""
    from helpdesk.compose.cli_support import EXIT_BAD_INPUT, err

    err(f"helpdesk: erro: {message}")
    return EXIT_BAD_INPUT


def run_export(args: argparse.Namespace) -> int:
    """Export the lote."""
    from helpdesk.compose.cli_support import run

    return run(_export, args)


def _export(args: argparse.Namespace) -> int:
    """Body of ``lote export``."""
    from helpdesk.compose.cli_support import open_database
    from helpdesk.documents import count_of
    from store.export import write_export
    from store.lote_export import licenses_csv, licenses_json

    licenses = open_database(args).licenses
    if args.format == "csv":
        rows = licenses.list()
        text = licenses_csv(rows, args.separator)
    else:
        pairs = licenses.with_history()
        rows = [lic for lic, _ in pairs]
        text = licenses_json(pairs)
    if not args.output or args.output == "-":
        from helpdesk.compose.output import write_data

        # Byte for byte: redirected, this is the file the import reads back.
        write_data(text.encode("utf-8"))
        return 0
    path = Path(args.output).expanduser()
    write_export(path, text, args.format, replace=args.force)
    print(f"{count_of(len(rows), 'licença exportada', 'licenças exportadas')} para {path}.")
    return 0


def run_calendar(args: argparse.Namespace) -> int:
    """Write the lote's calendar."""
    from helpdesk.compose.cli_support import run

    return run(_calendar, args)


def _calendar(args: argparse.Namespace) -> int:
    """Body of ``lote calendar``."""
    from helpdesk.compose.cli_support import moment_from, open_database
    from helpdesk.documents import count_of
    from helpdesk.lote_calendar import lote_events, to_ics
    from store.export import is_calendar_file, write_output

    now = moment_from(args)
    events = lote_events(
        open_database(args).licenses.list(), now.date(), full_names=args.full_names
    )
    if args.output == "-":
        from helpdesk.compose.output import write_data

        write_data(to_ics(events, now))
        return 0
    path = Path(args.output).expanduser()
    # Writing the calendar again refreshes it (importing it again updates the events), so an
    # existing calendar is replaced; any other existing file needs --force.
    write_output(path, to_ics(events, now), replace=args.force or is_calendar_file(path))
    print(f"{count_of(len(events), 'evento gravado', 'eventos gravados')} em {path}.")
    return 0
