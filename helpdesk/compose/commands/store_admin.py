"""``helpdesk db migrate`` and ``helpdesk db copy``, and ``db info`` for a PostgreSQL server.

Moving an office from files to a server: ``db migrate`` prepares the server's database,
``db copy --from ARQUIVO --to postgresql://…`` copies everything, and each person points
``HELPDESK_DB`` at the URL.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.interface import Store

EXIT_TARGET_NOT_EMPTY = 3
_LABELS = {
    "requests": ("pedido", "pedidos"),
    "licenses": ("licença", "licenças"),
    "votes": ("avaliação de artigo", "avaliações de artigos"),
    "search_misses": ("busca sem resultado", "buscas sem resultado"),
}
"""What ``db copy`` and ``db info`` count, in the order they are listed."""


def register_admin(sub: Any) -> None:
    """Add ``db migrate`` and ``db copy`` to the ``db`` subcommands."""
    migrate = sub.add_parser(
        "migrate", help="cria ou atualiza o esquema do banco de dados (PostgreSQL ou arquivo)"
    )
    migrate.set_defaults(handler=run_migrate)
    copy = sub.add_parser(
        "copy",
        help="copia todos os dados entre dois destinos (arquivo ↔ PostgreSQL)",
        description="Copia pedidos, lote, avaliações e buscas de um destino para outro. "
        "Cada destino é um caminho de arquivo ou uma URL postgresql://.",
    )
    copy.add_argument("--from", dest="source", required=True, metavar="ORIGEM")
    copy.add_argument("--to", dest="target", required=True, metavar="DESTINO")
    copy.add_argument(
        "--force", action="store_true", help="substitui o que o destino já tiver (cuidado)"
    )
    copy.add_argument("--json", action="store_true", help="saída em JSON")
    copy.set_defaults(handler=run_copy)


def run_migrate(args: argparse.Namespace) -> int:
    """Bring the store's schema up to date."""
    from helpdesk.compose.cli_support import run

    return run(_migrate, args)


def _migrate(args: argparse.Namespace) -> int:
    """Body of ``db migrate``."""
    from helpdesk.compose.engine import open_store
    from store.postgres.database import PostgresDatabase

    db = open_store(args.db, migrate=False)
    try:
        if isinstance(db, PostgresDatabase):
            before, after = db.migrate()
        else:
            db.counts()  # opening the file upgrades an older format
            before = after = db.schema_version() or 0
        where = db.describe()
        if before == after:
            print(f"O esquema de {where} já está na versão {after}; nada a fazer.")
        else:
            print(f"Esquema de {where} atualizado da versão {before} para a {after}.")
        return 0
    finally:
        db.close()


def run_copy(args: argparse.Namespace) -> int:
    """Copy everything from one store to another."""
    from helpdesk.compose.cli_support import run

    return run(_copy, args)


def _copy(args: argparse.Namespace) -> int:
    """Body of ``db copy``."""
    from pathlib import Path

    from helpdesk.compose.cli_support import EXIT_BAD_INPUT, emit_json, err
    from helpdesk.compose.engine import is_server_url, open_store, store_target

    source_target, target_target = store_target(args.source), store_target(args.target)
    if str(source_target) == str(target_target):
        err("helpdesk: erro: a origem e o destino são o mesmo; nada foi copiado.")
        return EXIT_BAD_INPUT
    if not is_server_url(source_target) and not Path(source_target).exists():
        err(f"helpdesk: erro: o arquivo de origem {source_target} não existe; nada foi copiado.")
        return EXIT_BAD_INPUT
    source, target = open_store(source_target), open_store(target_target)
    try:
        err(f"Lendo {source.describe()} …")
        data = source.dump()
        held = _nonzero(target.counts())
        if held:
            if _same(target.dump(), data):
                _report(args, target, _counts_of(data), copied=False)
                return 0
            if not args.force:
                err(
                    f"helpdesk: erro: o destino {target.describe()} já tem dados "
                    f"({_listing(held)}). Nada foi copiado; repita com --force para "
                    "substituí-los pelos da origem."
                )
                return EXIT_TARGET_NOT_EMPTY
        err(f"Gravando em {target.describe()} ({_listing(_counts_of(data))}) …")
        target.load(data)
        counts = _counts_of(target.dump())
        if args.json:
            emit_json({"from": source.describe(), "to": target.describe(), "copied": counts})
            return 0
        _report(args, target, counts, copied=True)
        return 0
    finally:
        source.close()
        target.close()


def _report(
    args: argparse.Namespace, target: Store, counts: dict[str, int], *, copied: bool
) -> None:
    """Print what the target now holds."""
    from helpdesk.compose.cli_support import emit_json

    if args.json:
        emit_json({"to": target.describe(), "copied": counts if copied else {}, "held": counts})
        return
    if copied:
        print(f"Cópia concluída em {target.describe()}: {_listing(counts)}.")
    else:
        print(
            f"O destino {target.describe()} já tem exatamente estes dados ({_listing(counts)}); "
            "nada a copiar."
        )


def _counts_of(tables: dict[str, dict[str, Any]]) -> dict[str, int]:
    """How many documents of each counted table ``tables`` holds."""
    return {name: len(tables.get(name, {})) for name in _LABELS}


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    """The counted tables that hold something."""
    return {name: counts.get(name, 0) for name in _LABELS if counts.get(name, 0)}


def _listing(counts: dict[str, int]) -> str:
    """``3 pedidos, 1 licença, …`` (every counted table)."""
    from helpdesk.documents import count_of

    return ", ".join(count_of(counts.get(name, 0), *_LABELS[name]) for name in _LABELS)


def _same(a: dict[str, dict[str, Any]], b: dict[str, dict[str, Any]]) -> bool:
    """Whether two dumps hold the same documents (keys of votes and misses may differ)."""

    def canonical(tables: dict[str, dict[str, Any]]) -> dict[str, Any]:
        import json

        out: dict[str, Any] = {}
        for name, docs in tables.items():
            values = [json.dumps(doc, sort_keys=True) for doc in docs.values()]
            if name in ("votes", "search_misses"):
                out[name] = sorted(values)
            else:
                out[name] = dict(zip(docs, values, strict=True))
        return out

    return canonical(a) == canonical(b)


def server_info(db: Store, as_json: bool) -> int:
    """``db info`` for a PostgreSQL store: the URL (password masked), schema and counts."""
    from helpdesk.compose.cli_support import emit_json
    from helpdesk.documents import count_of
    from store.postgres.schema import CURRENT

    counts = db.counts()
    version = db.schema_version()
    if as_json:
        emit_json(
            {
                "engine": "postgresql",
                "url": db.describe(),
                "schema_version": version,
                "schema_supported": CURRENT,
                "tables": counts,
            }
        )
        return 0
    print(f"Banco de dados PostgreSQL: {db.describe()}")
    print(f"Versão do esquema: {version or '—'} (este aplicativo usa a {CURRENT})")
    for name in _LABELS:
        print(f"  {_LABELS[name][1]}: {count_of(counts.get(name, 0), 'registro', 'registros')}")
    db.close()
    return 0
