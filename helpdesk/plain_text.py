"""An article as plain text: headings, paragraphs, lists, callouts and tables, no colour or markup.

The linear way to read the help center (``helpdesk articles show``): readable by a screen reader and
fit to pipe into other tools. Links keep their target after the text so nothing is lost.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import unquote

from helpdesk.markdown import CALLOUT_TITLES, parse_markdown

if TYPE_CHECKING:
    from markdown_it.token import Token

    from helpdesk.catalog import Article

WIDTH = 78
"""Lines are wrapped to fit an 80-column terminal."""

_wrap = partial(textwrap.wrap, width=WIDTH, break_on_hyphens=False, break_long_words=False)


def link_note(href: str) -> str:
    """How a link's target reads after its text: the command or address that opens it."""
    kind, _, rest = unquote(href).partition(":")
    if kind == "article":
        return f"artigo {rest.replace('#', ', seção #')}"
    if kind == "form":
        return f"formulário {rest} no aplicativo"
    return href


def inline_text(token: Token) -> str:
    """The words of an inline token; a link's target follows its text in brackets."""
    parts: list[str] = []
    href = ""
    label_from = 0
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            label_from = len(parts)
        elif child.type == "link_close" and href:
            label = "".join(parts[label_from:])
            if href.removeprefix("mailto:") not in label:
                parts.append(f" [{link_note(href)}]")
            href = ""
    return "".join(parts)


@dataclass
class _Writer:
    """Collects the lines of the text while walking the tokens."""

    lines: list[str] = field(default_factory=list)
    indent: list[str] = field(default_factory=list)
    pending_marker: str = ""

    def blank(self) -> None:
        """One empty line between blocks (never two)."""
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def paragraph(self, text: str) -> None:
        """A wrapped paragraph under the current indent, after a list marker when one waits."""
        margin = "".join(self.indent)
        first = margin + self.pending_marker
        rest = margin + " " * len(self.pending_marker)
        self.pending_marker = ""
        wrapped = _wrap(text, initial_indent=first, subsequent_indent=rest)
        self.lines.extend(wrapped or [first.rstrip()])


def _table(tokens: Sequence[Token], start: int) -> tuple[list[list[str]], int]:
    """Rows of the table starting at ``tokens[start]`` and the index after it."""
    rows: list[list[str]] = []
    index = start
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(inline_text(token))
        index += 1
    return rows, index + 1


def _table_lines(rows: list[list[str]]) -> list[str]:
    """A table as aligned columns; a header rule under the first row."""
    widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(len(rows[0]))]
    lines: list[str] = []
    for number, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def render_body(body: str) -> list[str]:
    """The lines of a Markdown body as plain text."""
    tokens = parse_markdown(body)
    out = _Writer()
    counters: list[int | None] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            title = inline_text(tokens[index + 1])
            out.blank()
            out.lines.append(title)
            out.lines.append(("=" if token.tag in ("h1", "h2") else "-") * len(title))
            index += 3
            continue
        if kind == "table_open":
            rows, index = _table(tokens, index)
            out.blank()
            out.lines.extend("".join(out.indent) + line for line in _table_lines(rows))
            out.blank()
            continue
        if kind == "inline":
            out.paragraph(inline_text(token))
        elif kind == "paragraph_close" and not counters:
            out.blank()
        elif kind == "bullet_list_open":
            counters.append(None)
        elif kind == "ordered_list_open":
            counters.append(int(token.attrs.get("start", 1) or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            counters.pop()
            if not counters:
                out.blank()
        elif kind == "list_item_open":
            number = counters[-1]
            out.pending_marker = "- " if number is None else f"{number}. "
            if number is not None:
                counters[-1] = number + 1
        elif kind == "list_item_close":
            out.pending_marker = ""
        elif kind.startswith("container_") and kind.endswith("_open"):
            name = kind.removeprefix("container_").removesuffix("_open")
            title = token.info.strip().removeprefix(name).strip() or CALLOUT_TITLES.get(name, "")
            out.blank()
            out.lines.append("".join(out.indent) + f"[{title}]")
            out.indent.append("  ")
        elif kind.startswith("container_") and kind.endswith("_close"):
            out.indent.pop()
            out.blank()
        elif kind in ("fence", "code_block"):
            out.lines.extend(
                "".join(out.indent) + "    " + line for line in token.content.splitlines()
            )
            out.blank()
        elif kind == "hr":
            out.blank()
        index += 1
    while out.lines and out.lines[-1] == "":
        out.lines.pop()
    return out.lines


def render_article(article: Article) -> str:
    """The whole article as plain text: title, where it sits, summary, body and related ids."""
    lines = [
        article.title,
        "=" * len(article.title),
        f"{article.category_title} › {article.section_title} · atualizado em "
        f"{article.updated:%d/%m/%Y}",
        "",
        *_wrap(article.summary),
        "",
        *render_body(article.body),
    ]
    if article.related:
        lines += ["", "Veja também: " + ", ".join(article.related)]
    return "\n".join(lines) + "\n"
