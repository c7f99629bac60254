"""The article text: Markdown turned into prose runs, headings, callouts and tables."""

from __future__ import annotations

import html
import io
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment

from helpdesk.catalog import load_catalog
from helpdesk.markdown import markdown_parser
from helpdesk.policy import POLICY
from screens.widgets.article_blocks import (
    CalloutBlock,
    HeadingBlock,
    Prose,
    TableBlock,
    article_blocks,
    wrap_pieces,
)
from screens.widgets.article_text import TextBlock, table_renderable

ARTICLES = list(load_catalog(policy=POLICY).articles.values())


def lines_of(markdown: str, width: int = 60) -> list[str]:
    """The plain lines of every prose run and callout of ``markdown``."""
    found: list[str] = []
    for block in article_blocks(markdown):
        if isinstance(block, (Prose, CalloutBlock)):
            found.extend(line.plain for line in wrap_pieces(block.pieces, width))
    return found


def test_callouts_keep_kind_and_title_and_drop_markers() -> None:
    markdown = (
        "Antes.\n\n::: atencao\nCuidado **aqui**.\n\nSegunda linha.\n:::\n\n"
        "## Meio\n\n::: dica Um título próprio\nUse isto.\n:::\n"
    )
    blocks = article_blocks(markdown)
    assert [type(b).__name__ for b in blocks] == [
        "Prose",
        "CalloutBlock",
        "HeadingBlock",
        "CalloutBlock",
    ]
    first, second = blocks[1], blocks[3]
    assert isinstance(first, CalloutBlock) and isinstance(second, CalloutBlock)
    assert (first.kind, first.title) == ("atencao", "Atenção!")
    assert [p.content.plain for p in first.pieces] == ["Cuidado aqui.", "Segunda linha."]
    assert (second.kind, second.title) == ("dica", "Um título próprio")
    heading = blocks[2]
    assert isinstance(heading, HeadingBlock) and heading.level == 2
    assert heading.content.plain == "Meio"


def test_unknown_container_stays_text() -> None:
    assert lines_of("::: outro\nx\n:::") == ["::: outro x :::"]


def test_shipped_callouts_have_known_titles_and_order() -> None:
    for article in ARTICLES:
        for block in article_blocks(article.body):
            if isinstance(block, CalloutBlock):
                assert block.title in {"Importante!", "Atenção!", "Dica!"}, article.id
    renewal = next(a for a in ARTICLES if a.id == "cancelar-renovacao")
    kinds = [b.kind for b in article_blocks(renewal.body) if isinstance(b, CalloutBlock)]
    assert kinds == ["importante", "dica", "dica", "atencao"]


def test_tight_list_is_set_apart_from_the_paragraph_but_items_are_not() -> None:
    assert lines_of("Lista:\n\n- um\n- dois\n\nFim.") == [
        "Lista:",
        "",
        "• um",
        "• dois",
        "",
        "Fim.",
    ]


def test_loose_list_keeps_blank_lines_between_items() -> None:
    assert lines_of("- um\n\n- dois") == ["• um", "", "• dois"]


def test_ordered_list_numbers_from_its_start_and_nests() -> None:
    lines = lines_of("3. três\n4. quatro\n   - dentro\n5. cinco")
    assert lines == ["3. três", "4. quatro", "   ◦ dentro", "5. cinco"]


def test_long_items_hang_under_their_text() -> None:
    lines = lines_of("- " + "palavra " * 20, width=30)
    assert lines[0].startswith("• palavra")
    assert len(lines) > 2
    assert all(line.startswith("  palavra") for line in lines[1:])


def test_table_keeps_header_and_rows() -> None:
    (table,) = article_blocks("| A | B |\n| --- | --- |\n| 1 | **2** |\n| 3 | 4 |")
    assert isinstance(table, TableBlock)
    assert [c.plain for c in table.header] == ["A", "B"]
    assert [[c.plain for c in row] for row in table.rows] == [["1", "2"], ["3", "4"]]


def test_links_are_found_with_their_targets_in_order() -> None:
    (prose,) = article_blocks("Veja [o backup](article:backup) e [o formulário](form:cancel).")
    assert isinstance(prose, Prose)
    block = TextBlock(prose.pieces)
    assert [(s.href, prose.pieces[0].content.plain[s.start : s.end]) for s in block.links] == [
        ("article:backup", "o backup"),
        ("form:cancel", "o formulário"),
    ]


def _words(text: str) -> list[str]:
    """The words of ``text``, ignoring punctuation and list markers."""
    return re.findall(r"\w+", text)


def _source_words(markdown: str) -> list[str]:
    """The words a reader should see: markdown-it's HTML without tags or callout markers."""
    rendered = markdown_parser().render(markdown)
    return _words(html.unescape(re.sub(r"<[^>]+>", " ", rendered)))


def _shown_words(markdown: str) -> list[str]:
    """The words the blocks show, in order (list markers and callout titles left out)."""
    words: list[str] = []
    for block in article_blocks(markdown):
        if isinstance(block, HeadingBlock):
            words += _words(block.content.plain)
        elif isinstance(block, TableBlock):
            for row in [block.header, *block.rows]:
                words += [w for cell in row for w in _words(cell.plain)]
        else:
            words += _words(" ".join(piece.content.plain for piece in block.pieces))
    return words


def test_every_word_of_every_article_is_shown_in_order() -> None:
    for article in ARTICLES:
        assert _shown_words(article.body) == _source_words(article.body), article.id


@settings(max_examples=60, deadline=None)
@given(width=st.integers(min_value=12, max_value=160), index=st.integers(0, len(ARTICLES) - 1))
def test_wrapped_lines_fit_and_lose_no_word(width: int, index: int) -> None:
    body = ARTICLES[index].body
    for block in article_blocks(body):
        if isinstance(block, (Prose, CalloutBlock)):
            lines = list(wrap_pieces(block.pieces, width))
            assert all(line.cell_length <= width for line in lines)
            # A word longer than the line is folded, so compare the letters, not the words.
            shown = "".join("".join(line.plain for line in lines).split())
            assert shown == "".join(
                "".join(p.prefix + p.content.plain for p in block.pieces).split()
            )


_MARKDOWN_BITS = st.sampled_from(
    [
        "# ",
        "## ",
        "- ",
        "1. ",
        "  - ",
        "> ",
        "**",
        "*",
        "`",
        "[x](article:y)",
        "|",
        " | ",
        "---",
        "::: dica\n",
        "::: atencao Título\n",
        ":::\n",
        "\n",
        "\n\n",
        "texto ",
        "ção ",
        "    código",
        "```\n",
        "<b>",
        "![alt](img.png)",
        "  \n",
    ]
)


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(_MARKDOWN_BITS, max_size=40), width=st.integers(1, 100))
@example(pieces=["|", "texto ", "|", "\n", "|", "---", "|", "\n", "|", "ção ", "|"], width=5)
@example(pieces=["- ", "::: dica\n", "**"], width=1)  # a list item holding only a callout
@example(pieces=["> ", "::: dica\n", "> "], width=10)  # a callout opened inside a quote at the end
def test_any_markdown_becomes_blocks_that_wrap(pieces: list[str], width: int) -> None:
    """Whatever an author writes, the text is drawn (never an exception) within the width."""
    for block in article_blocks("".join(pieces)):
        if isinstance(block, (Prose, CalloutBlock)):
            for line in wrap_pieces(block.pieces, width):
                assert line.cell_length <= max(width, max(p.indent for p in block.pieces) + 1)
        elif isinstance(block, TableBlock):
            console = Console(width=max(width, 20), file=io.StringIO())
            lines = console.render_lines(table_renderable(block), pad=True)
            assert lines and all(Segment.get_line_length(line) == max(width, 20) for line in lines)
