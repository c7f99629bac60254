"""An article's pane: its text (with keyboard access to links) beside its sidebar."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Region
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.catalog import Article, Catalog
from helpdesk.request_kinds import KINDS
from screens.widgets.article_blocks import article_blocks
from screens.widgets.article_text import ArticleHeading, LinkClicked, block_widgets
from screens.widgets.link_cursor import LinkCursor
from screens.widgets.vote import ArticleVote


class ArticleBody(VerticalScroll, can_focus=True):
    """The scrolling text of an article, with keyboard access to its links."""

    BINDINGS = [
        Binding("tab", "next_link", "Próximo link", show=False),
        Binding("shift+tab", "previous_link", "Link anterior", show=False),
        Binding("enter", "follow_link", "Abrir link", show=False),
        Binding("j", "scroll_down", "Rolar para baixo", show=False),
        Binding("k", "scroll_up", "Rolar para cima", show=False),
    ]
    """tab/shift+tab walk the links, enter follows, j/k scroll."""

    def __init__(self, article: Article) -> None:
        super().__init__(classes="article-body")
        self.article = article
        self.links = LinkCursor()
        self._heading_after_resize = ""

    def compose(self) -> ComposeResult:
        """Title, summary, the text (a few blocks, callouts boxed), then the vote."""
        yield Static(Text(self.article.title), classes="article-title")
        yield Static(Text(self.article.summary), classes="article-summary")
        yield from block_widgets(article_blocks(self.article.body))
        yield Static(
            Text(f"Atualizado em {self.article.updated:%d/%m/%Y}", style="dim"), classes="updated"
        )
        yield ArticleVote(self.article.id)

    def on_focus(self) -> None:
        """Collect the links once the text is on screen."""
        if not self.links.spots:
            self.links.refresh(self)

    def on_blur(self) -> None:
        """Drop the link highlight when focus leaves the text."""
        self.links.clear()

    def action_next_link(self) -> None:
        """Select the next link, or move focus on after the last one."""
        self._step(+1)

    def action_previous_link(self) -> None:
        """Select the previous link, or move focus back before the first one."""
        self._step(-1)

    def _step(self, step: int) -> None:
        """Move the link selection; leave the text when going past either end."""
        if not self.links.spots:
            self.links.refresh(self)
        spot = self.links.move(step)
        if spot is None:
            if step > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        block = spot.block
        line = block.virtual_region.y + block.gutter.top + block.line_of(spot.span)
        self.scroll_to_region(Region(0, line, 1, 1), animate=False, center=True)

    def action_follow_link(self) -> None:
        """Follow the selected link."""
        spot = self.links.current
        if spot is not None:
            self.post_message(LinkClicked(spot.href))

    def goto_heading_after_resize(self, anchor: str) -> None:
        """Scroll to the heading ``anchor`` once the text has its new width and has reflowed."""
        self._heading_after_resize = anchor

    def on_resize(self) -> None:
        """Scroll to a heading that was waiting for the new width."""
        anchor, self._heading_after_resize = self._heading_after_resize, ""
        if anchor:
            self.call_after_refresh(self.goto_heading, anchor)

    def goto_heading(self, anchor: str) -> bool:
        """Scroll so the heading ``anchor`` is at the top; False if there is none."""
        index = next((i for i, h in enumerate(self.article.headings) if h.anchor == anchor), None)
        if index is None:
            return False
        headers = list(self.query(ArticleHeading))
        if index >= len(headers):
            return False
        self.scroll_to_widget(headers[index], top=True, animate=False)
        return True


def _sidebar_list(title: str, options: list[Option], classes: str) -> OptionList:
    """A titled list of the sidebar, hidden when it has nothing to offer."""
    option_list = OptionList(*options, classes=classes)
    option_list.border_title = title
    option_list.display = bool(options)
    return option_list


class ArticleSidebar(VerticalScroll):
    """Contents of the article, the forms it leads to and related articles."""

    def __init__(self, article: Article, catalog: Catalog) -> None:
        super().__init__(classes="sidebar")
        self.article = article
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        """Three lists: contents, forms, related articles."""
        article = self.article
        yield _sidebar_list(
            "Nesta página",
            [
                Option(Text(("  " * (h.level - 2)) + h.title), id=f"h:{h.anchor}")
                for h in article.headings
                if h.level >= 2
            ],
            "toc",
        )
        yield _sidebar_list(
            "Resolver agora",
            [
                Option(Text(KINDS[kind].title), id=f"form:{kind}")
                for kind in article.actions
                if kind in KINDS
            ],
            "article-actions",
        )
        related = (self.catalog.get(i) for i in article.related)
        yield _sidebar_list(
            "Relacionados",
            [Option(Text(other.title), id=f"article:{other.id}") for other in related if other],
            "related",
        )


class ArticlePane(Horizontal):
    """One article: its text and its sidebar."""

    def __init__(self, article: Article, catalog: Catalog) -> None:
        super().__init__(classes="article-pane")
        self.article = article
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        """The text, then the sidebar."""
        yield ArticleBody(self.article)
        yield ArticleSidebar(self.article, self.catalog)

    @property
    def body(self) -> ArticleBody:
        """The article's text."""
        return self.query_one(ArticleBody)

    @property
    def toc(self) -> OptionList:
        """The contents list."""
        return self.query_one(".toc", OptionList)
