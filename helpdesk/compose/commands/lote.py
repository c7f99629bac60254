"""``helpdesk lote …``: import the partner's licenses from CSV, list them, see their deadlines.

Adding, editing, removing, exporting and the calendar live in :mod:`.lote_keep`.

The store is imported inside the handlers only, so commands that never touch it start faster.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from helpdesk.compose.commands import lote_keep

CSV_HELP = (
    "colunas: id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj "
    "(e-mail opcional na coluna email); datas DD/MM/AAAA ou AAAA-MM-DD; separador , ou ;. "
    "Antes de gravar, mostra o que muda: licenças novas, alteradas (campo a campo), iguais, "
    "as que não estão no arquivo (ficam no lote; nada é apagado) e as alteradas que têm pedido "
    "aberto. Com --dry-run só mostra. Se uma alteração tocar licença com pedido aberto, nada é "
    "gravado (saída 3) sem --force. Sai com 2 se alguma linha tiver erro (as linhas boas são "
    "importadas mesmo assim, numa única gravação)."
)
DEADLINES_HELP = (
    "Código de saída: com --within, 0 quando nenhum prazo cai nos próximos N dias e 4 quando "
    "algum cai (para avisar a partir do cron ou do Agendador de Tarefas)."
)
EXIT_DUE = 4
"""``lote deadlines --within N`` found something due: a scheduled job can alert on it."""


def register(subparsers: Any) -> None:
    """Add ``lote`` and its subcommands."""
    lote = subparsers.add_parser("lote", help="licenças do seu lote: importar, listar, prazos")
    sub = lote.add_subparsers(dest="action", metavar="AÇÃO", required=True)

    imp = sub.add_parser("import", help="importa licenças de um arquivo CSV", epilog=CSV_HELP)
    imp.add_argument("file", metavar="ARQUIVO.csv")
    imp.add_argument(
        "--dry-run", action="store_true", help="só mostra o que mudaria; nada é gravado"
    )
    imp.add_argument(
        "--force",
        action="store_true",
        help="grava mesmo alterações de licenças com pedido aberto",
    )
    imp.add_argument("--json", action="store_true", help="saída em JSON")
    imp.set_defaults(handler=run_import)

    lst = sub.add_parser("list", help="lista as licenças (dados do cliente mascarados)")
    lst.add_argument("--today", metavar="DATA", help="data de referência (padrão: hoje)")
    lst.add_argument("--json", action="store_true", help="saída em JSON")
    lst.set_defaults(handler=run_list)

    deadlines = sub.add_parser(
        "deadlines",
        help="próximo prazo de cada licença, o mais próximo antes",
        epilog=DEADLINES_HELP,
    )
    deadlines.add_argument(
        "--within", type=int, metavar="DIAS", help="só prazos nos próximos N dias"
    )
    deadlines.add_argument("--today", metavar="DATA", help="data de referência (padrão: hoje)")
    deadlines.add_argument("--json", action="store_true", help="saída em JSON")
    deadlines.set_defaults(handler=run_deadlines)

    lote_keep.register(sub)


def run_import(args: argparse.Namespace) -> int:
    """Import a CSV file."""
    from helpdesk.compose.cli_support import run

    return run(_import, args)


def _import(args: argparse.Namespace) -> int:
    """Body of ``lote import``: the preview first; written unless dry-run or refused."""
    from helpdesk.compose.cli_support import (
        EXIT_REFUSED,
        emit_json,
        err,
        moment_from,
        open_database,
    )
    from helpdesk.documents import count_of
    from helpdesk.lote_import import preview_lines
    from store import lote_csv

    moment = moment_from(args)
    # With the day, a row whose term starts later is an error of its own line, not a refusal
    # of the whole file by the store.
    parsed = lote_csv.read_file(Path(args.file), moment.date())
    licenses = open_database(args).licenses
    preview = licenses.preview_import(parsed.licenses)
    refused = bool(preview.conflicts) and not args.force and not args.dry_run
    written = not args.dry_run and not refused
    result = licenses.import_licenses(preview.writes, moment) if written else None
    if args.json:
        emit_json(
            {
                **_preview_json(preview),
                "written": written,
                "added": result.added if result else 0,
                "updated": result.updated if result else 0,
                "errors": [{"line": e.line, "message": e.message} for e in parsed.errors],
            }
        )
    else:
        for error in parsed.errors:
            err(f"linha {error.line}: {error.message}")
        _print_preview(len(parsed.licenses), len(parsed.errors), preview)
        for line in preview_lines(preview):
            print(f"  {line}")
        if args.dry_run:
            print("Nada foi gravado (--dry-run).")
        elif refused:
            err(
                "helpdesk: a importação alteraria licenças com pedido aberto; nada foi gravado. "
                "Confira acima e repita com --force para gravar mesmo assim."
            )
        elif result is not None:
            print(
                f"Gravado: {count_of(result.added, 'nova', 'novas')}, "
                f"{count_of(result.updated, 'alterada', 'alteradas')}."
            )
    if refused:
        return EXIT_REFUSED
    return 2 if parsed.errors else 0


def _preview_json(preview: Any) -> dict[str, Any]:
    """The import preview as JSON (the changes field by field)."""
    return {
        "new": [lic.support_id for lic in preview.new],
        "changed": [
            {
                "support_id": item.license.support_id,
                "changes": {c.name: {"before": c.before, "after": c.after} for c in item.changes},
                "open_requests": list(item.open_requests),
            }
            for item in preview.changed
        ],
        "unchanged": list(preview.unchanged),
        "missing": list(preview.missing),
        "conflicts": [item.license.support_id for item in preview.conflicts],
    }


def _print_preview(parsed_count: int, bad_lines: int, preview: Any) -> None:
    """One line with every count of the preview."""
    from helpdesk.documents import count_of

    print(
        f"{count_of(parsed_count, 'licença lida', 'licenças lidas')}: "
        f"{count_of(len(preview.new), 'nova', 'novas')}, "
        f"{count_of(len(preview.changed), 'alterada', 'alteradas')}, "
        f"{count_of(len(preview.unchanged), 'igual', 'iguais')}, "
        f"{count_of(len(preview.conflicts), 'com pedido aberto', 'com pedido aberto')}, "
        f"{count_of(len(preview.missing), 'fora do arquivo (fica no lote)', 'fora do arquivo (ficam no lote)')}; "
        f"{count_of(bad_lines, 'linha com erro', 'linhas com erro')}."
    )


def run_list(args: argparse.Namespace) -> int:
    """List the lote."""
    from helpdesk.compose.cli_support import run

    return run(_list, args)


def _list(args: argparse.Namespace) -> int:
    """Body of ``lote list``."""
    from helpdesk.compose.cli_support import (
        emit_json,
        open_database,
        print_table,
        show_when,
        today_from,
    )
    from helpdesk.documents import count_of, mask_cnpj, mask_name
    from helpdesk.licenses import next_deadline
    from helpdesk.request_status import REGISTERED, with_unsent_note
    from store.licenses import with_status

    today = today_from(args)
    lote = open_database(args).licenses
    licenses = [with_status(lic, today) for lic in lote.list()]
    unsent = lote.open_requests({REGISTERED})
    rows = []
    for lic in licenses:
        deadline = next_deadline(lic, today)
        protocols = unsent.get(lic.support_id, [])
        rows.append(
            {
                "support_id": lic.support_id,
                "client": mask_name(lic.client),
                "cnpj": mask_cnpj(lic.cnpj) if lic.cnpj else "",
                "term_start": lic.term_start.isoformat() if lic.term_start else None,
                "renews_on": lic.renews_on.isoformat() if lic.renews_on else None,
                "cycle_months": lic.cycle_months,
                "conta_pj": lic.conta_pj,
                "status": lic.status,
                "unsent_requests": protocols,
                "next_deadline": deadline.when.isoformat() if deadline else None,
                "next_deadline_label": deadline.label if deadline else None,
                "_situation": with_unsent_note(lic.status, protocols),
                "_deadline": f"{deadline.label} {show_when(deadline.when)}" if deadline else "",
            }
        )
    if args.json:
        emit_json([{k: v for k, v in row.items() if not k.startswith("_")} for row in rows])
        return 0
    if not rows:
        print("Nenhuma licença no lote. Importe com: helpdesk lote import ARQUIVO.csv")
        return 0
    headers = [
        "ID Suporte",
        "Cliente",
        "CNPJ",
        "Início",
        "Renovação",
        "Ciclo",
        "Situação",
        "Próximo prazo",
    ]
    print_table(
        headers,
        [
            [
                lic.support_id,
                str(row["client"]),
                str(row["cnpj"]),
                show_when(lic.term_start),
                show_when(lic.renews_on),
                count_of(lic.cycle_months, "mês", "meses"),
                str(row["_situation"]),
                str(row["_deadline"]),
            ]
            for lic, row in zip(licenses, rows, strict=True)
        ],
    )
    return 0


def run_deadlines(args: argparse.Namespace) -> int:
    """List each license's next deadline, soonest first."""
    from helpdesk.compose.cli_support import run

    return run(_deadlines, args)


def _deadlines(args: argparse.Namespace) -> int:
    """Body of ``lote deadlines``."""
    from helpdesk.compose.cli_support import (
        emit_json,
        open_database,
        print_table,
        show_when,
        today_from,
    )
    from helpdesk.documents import count_of, mask_name
    from helpdesk.errors import InputError
    from helpdesk.request_status import REGISTERED, unsent_note

    if args.within is not None and args.within < 0:
        raise InputError("--within", "use um número de dias maior ou igual a zero.")
    today = today_from(args)
    lote = open_database(args).licenses
    pairs = lote.deadlines(today, args.within)
    # A registered request changes nothing until it is sent: the deadline still stands, and
    # the note says the message is still to send.
    unsent = lote.open_requests({REGISTERED})
    due = EXIT_DUE if args.within is not None and pairs else 0
    if args.json:
        emit_json(
            [
                {
                    "support_id": lic.support_id,
                    "client": mask_name(lic.client),
                    "deadline": deadline.when.isoformat(),
                    "label": deadline.label,
                    "days_left": deadline.days_left(today),
                    "action": deadline.action,
                    "unsent_requests": unsent.get(lic.support_id, []),
                }
                for lic, deadline in pairs
            ]
        )
        return due
    if not pairs:
        print(
            "Nenhum prazo pela frente"
            + (f" nos próximos {args.within} dias." if args.within is not None else ".")
        )
        return 0
    print_table(
        ["Prazo", "Faltam", "ID Suporte", "Cliente", "O quê"],
        [
            [
                show_when(deadline.when),
                count_of(deadline.days_left(today), "dia", "dias"),
                lic.support_id,
                mask_name(lic.client),
                "; ".join(
                    filter(None, [deadline.what, unsent_note(unsent.get(lic.support_id, []))])
                ),
            ]
            for lic, deadline in pairs
        ],
    )
    return due
