"""Markdown helpers for articles: anchors, headings, placeholders, the parser and links.

Headings are found with a line scanner so the catalog loads without importing markdown-it (it runs
at app start); callouts and links, needed only when an article is shown or checked, use markdown-it
with the ``mdit_py_plugins`` container plugin.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

CALLOUT_TITLES: dict[str, str] = {
    "importante": "Importante!",
    "atencao": "Atenção!",
    "dica": "Dica!",
}
"""Callout kinds (``::: kind``) and the title shown when the marker line gives none."""

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]*)\s*\}\}")
"""A ``{{name}}`` placeholder filled from the policy."""

_REMOVABLE = re.escape(string.punctuation.replace("-", "").replace("_", ""))
_SLUG_STRIP = re.compile(f"[{_REMOVABLE}]+")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Heading:
    """A heading of an article body: level, text, anchor and 1-based line within the body."""

    level: int
    title: str
    anchor: str
    line: int


@dataclass(frozen=True)
class LinkRef:
    """A link found in a body: its target (percent-decoded) and 1-based line within the body."""

    href: str
    line: int


def slugify(title: str) -> str:
    """GitHub-style anchor: lower case, punctuation dropped, spaces to hyphens, accents kept."""
    result = _SLUG_STRIP.sub("", title.strip().lower())
    return re.sub(r"\s", "-", result)


def scan_headings(body: str) -> tuple[Heading, ...]:
    """ATX headings of ``body`` outside fenced code, with unique anchors (``-1``, ``-2`` on repeats)."""
    headings: list[Heading] = []
    used: dict[str, int] = {}
    fence: str | None = None
    for number, line in enumerate(body.splitlines(), start=1):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        match = _HEADING.match(line)
        if not match:
            continue
        title = match.group(2).strip()
        anchor = slugify(title)
        seen = used.get(anchor, 0)
        used[anchor] = seen + 1
        if seen:
            anchor = f"{anchor}-{seen}"
        headings.append(Heading(len(match.group(1)), title, anchor, number))
    return tuple(headings)


def substitute(text: str, values: Mapping[str, str], unknown: Callable[[str, int], None]) -> str:
    """Replace ``{{name}}`` with ``values[name]``; report each unknown one as (name, body line)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        unknown(name, text.count("\n", 0, match.start()) + 1)
        return match.group(0)

    return PLACEHOLDER.sub(replace, text)


@cache
def markdown_parser() -> MarkdownIt:
    """The shared markdown-it parser with the callout containers (built on first use)."""
    return new_markdown_parser()


def new_markdown_parser() -> MarkdownIt:
    """A fresh markdown-it parser with one container rule per callout kind, free to extend."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.container import container_plugin

    parser = MarkdownIt("commonmark").enable("table")
    for kind in CALLOUT_TITLES:
        parser.use(container_plugin, name=kind)
    return parser


def parse_markdown(markdown: str) -> list[Token]:
    """The tokens of ``markdown``; whatever an author wrote, never an exception.

    The text is parsed with a final newline (the container plugin reads past the end of a
    quoted or listed line at the very end of the text, ``> ::: dica\\n> ``). Should the plugin
    still fail, the text is parsed without callouts, so it shows with its ``:::`` lines as
    written; ``helpdesk articles check`` reports the line (:func:`markdown_problem_line`).
    """
    source = markdown if markdown.endswith("\n") else markdown + "\n"
    try:
        return markdown_parser().parse(source)
    except Exception:  # a third-party parser on text anyone may write: any failure
        return _plain_parser().parse(source)


def markdown_problem_line(markdown: str) -> int | None:
    """The 1-based line at which the callout parser fails on ``markdown`` (None: it does not)."""
    source = markdown if markdown.endswith("\n") else markdown + "\n"
    try:
        markdown_parser().parse(source)
    except Exception:  # see parse_markdown
        lines = source.splitlines()
        for count in range(1, len(lines) + 1):
            try:
                markdown_parser().parse("\n".join(lines[:count]) + "\n")
            except Exception:  # see parse_markdown
                return count
        return max(len(lines), 1)
    return None


@cache
def _plain_parser() -> MarkdownIt:
    """The parser without the callout plugin (the fallback of :func:`parse_markdown`)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def iter_links(markdown: str) -> Iterator[LinkRef]:
    """Every link target in ``markdown`` (inline links and autolinks) with its body line."""
    lines = markdown.splitlines()
    for token in parse_markdown(markdown):
        if token.type != "inline" or not token.children or token.map is None:
            continue
        start, end = token.map
        searched_from = start
        for child in token.children:
            if child.type != "link_open":
                continue
            href = unquote(str(child.attrs.get("href", "")))
            line = _find_line(lines, href, searched_from, end)
            searched_from = line - 1
            yield LinkRef(href, line)


def _find_line(lines: list[str], href: str, start: int, end: int) -> int:
    """1-based line in ``lines[start:end]`` that holds ``href``, else the first of the range."""
    for index in range(start, min(end, len(lines))):
        if href in unquote(lines[index]):
            return index + 1
    return start + 1
