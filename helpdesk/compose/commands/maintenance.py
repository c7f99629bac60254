"""``helpdesk db …`` and ``helpdesk privacy …``: the data file's care and the client's rights.

The store is imported inside the handlers only, so commands that never touch it start faster.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add ``db`` and ``privacy``."""
    db = subparsers.add_parser(
        "db", help="dados: informações, migração, cópia entre arquivo e servidor, recuperação"
    )
    sub = db.add_subparsers(dest="action", metavar="AÇÃO", required=True)
    info = sub.add_parser("info", help="onde estão os dados e o que eles guardam (senha oculta)")
    info.add_argument("--json", action="store_true", help="saída em JSON")
    info.set_defaults(handler=run_info)
    recover = sub.add_parser(
        "recover",
        help="guarda à parte um arquivo danificado e recomeça com o que der para aproveitar",
    )
    recover.set_defaults(handler=run_recover)
    compact = sub.add_parser("compact", help="regrava o arquivo por inteiro e esvazia o diário")
    compact.set_defaults(handler=run_compact)
    from helpdesk.compose.commands.store_admin import register_admin

    register_admin(sub)

    privacy = subparsers.add_parser("privacy", help="LGPD: apagar os dados pessoais de um cliente")
    psub = privacy.add_subparsers(dest="action", metavar="AÇÃO", required=True)
    erase = psub.add_parser(
        "erase",
        help="apaga nome, CNPJ e e-mails do cliente de todas as tabelas (mantém contagens anônimas)",
    )
    erase.add_argument("--support-id", required=True, metavar="ID", help="ID Suporte do cliente")
    erase.add_argument(
        "--yes",
        action="store_true",
        help="confirma sem perguntar (obrigatório fora de um terminal)",
    )
    erase.add_argument("--json", action="store_true", help="saída em JSON")
    erase.set_defaults(handler=run_erase)


def run_info(args: argparse.Namespace) -> int:
    """Show where the data file is and what it holds."""
    from helpdesk.compose.cli_support import run

    return run(_info, args)


def _info(args: argparse.Namespace) -> int:
    """Body of ``db info``."""
    from helpdesk.compose.cli_support import emit_json, open_database
    from helpdesk.documents import count_of
    from store import names
    from store.database import Database

    db = open_database(args)
    if not isinstance(db, Database):
        from helpdesk.compose.commands.store_admin import server_info

        return server_info(db, args.json)
    counts = {name: len(table) for name, table in db.storage.tables().items()}
    sizes = {
        str(path): path.stat().st_size
        for path in (db.path, db.storage.journal_path)
        if path.exists()
    }
    if args.json:
        emit_json(
            {
                "engine": "arquivo",
                "path": str(db.path),
                "schema_version": db.schema_version(),
                "tables": counts,
                "files": sizes,
            }
        )
        return 0
    print(f"Arquivo de dados: {db.path}")
    print(f"Versão do formato: {db.schema_version() or '—'}")
    for name, count in sorted(counts.items()):
        if name != names.META:
            print(f"  {names.LABELS.get(name, name)}: {count_of(count, 'registro', 'registros')}")
    for path, size in sizes.items():
        print(f"  {path}: {size} bytes")
    return 0


def run_recover(args: argparse.Namespace) -> int:
    """Move a damaged data file aside and start a new one with what can be salvaged."""
    from helpdesk.compose.cli_support import run

    return run(_recover, args)


def _recover(args: argparse.Namespace) -> int:
    """Body of ``db recover``."""
    from helpdesk.clock import system_clock
    from helpdesk.compose.engine import is_server_url, store_target
    from helpdesk.documents import count_of
    from helpdesk.paths import resolve_db_path
    from store import names
    from store.recover import recover

    if is_server_url(store_target(args.db)):
        print("A recuperação vale só para arquivos de dados; o servidor PostgreSQL tem os seus.")
        return 0
    path = resolve_db_path(args.db)
    if not path.exists():
        print(f"Não há arquivo de dados em {path}; nada a recuperar.")
        return 0
    report = recover(path, system_clock())
    if not report.damaged:
        print(f"O arquivo de dados {path} está íntegro; nada foi alterado.")
        return 0
    for moved in report.moved:
        print(f"Arquivo danificado guardado em: {moved}")
    # The schema record is written afresh in every new file: it is not something salvaged.
    salvaged = {name: n for name, n in report.salvaged.items() if name != names.META}
    total = count_of(sum(salvaged.values()), "registro aproveitado", "registros aproveitados")
    print(f"Novo arquivo de dados criado em {path} com {total}.")
    for name, count in sorted(salvaged.items()):
        print(f"  {names.LABELS.get(name, name)}: {count}")
    return 0


def run_compact(args: argparse.Namespace) -> int:
    """Rewrite the data file in full."""
    from helpdesk.compose.cli_support import run

    return run(_compact, args)


def _compact(args: argparse.Namespace) -> int:
    """Body of ``db compact``."""
    from helpdesk.compose.cli_support import open_database
    from store.database import Database

    db = open_database(args)
    if not isinstance(db, Database):
        print("Nada a compactar: o servidor PostgreSQL cuida do próprio espaço (VACUUM).")
        return 0
    db.compact()
    print(f"Arquivo de dados {db.path} regravado.")
    return 0


def run_erase(args: argparse.Namespace) -> int:
    """Erase a client's personal data."""
    from helpdesk.compose.cli_support import run

    return run(_erase, args)


def _erase(args: argparse.Namespace) -> int:
    """Body of ``privacy erase``."""
    from helpdesk.clock import system_clock
    from helpdesk.compose.cli_support import EXIT_BAD_INPUT, EXIT_FAILURE, emit_json, open_database
    from helpdesk.documents import count_of, normalize_support_id
    from store.privacy import describe_plan

    support_id = normalize_support_id(args.support_id, "--support-id")
    db = open_database(args)
    now = system_clock()
    plan = db.preview_erasure(support_id, now)
    if not plan.empty and not _confirmed(args, describe_plan(plan)):
        return EXIT_BAD_INPUT if not args.yes and not _interactive() else EXIT_FAILURE
    report = db.erase_client(support_id, now)
    if args.json:
        emit_json(
            {
                "support_id": report.support_id,
                "licenses_removed": report.licenses,
                "requests_anonymised": report.requests,
                "other_documents_scrubbed": report.other_documents,
            }
        )
        return 0
    if not (report.licenses or report.requests or report.other_documents):
        print(f"Nada a apagar: o ID Suporte {report.support_id} não está no lote nem em pedidos.")
        return 0
    print(
        f"Dados pessoais do ID Suporte {report.support_id} apagados: "
        f"{count_of(report.licenses, 'licença retirada', 'licenças retiradas')} do lote, "
        f"{count_of(report.requests, 'pedido anonimizado', 'pedidos anonimizados')}, "
        f"{count_of(report.other_documents, 'outro registro limpo', 'outros registros limpos')}."
    )
    return 0


def _interactive() -> bool:
    """Whether a person can answer a question here (stdin and stderr are a terminal)."""
    import sys

    return sys.stdin is not None and sys.stdin.isatty() and sys.stderr.isatty()


def _confirmed(args: argparse.Namespace, preview_lines: list[str]) -> bool:
    """Show what the erasure will change; True once the person typed ``sim`` (or gave --yes)."""
    import sys

    from helpdesk.compose.cli_support import err, safe_text

    out = sys.stderr if args.json else sys.stdout
    for line in preview_lines:
        print(safe_text(line), file=out)
    if args.yes:
        return True
    if not _interactive():
        err(
            "helpdesk: erro: --yes: confirme a exclusão com --yes (fora de um terminal não há "
            "como perguntar). Nada foi apagado."
        )
        return False
    sys.stderr.write("Esta ação não pode ser desfeita. Digite sim para apagar: ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if answer.strip().casefold() != "sim":
        err("helpdesk: exclusão cancelada. Nada foi apagado.")
        return False
    return True
