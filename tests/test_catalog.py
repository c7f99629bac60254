"""The catalog: loading articles, structure, headings, links and callout blocks."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from helpdesk.catalog import (
    ArticleLink,
    BrokenLink,
    ExternalLink,
    FormLink,
    load_catalog,
    slugify,
)
from helpdesk.markdown import scan_headings
from helpdesk.policy import Policy

CATALOG_TOML = """
[[categories]]
id = "cat"
title = "Categoria"

[[categories.sections]]
id = "sec"
title = "Seção"
"""


def write_article(root: Path, name: str, front: str, body: str, where: str = "cat/sec") -> Path:
    """Write one article file under ``root`` and return its path."""
    path = root / where / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"+++\n{textwrap.dedent(front).strip()}\n+++\n{textwrap.dedent(body)}", "utf-8")
    return path


def front(article_id: str, **extra: str) -> str:
    """A valid front matter for ``article_id``, with fields overridden by ``extra``."""
    fields = {
        "id": f'"{article_id}"',
        "title": f'"Título {article_id}"',
        "section": '"sec"',
        "summary": '"Resumo em {{withdrawal_days}} dias."',
        "keywords": '["palavra"]',
        "updated": "2026-11-26",
        "related": "[]",
        "actions": "[]",
    }
    fields.update(extra)
    return "\n".join(f"{key} = {value}" for key, value in fields.items())


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A two-article help center."""
    root = tmp_path / "articles"
    root.mkdir()
    (root / "catalog.toml").write_text(CATALOG_TOML, "utf-8")
    write_article(
        root,
        "um",
        front("um", order="2"),
        """
        Texto com {{notice_days}} dias.

        ## Primeira parte

        Conteúdo da primeira parte.

        ### Detalhe

        Mais detalhe.

        ## Segunda parte

        Fim. Veja [o outro](dois.md#ação-rápida).
        """,
    )
    write_article(
        root,
        "dois",
        front("dois", order="1"),
        """
        ## Ação rápida

        Texto.
        """,
    )
    return root


def test_shipped_catalog_loads_without_warnings() -> None:
    catalog = load_catalog()
    assert catalog.warnings == []
    assert {"cancelar-renovacao", "estorno"} <= set(catalog.articles)
    article = catalog.articles["estorno"]
    assert article.category == "plano-exclusivo"
    assert article.section_title == "Cancelamento e estorno"
    assert isinstance(article.updated, date)
    assert "{{" not in article.body and "{{" not in article.summary


def test_structure_and_order(mini: Path) -> None:
    catalog = load_catalog(mini)
    assert catalog.warnings == []
    assert list(catalog.articles) == ["dois", "um"]
    [category] = catalog.categories()
    assert (category.id, category.title) == ("cat", "Categoria")
    assert [a.id for a in category.sections[0].articles] == ["dois", "um"]


def test_placeholders_follow_the_policy(mini: Path) -> None:
    catalog = load_catalog(mini, Policy(notice_days=45, withdrawal_days=10))
    article = catalog.articles["um"]
    assert "Texto com 45 dias." in article.body
    assert article.summary == "Resumo em 10 dias."


def test_headings_and_section_text(mini: Path) -> None:
    article = load_catalog(mini).articles["um"]
    assert [(h.level, h.anchor) for h in article.headings] == [
        (2, "primeira-parte"),
        (3, "detalhe"),
        (2, "segunda-parte"),
    ]
    text = article.section_text("primeira-parte")
    assert "Conteúdo da primeira parte." in text and "Mais detalhe." in text
    assert "Fim." not in text
    assert article.section_text("detalhe") == "Mais detalhe."
    assert article.section_text("nada") == ""


def test_slugify_keeps_accents_like_github() -> None:
    assert slugify("Prazo para não pagar a próxima renovação") == (
        "prazo-para-não-pagar-a-próxima-renovação"
    )
    assert slugify("  E agora? (Dica!)  ") == "e-agora-dica"
    assert slugify("Passo-a-passo_final") == "passo-a-passo_final"


def test_repeated_headings_get_numbered_anchors_and_code_is_skipped() -> None:
    body = "## Exemplo\n\n```\n## não é título\n```\n\n## Exemplo\n"
    assert [h.anchor for h in scan_headings(body)] == ["exemplo", "exemplo-1"]


def test_resolve_links(mini: Path) -> None:
    catalog = load_catalog(mini)
    um = catalog.articles["um"]
    assert catalog.resolve_link("dois.md#ação-rápida", um) == ArticleLink("dois", "ação-rápida")
    assert catalog.resolve_link("dois.md#a%C3%A7%C3%A3o-r%C3%A1pida", um) == ArticleLink(
        "dois", "ação-rápida"
    )
    assert catalog.resolve_link("../sec/dois.md", um) == ArticleLink("dois")
    assert catalog.resolve_link("article:dois", um) == ArticleLink("dois")
    assert catalog.resolve_link("#detalhe", um) == ArticleLink("um", "detalhe")
    assert catalog.resolve_link("form:cancel?support_id=A1", um) == FormLink(
        "cancel", {"support_id": "A1"}
    )
    assert catalog.resolve_link("mailto:x@y.com", um) == ExternalLink("mailto:x@y.com")
    assert catalog.resolve_link("https://wa.me/1", um) == ExternalLink("https://wa.me/1")
    for broken in ("article:nada", "dois.md#nada", "form:pizza", "ftp://x", "nada.md", "#nada"):
        assert isinstance(catalog.resolve_link(broken, um), BrokenLink), broken


def test_broken_article_is_skipped_with_a_warning(mini: Path) -> None:
    write_article(mini, "ruim", 'id = "ruim"\ntitle = 3', "Corpo.")
    write_article(mini, "sem-fm", "", "")
    (mini / "cat" / "sec" / "sem-fm.md").write_text("Sem front matter.", "utf-8")
    write_article(mini, "fora", front("fora"), "Corpo.", where="cat/outra")
    write_article(mini, "copia", front("dois"), "Corpo.")
    catalog = load_catalog(mini)
    assert set(catalog.articles) == {"um", "dois"}
    text = "\n".join(catalog.warnings)
    assert "ruim.md" in text and "sem-fm.md:1" in text and "outra" in text
    assert "id repetido 'dois'" in text


def test_missing_catalog_file_is_a_warning(tmp_path: Path) -> None:
    catalog = load_catalog(tmp_path)
    assert catalog.articles == {} and len(catalog.warnings) == 1


def test_loading_the_catalog_does_not_import_markdown_it() -> None:
    """The catalog loads at app start: markdown-it waits until an article is shown or checked."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom helpdesk.catalog import load_catalog\n"
        "catalog = load_catalog()\nassert catalog.articles and not catalog.warnings\n"
        "print(sorted(m for m in sys.modules if m.startswith(('markdown_it', 'mdit_py'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
