"""The help center's catalog: ``articles/`` (category → section → article) loaded into objects.

Layout: ``articles/catalog.toml`` names and orders the categories and sections; each article is
``articles/<category>/<section>/<name>.md`` with TOML front matter (see ``helpdesk.frontmatter``)
and a Markdown body whose ``{{placeholders}}`` are filled from the policy at load time.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from helpdesk.frontmatter import FrontMatter, FrontMatterError, parse_front_matter
from helpdesk.markdown import Heading, scan_headings, slugify, substitute
from helpdesk.policy import POLICY, Policy
from helpdesk.request_kinds import KINDS

__all__ = [
    "FORM_KINDS",
    "Article",
    "ArticleLink",
    "BrokenLink",
    "Catalog",
    "Category",
    "ExternalLink",
    "FormLink",
    "Heading",
    "LinkTarget",
    "Section",
    "articles_root",
    "load_catalog",
    "slugify",
]

FORM_KINDS: tuple[str, ...] = tuple(KINDS)
"""Self-service forms an article may lead to (``actions`` and ``form:<kind>`` links): every
declared request kind."""

CATALOG_FILE = "catalog.toml"
"""Names and order of categories and sections, inside the articles folder."""

EXTERNAL_SCHEMES = ("https://", "http://", "mailto:")
"""Link prefixes opened outside the app."""

REQUIRED_FIELDS: dict[str, str] = {
    "id": "text",
    "title": "text",
    "section": "text",
    "summary": "text",
    "keywords": "list",
    "updated": "date",
    "related": "list",
    "actions": "list",
}
"""Front matter fields every article must have, with the kind of value each takes."""


@dataclass(frozen=True)
class Article:
    """One help article, ready to show: metadata, body with placeholders filled, and headings."""

    id: str
    title: str
    category: str
    category_title: str
    section: str
    section_title: str
    summary: str
    keywords: tuple[str, ...]
    updated: date
    related: tuple[str, ...]
    actions: tuple[str, ...]
    path: Path
    body: str
    headings: tuple[Heading, ...] = ()
    order: int = 0

    def heading(self, anchor: str) -> Heading | None:
        """The heading with this anchor, if any."""
        return next((h for h in self.headings if h.anchor == anchor), None)

    def section_text(self, anchor: str) -> str:
        """Body text under the heading ``anchor`` up to the next heading of the same or higher rank."""
        target = self.heading(anchor)
        if target is None:
            return ""
        lines = self.body.splitlines()
        end = len(lines)
        for other in self.headings:
            if other.line > target.line and other.level <= target.level:
                end = other.line - 1
                break
        return "\n".join(lines[target.line : end]).strip()


@dataclass(frozen=True)
class Section:
    """A section of a category, with its articles in display order."""

    id: str
    title: str
    articles: list[Article] = field(default_factory=list)


@dataclass(frozen=True)
class Category:
    """A top-level category of the help center."""

    id: str
    title: str
    sections: list[Section] = field(default_factory=list)
    description: str = ""


@dataclass(frozen=True)
class ArticleLink:
    """A link to an article, optionally to one of its headings."""

    id: str
    anchor: str | None = None


@dataclass(frozen=True)
class FormLink:
    """A link that opens a self-service form, with optional pre-filled fields."""

    kind: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ExternalLink:
    """A web, e-mail or WhatsApp address to open outside the app."""

    url: str


@dataclass(frozen=True)
class BrokenLink:
    """A link that leads nowhere; ``reason`` says why, in Portuguese."""

    reason: str


LinkTarget = ArticleLink | FormLink | ExternalLink | BrokenLink
"""Where a link in an article goes."""


@dataclass
class Catalog:
    """Every article that loaded, in display order, plus the warnings of those that did not."""

    articles: dict[str, Article] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    structure: list[Category] = field(default_factory=list)

    def get(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        return self.articles.get(article_id)

    def categories(self) -> list[Category]:
        """Categories → sections → articles, skipping sections and categories left empty."""
        result = []
        for category in self.structure:
            sections = [s for s in category.sections if s.articles]
            if sections:
                result.append(Category(category.id, category.title, sections, category.description))
        return result

    def by_path(self, path: Path) -> Article | None:
        """The article stored at ``path``, if any."""
        resolved = path.resolve()
        return next((a for a in self.articles.values() if a.path.resolve() == resolved), None)

    def resolve_link(self, href: str, from_article: Article | None = None) -> LinkTarget:
        """Where ``href`` leads: an article (``article:id#anchor``, relative path, ``#anchor``), a
        form (``form:kind?field=value``), an external address, or a broken link with the reason."""
        href = unquote(href.strip())
        if href.startswith(EXTERNAL_SCHEMES):
            return _external(href)
        if href.startswith("form:"):
            kind, _, query = href[len("form:") :].partition("?")
            if kind not in FORM_KINDS:
                return BrokenLink(f"formulário desconhecido: {kind!r}")
            return FormLink(kind, dict(parse_qsl(query)))
        target, _, anchor = href.partition("#")
        if href.startswith("article:"):
            article = self.get(target[len("article:") :])
            if article is None:
                return BrokenLink(f"artigo inexistente: {target[len('article:') :]!r}")
        elif not target:
            if from_article is None:
                return BrokenLink("âncora sem artigo de origem")
            article = from_article
        elif ":" in target.split("/")[0]:
            return BrokenLink(f"tipo de link não suportado: {href!r}")
        else:
            if from_article is None:
                return BrokenLink("caminho relativo sem artigo de origem")
            article = self.by_path(from_article.path.parent / target)
            if article is None:
                return BrokenLink(f"nenhum artigo em {target!r}")
        if anchor and article.heading(anchor) is None:
            return BrokenLink(f"o artigo {article.id!r} não tem o título #{anchor}")
        return ArticleLink(article.id, anchor or None)


def _external(url: str) -> LinkTarget:
    """An external link, or a broken one when the address is empty."""
    mailto = url.startswith("mailto:")
    ok = "@" in url if mailto else bool(urlsplit(url).netloc)
    return ExternalLink(url) if ok else BrokenLink(f"endereço incompleto: {url!r}")


def articles_root() -> Path:
    """The folder of the installed ``articles`` package.

    Read from the package itself: it is always a folder on disk, and ``importlib.resources``
    (with ``zipfile`` and its readers) cost start-up 2 ms to import for the same answer.
    """
    import articles

    return Path(articles.__path__[0])


def read_structure(root: Path) -> list[Category]:
    """Categories and sections declared in ``catalog.toml`` (empty article lists)."""
    with (root / CATALOG_FILE).open("rb") as handle:
        data = tomllib.load(handle)
    return [
        Category(
            id=str(category["id"]),
            title=str(category["title"]),
            description=str(category.get("description", "")),
            sections=[
                Section(id=str(section["id"]), title=str(section["title"]))
                for section in category.get("sections", [])
            ],
        )
        for category in data.get("categories", [])
    ]


def article_files(root: Path) -> Iterator[Path]:
    """Every ``.md`` file below ``root``, sorted."""
    return iter(sorted(root.rglob("*.md")))


_KIND_NAMES = {
    "text": "deve ser um texto não vazio",
    "list": "deve ser uma lista de textos",
    "date": "deve ser uma data no formato AAAA-MM-DD",
}


def has_kind(value: Any, kind: str) -> bool:
    """Whether a front matter value is of the kind named in REQUIRED_FIELDS."""
    if kind == "text":
        return isinstance(value, str) and bool(value.strip())
    if kind == "list":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, date) and not isinstance(value, datetime)


def field_problems(front: FrontMatter) -> list[tuple[int, str]]:
    """Missing or mistyped front matter fields, as (file line, message)."""
    problems: list[tuple[int, str]] = []
    data = front.data
    for name, kind in REQUIRED_FIELDS.items():
        if name not in data:
            problems.append((1, f"campo obrigatório ausente no front matter: {name}"))
        elif not has_kind(data[name], kind):
            problems.append((front.line_of(name), f"campo {name}: {_KIND_NAMES[kind]}"))
    if "order" in data and not isinstance(data["order"], int):
        problems.append((front.line_of("order"), "campo order: deve ser um número inteiro"))
    if isinstance(data.get("id"), str) and slugify(data["id"]) != data["id"]:
        problems.append((front.line_of("id"), "campo id: use só minúsculas, números e hífens"))
    for kind in data.get("actions", []) if isinstance(data.get("actions"), list) else []:
        if kind not in FORM_KINDS:
            problems.append((front.line_of("actions"), f"ação desconhecida: {kind!r}"))
    return problems


def build_article(
    path: Path,
    front: FrontMatter,
    category: Category,
    section: Section,
    policy: Policy,
    unknown_placeholder: Any = None,
) -> Article:
    """An Article from a valid front matter; placeholders filled from ``policy``."""
    data = front.data

    def ignore(name: str, line: int) -> None:
        del name, line

    values = policy.placeholders()
    body = substitute(front.body, values, unknown_placeholder or ignore)
    return Article(
        id=data["id"],
        title=substitute(data["title"], values, ignore),
        category=category.id,
        category_title=category.title,
        section=section.id,
        section_title=section.title,
        summary=substitute(data["summary"], values, ignore),
        keywords=tuple(data["keywords"]),
        updated=data["updated"],
        related=tuple(data["related"]),
        actions=tuple(data["actions"]),
        path=path,
        body=body,
        headings=scan_headings(body),
        order=int(data.get("order", 0)),
    )


def locate(root: Path, path: Path, structure: list[Category]) -> tuple[Category, Section] | str:
    """The category and section a file sits in, or a Portuguese reason why it cannot be placed."""
    parts = PurePosixPath(path.relative_to(root).as_posix()).parts
    if len(parts) != 3:
        return "o artigo deve ficar em <categoria>/<seção>/<artigo>.md"
    category = next((c for c in structure if c.id == parts[0]), None)
    if category is None:
        return f"categoria {parts[0]!r} não declarada em {CATALOG_FILE}"
    section = next((s for s in category.sections if s.id == parts[1]), None)
    if section is None:
        return f"seção {parts[1]!r} não declarada em {CATALOG_FILE} (categoria {category.id!r})"
    return category, section


def load_catalog(root: Path | None = None, policy: Policy = POLICY) -> Catalog:
    """Load every article under ``root`` (default: the installed ``articles`` folder).

    A broken article is skipped and described in ``Catalog.warnings``; this never raises.
    """
    root = root if root is not None else articles_root()
    catalog = Catalog()
    try:
        catalog.structure = read_structure(root)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as error:
        catalog.warnings.append(f"{root / CATALOG_FILE}: não foi possível ler: {error}")
        return catalog
    loaded: list[tuple[Category, Section, Article]] = []
    for path in article_files(root):
        place = locate(root, path, catalog.structure)
        if isinstance(place, str):
            catalog.warnings.append(f"{path}: {place}")
            continue
        try:
            front = parse_front_matter(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            catalog.warnings.append(f"{path}: não foi possível ler: {error}")
            continue
        except FrontMatterError as error:
            catalog.warnings.append(f"{path}:{error.line}: {error.message}")
            continue
        problems = field_problems(front)
        if problems:
            line, message = problems[0]
            catalog.warnings.append(f"{path}:{line}: {message}")
            continue
        article = build_article(path, front, place[0], place[1], policy)
        if any(other.id == article.id for _, _, other in loaded):
            catalog.warnings.append(f"{path}: id repetido {article.id!r}; artigo ignorado")
            continue
        loaded.append((place[0], place[1], article))
    loaded.sort(key=lambda item: (item[2].order, item[2].title))
    for category in catalog.structure:
        for section in category.sections:
            for owner_category, owner_section, article in loaded:
                if owner_category is category and owner_section is section:
                    section.articles.append(article)
                    catalog.articles[article.id] = article
    return catalog
