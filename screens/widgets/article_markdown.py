"""One Markdown widget for a whole article, with the callouts drawn as titled, coloured boxes.

The markdown-it container plugin gives ``container_<kind>_open/close`` tokens, which Textual's
Markdown does not know. A core rule renames them to block quotes that carry the callout kind in
``meta``; the block-quote class below then draws a callout when it sees that kind. One widget
for the whole text renders faster than one per block and keeps Textual's own anchors and contents.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Markdown, Static
from textual.widgets._markdown import MarkdownBlockQuote

from helpdesk.markdown import CALLOUT_TITLES, new_markdown_parser

CALLOUT_ICONS = {"importante": "❗", "atencao": "⚠", "dica": "💡"}
_PREFIX = "container_"


def _callouts_as_quotes(state: StateCore) -> None:
    """Rename callout container tokens to block quotes tagged with their kind."""
    for token in state.tokens:
        if token.type.startswith(_PREFIX) and token.type.endswith(("_open", "_close")):
            kind = token.type[len(_PREFIX) :].rsplit("_", 1)[0]
            if kind in CALLOUT_TITLES:
                token.meta = {**(token.meta or {}), "callout": kind}
                token.type = "blockquote_open" if token.nesting == 1 else "blockquote_close"


@cache
def article_parser() -> MarkdownIt:
    """The help center's parser plus the callout renaming rule (built once)."""
    parser = new_markdown_parser()
    parser.core.ruler.push("callouts_as_quotes", _callouts_as_quotes)
    return parser


class CalloutOrQuote(MarkdownBlockQuote):
    """A block quote, or a callout box when the token says which kind."""

    def compose(self) -> ComposeResult:
        """Put the callout's title above its content."""
        kind = (self._token.meta or {}).get("callout")
        if kind:
            self.add_class("callout", f"callout-{kind}")
            title = CALLOUT_TITLES[kind]
            yield Static(Text(f"{CALLOUT_ICONS.get(kind, '•')} {title}"), classes="callout-title")
        yield from super().compose()


class ArticleMarkdown(Markdown):
    """Textual's Markdown with callouts and our parser; links are handled by the screen."""

    BLOCKS = {**Markdown.BLOCKS, "blockquote_open": CalloutOrQuote}

    def __init__(self, markdown: str) -> None:
        super().__init__(markdown, parser_factory=article_parser, open_links=False)
