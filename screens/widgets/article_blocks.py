"""Turn an article's Markdown into a short list of blocks: prose runs, headings, callouts, tables.

Textual's Markdown widget mounts one widget per paragraph, list, list item and table cell; laying
out those widgets is where the time to show an article went (≈0.2 s for 3 KB, more than linear
beyond that). Articles use a small part of Markdown, so the text between two headings becomes a
single block of styled lines instead. markdown-it does the parsing; what is written here is only
the walk over its tokens, which no library does for Textual's ``Content``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it.token import Token
from textual.content import Content, Span
from textual.style import Style

from helpdesk.markdown import CALLOUT_TITLES, parse_markdown

BULLETS = ("•", "◦", "▪")
"""List markers by nesting depth."""

CODE_STYLE = "bold $text-accent"
"""How inline code and code blocks look."""

_SPACES = re.compile(r"\s+")
_CALLOUT_OPEN = re.compile(r"container_(\w+)_open")


@dataclass(frozen=True)
class Piece:
    """One paragraph or list item: its marker (``• ``, ``2. ``), hanging indent and text."""

    content: Content
    prefix: str = ""
    indent: int = 0
    gap_before: bool = True


@dataclass
class Prose:
    """Paragraphs and lists in a row, drawn as one block of lines."""

    pieces: list[Piece] = field(default_factory=list)


@dataclass(frozen=True)
class HeadingBlock:
    """A heading (level 1–6) with its text."""

    level: int
    content: Content


@dataclass
class CalloutBlock:
    """A highlighted box: its kind (``importante``, ``atencao``, ``dica``), title and text."""

    kind: str
    title: str
    pieces: list[Piece] = field(default_factory=list)


@dataclass(frozen=True)
class TableBlock:
    """A table: header cells and rows of cells."""

    header: Sequence[Content]
    rows: Sequence[Sequence[Content]]


Block = Prose | HeadingBlock | CalloutBlock | TableBlock
"""What ``article_blocks`` yields, in reading order."""


def link_style(href: str) -> Style:
    """The style of a link: clicking it runs the block's ``link`` action with its target."""
    return Style.from_meta({"@click": f"link({href!r})"})


def inline_content(token: Token) -> Content:
    """The styled text of an ``inline`` token (emphasis, code and links)."""
    parts: list[str] = []
    spans: list[Span] = []
    open_styles: list[tuple[str | Style, int]] = []
    position = 0

    def add(text: str) -> None:
        nonlocal position
        parts.append(text)
        position += len(text)

    for child in token.children or ():
        kind = child.type
        if kind == "text":
            add(_SPACES.sub(" ", child.content))
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "code_inline":
            spans.append(Span(position, position + len(child.content), CODE_STYLE))
            add(child.content)
        elif kind in ("strong_open", "em_open", "s_open", "link_open"):
            style: str | Style = {
                "strong_open": "bold",
                "em_open": "italic",
                "s_open": "strike",
            }.get(kind) or link_style(str(child.attrs.get("href", "")))
            open_styles.append((style, position))
        elif kind in ("strong_close", "em_close", "s_close", "link_close") and open_styles:
            style, start = open_styles.pop()
            spans.append(Span(start, position, style))
        elif kind == "image":
            add(f"[imagem: {child.content or child.attrs.get('src', '')}]")
        elif kind == "html_inline":
            add(child.content)
    return Content("".join(parts), spans)


class _Walker:
    """Walks the block tokens once, keeping the list nesting and where pieces go."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self.item_marker: str | None = None
        self.tight_gap = False
        self.table: tuple[list[Content], list[list[Content]]] | None = None
        self.row: list[Content] | None = None
        self.callout: CalloutBlock | None = None
        self.pending_heading = 0
        self.hidden_paragraph = False

    def target(self) -> list[Piece]:
        """Where the next piece goes: the open callout, or the current prose run."""
        if self.callout is not None:
            return self.callout.pieces
        if not self.blocks or not isinstance(self.blocks[-1], Prose):
            self.blocks.append(Prose())
        last = self.blocks[-1]
        assert isinstance(last, Prose)
        return last.pieces

    def add_text(self, content: Content, *, hidden: bool) -> None:
        """Add a paragraph (or a list item's first paragraph, with its marker)."""
        depth = len(self.lists)
        indent = sum(self._marker_width(i) for i in range(depth))
        pieces = self.target()
        if self.item_marker is not None and depth:
            prefix = " " * (indent - len(self.item_marker)) + self.item_marker
            # The first item of a list is set apart from the text above; the next ones only in
            # a loose list (whose paragraphs are not hidden).
            gap = bool(pieces) and (not self.tight_gap or not hidden)
            self.item_marker = None
        else:
            prefix = " " * indent
            gap = bool(pieces) and not (hidden and depth)
        pieces.append(Piece(content, prefix, indent, gap))
        self.tight_gap = True

    def _marker_width(self, depth: int) -> int:
        """Columns taken by the marker of a list at ``depth``."""
        numbers = self.lists[depth]
        return len(f"{numbers[0] - 1}. ") if numbers else 2

    def open_item(self) -> None:
        """Start a list item: its marker is put on its first paragraph."""
        numbers = self.lists[-1]
        if numbers:
            self.item_marker = f"{numbers[0]}. "
            numbers[0] += 1
        else:
            self.item_marker = f"{BULLETS[(len(self.lists) - 1) % len(BULLETS)]} "

    def walk(self, tokens: Sequence[Token]) -> list[Block]:
        """Every block of ``tokens``, in order."""
        for token in tokens:
            self.step(token)
        return [block for block in self.blocks if not isinstance(block, Prose) or block.pieces]

    def step(self, token: Token) -> None:
        """Handle one block token."""
        kind = token.type
        callout = _CALLOUT_OPEN.fullmatch(kind)
        if callout and callout.group(1) in CALLOUT_TITLES:
            name = callout.group(1)
            title = token.info.strip()[len(name) :].strip() or CALLOUT_TITLES[name]
            self.callout = CalloutBlock(name, title)
            self.blocks.append(self.callout)
        elif kind.startswith("container_") and kind.endswith("_close"):
            self.callout = None
        elif kind == "heading_open":
            self.pending_heading = int(token.tag[1:])
        elif kind == "inline" and self.row is not None:
            self.row.append(inline_content(token))
        elif kind == "inline" and self.pending_heading:
            self.blocks.append(HeadingBlock(self.pending_heading, inline_content(token)))
            self.pending_heading = 0
        elif kind == "inline":
            self.add_text(inline_content(token), hidden=self.hidden_paragraph)
        elif kind == "paragraph_open":
            self.hidden_paragraph = token.hidden
        elif kind == "bullet_list_open":
            self._open_list([])
        elif kind == "ordered_list_open":
            self._open_list([int(token.attrs.get("start", 1) or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
            self.item_marker = None  # an item with no paragraph of its own shows no marker
            # Back in an outer list the next item follows without a gap; after a top-level list,
            # the next paragraph is set apart.
            self.tight_gap = bool(self.lists)
        elif kind == "list_item_open":
            self.open_item()
        elif kind in ("fence", "code_block"):
            lines = token.content.rstrip("\n")
            self.tight_gap = False
            self.add_text(Content.styled(lines, CODE_STYLE), hidden=False)
        elif kind == "hr":
            self.add_text(Content("─" * 20), hidden=False)
        elif kind == "html_block":
            self.add_text(Content(token.content.strip()), hidden=False)
        elif kind == "table_open":
            self.table = ([], [])
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close" and self.table is not None and self.row is not None:
            header, rows = self.table
            if header:
                rows.append(self.row)
            else:
                header.extend(self.row)
            self.row = None
        elif kind == "table_close" and self.table is not None:
            self.blocks.append(TableBlock(*self.table))
            self.table = None

    def _open_list(self, numbers: list[int]) -> None:
        """Start a (possibly nested) list; a top-level list is set apart from the text above."""
        self.lists.append(numbers)
        self.tight_gap = len(self.lists) > 1


@lru_cache(maxsize=64)
def article_blocks(markdown: str) -> tuple[Block, ...]:
    """The blocks of an article body, in reading order (parsed once; treat as read-only)."""
    return tuple(_Walker().walk(parse_markdown(markdown)))


def wrap_pieces(pieces: Sequence[Piece], width: int) -> Iterator[Content]:
    """The lines of ``pieces`` at ``width`` columns: markers hang, blank lines between paragraphs."""
    first = True
    for piece in pieces:
        if piece.gap_before and not first:
            yield Content("")
        first = False
        room = max(1, width - piece.indent)
        lead = Content(piece.prefix)
        rest = Content(" " * piece.indent)
        for number, line in enumerate(piece.content.wrap(room)):
            yield (rest if number else lead) + line
