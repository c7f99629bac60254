"""``helpdesk articles``: check the help center's articles, list them and print one as text."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from helpdesk.errors import InputError


def register(subparsers: Any) -> None:
    """Add ``articles check``, ``articles list`` and ``articles show``."""
    parser = subparsers.add_parser(
        "articles",
        help="verifica e lista os artigos da central de ajuda",
        description="Ferramentas para quem escreve os artigos da central de ajuda.",
    )
    sub = parser.add_subparsers(dest="articles_command", metavar="AÇÃO", required=True)
    check = sub.add_parser(
        "check",
        help="verifica front matter, ids, links, placeholders e destaques",
        description="Verifica todos os artigos da pasta e mostra cada problema como "
        "arquivo:linha: problema. Sai com 1 se houver problemas.",
    )
    check.add_argument(
        "folder", nargs="?", metavar="PASTA", help="pasta de artigos (padrão: a instalada)"
    )
    check.set_defaults(handler=run_check)
    listing = sub.add_parser(
        "list",
        help="lista os artigos por categoria e seção",
        description="Lista os artigos carregados, na ordem da central de ajuda.",
    )
    listing.add_argument(
        "folder", nargs="?", metavar="PASTA", help="pasta de artigos (padrão: a instalada)"
    )
    listing.add_argument("--json", action="store_true", help="saída em JSON")
    listing.set_defaults(handler=run_list)
    show = sub.add_parser(
        "show",
        help="mostra um artigo em texto simples",
        description="Mostra o artigo inteiro em texto simples, sem cores: dá para ler com um "
        "leitor de tela ou passar para outro programa. Os ids aparecem em: helpdesk articles list",
    )
    show.add_argument("article_id", metavar="ID", help="id do artigo (ex.: estorno)")
    show.add_argument(
        "folder", nargs="?", metavar="PASTA", help="pasta de artigos (padrão: a instalada)"
    )
    show.set_defaults(handler=run_show)


def _folder(value: str | None) -> Path:
    """The articles folder named on the command line, or the installed one."""
    from helpdesk.catalog import articles_root

    if value is None:
        return articles_root()
    path = Path(value)
    if not path.is_dir():
        raise InputError("PASTA", f"pasta não encontrada: {value}")
    return path


def run_check(args: argparse.Namespace) -> int:
    """Print each problem as ``file:line: message``; exit 1 when there is any."""
    from helpdesk.articles_check import check_articles

    report = check_articles(_folder(args.folder))
    for problem in report.problems:
        print(problem)
    if report.ok:
        print(f"{report.checked} artigos verificados, nenhum problema.")
        return 0
    count = len(report.problems)
    noun = "problema" if count == 1 else "problemas"
    print(f"{count} {noun} em {report.checked} artigos verificados.", file=sys.stderr)
    return 1


def run_list(args: argparse.Namespace) -> int:
    """Print the articles by category and section (or as JSON); warnings go to stderr."""
    from helpdesk.catalog import load_catalog

    catalog = load_catalog(_folder(args.folder))
    for warning in catalog.warnings:
        print(f"aviso: {warning}", file=sys.stderr)
    if args.json:
        rows = [
            {
                "id": a.id,
                "title": a.title,
                "category": a.category,
                "section": a.section,
                "summary": a.summary,
                "updated": a.updated.isoformat(),
                "actions": list(a.actions),
            }
            for a in catalog.articles.values()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for category in catalog.categories():
        print(category.title)
        for section in category.sections:
            print(f"  {section.title}")
            for article in section.articles:
                print(f"    {article.id:<26} {article.title}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print one article as plain text: pipeable and readable by a screen reader."""
    from helpdesk.catalog import load_catalog
    from helpdesk.plain_text import render_article

    catalog = load_catalog(_folder(args.folder))
    article = catalog.get(args.article_id.strip())
    if article is None:
        known = ", ".join(sorted(catalog.articles))
        raise InputError("ID", f"artigo não encontrado: {args.article_id}. Artigos: {known}")
    sys.stdout.write(render_article(article))
    return 0
