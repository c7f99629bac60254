"""``helpdesk search``: find articles and actions from the command line; list failed searches."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from helpdesk.errors import InputError

if TYPE_CHECKING:
    from helpdesk.search import SearchEngine, SearchResult

DEFAULT_LIMIT = 10


def register(subparsers: Any) -> None:
    """Add ``search``."""
    parser = subparsers.add_parser(
        "search",
        help="busca artigos e ações da central de ajuda",
        description="Busca nos artigos e nas ações. Acentos, maiúsculas e pequenos erros de "
        "digitação não atrapalham.",
    )
    parser.add_argument("query", nargs="*", metavar="BUSCA", help="o que você procura")
    parser.add_argument(
        "--limit", default=str(DEFAULT_LIMIT), metavar="N", help="máximo de resultados (padrão: 10)"
    )
    parser.add_argument("--json", action="store_true", help="saída em JSON")
    parser.add_argument(
        "--misses", action="store_true", help="lista as buscas que não encontraram nada"
    )
    parser.set_defaults(handler=run_search)


def _limit(value: str) -> int:
    """``--limit`` as a positive whole number."""
    try:
        limit = int(value)
    except ValueError:
        raise InputError("--limit", f"use um número inteiro, não {value!r}") from None
    if limit < 1:
        raise InputError("--limit", "use um número maior que zero")
    return limit


def run_search(args: argparse.Namespace) -> int:
    """Print results (exit 0), or a kind no-results page (exit 1)."""
    if args.misses:
        if args.query:
            raise InputError("--misses", "não combine com um texto de busca")
        from helpdesk.compose.cli_support import run

        return run(_print_misses, args)
    query = " ".join(args.query).strip()
    if not query:
        raise InputError("BUSCA", "diga o que procura, por exemplo: helpdesk search estorno")
    from helpdesk.text_safety import has_unsafe

    if has_unsafe(query):
        raise InputError("BUSCA", "não use caracteres de controle nem de direção do texto.")
    limit = _limit(args.limit)

    from helpdesk.clock import system_clock
    from helpdesk.search import build_engine

    engine = build_engine()
    results = engine.search(query, limit=limit)
    if not results:
        _remember_miss(args, query, system_clock())
    if args.json:
        print(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2))
    elif results:
        _print_results(engine, query, results)
    else:
        _print_no_results(engine, query)
    return 0 if results else 1


def _emphasis() -> tuple[str, str]:
    """ANSI bold on a terminal that takes colour, nothing otherwise."""
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return "\x1b[1m", "\x1b[0m"
    return "", ""


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the matched words in bold."""
    on, off = _emphasis()
    if not on:
        return text
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], on, text[start:end], off]
        last = end
    return "".join([*out, text[last:]])


def _print_results(engine: SearchEngine, query: str, results: list[SearchResult]) -> None:
    """One block per result: title, where it is, the snippet and how to open it."""
    corrections = engine.shown_corrections(query)
    if corrections:
        shown = ", ".join(f"{typed} → {known}" for typed, known in corrections.items())
        print(f"Buscando também por: {shown}\n")
    for number, result in enumerate(results, start=1):
        kind = "artigo" if result.kind == "article" else "ação"
        where = result.section_title + (f" › {result.heading}" if result.heading else "")
        print(f"{number}. {result.title}  [{kind} · {where}]")
        if result.snippet:
            print(f"   {_marked(result.snippet, result.highlights)}")
        target = result.id + (f"#{result.anchor}" if result.anchor else "")
        print(f"   {'form' if result.kind == 'action' else 'article'}:{target}")


def _print_no_results(engine: SearchEngine, query: str) -> None:
    """Say so kindly, then offer close words, the actions and the support channels."""
    from helpdesk.policy import POLICY
    from helpdesk.search import load_actions

    print(f"Não encontramos nada para “{query}”.")
    suggestions = engine.suggestions(query)
    if suggestions:
        print(f"Você quis dizer: {', '.join(suggestions)}?")
    print("Tente palavras mais simples, como “cancelar”, “estorno” ou “backup”.\n")
    print("Você também pode pedir direto pelo aplicativo:")
    for action in load_actions():
        print(f"  • {action.title}  (form:{action.id})")
    channels = POLICY.channels
    print("\nOu fale com o suporte:")
    print(f"  • WhatsApp: {channels.whatsapp_display}")
    print(f"  • E-mail (Conta PJ): {channels.conta_pj_email}")


def _remember_miss(args: argparse.Namespace, query: str, now: datetime) -> None:
    """Count the failed search in the data file; a file that cannot be written only warns."""
    from helpdesk.compose.cli_support import open_database
    from helpdesk.search.misses import clean_query
    from store.errors import StoreError

    try:
        open_database(args).misses.add(clean_query(query), now)
    except (StoreError, OSError) as error:
        print(
            f"helpdesk: aviso: a busca sem resultado não foi registrada ({error})", file=sys.stderr
        )


def _print_misses(args: argparse.Namespace) -> int:
    """The failed searches, most frequent first."""
    from helpdesk.compose.cli_support import open_database
    from helpdesk.documents import format_date

    misses = open_database(args).misses.list()
    if args.json:
        rows = [{"query": m.query, "count": m.count, "last": m.last_at.isoformat()} for m in misses]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not misses:
        print("Nenhuma busca sem resultado registrada.")
        return 0
    print("Buscas que não encontraram nada (mais frequentes primeiro):")
    for miss in misses:
        times = "vez" if miss.count == 1 else "vezes"
        day = format_date(miss.last_at.date())
        print(f"  {miss.count:>3} {times:<5}  última em {day}  {miss.query}")
    return 0
