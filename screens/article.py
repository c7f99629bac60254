"""An article: rendered Markdown with callouts, contents, breadcrumbs, related articles, actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList, Static
from textual.widgets._markdown import MarkdownHeader
from textual.widgets.option_list import Option

from helpdesk.catalog import Article, ArticleLink, BrokenLink, ExternalLink, FormLink
from helpdesk.history import Location
from helpdesk.request_kinds import KINDS
from screens.widgets.article_markdown import ArticleMarkdown
from screens.widgets.link_cursor import LinkCursor
from screens.widgets.nav_bar import NavBar
from screens.widgets.vote import ArticleVote

if TYPE_CHECKING:
    from screens.app import HelpdeskApp

NARROW_WIDTH = 100
"""Below this many columns the sidebar folds away (``t`` shows it)."""


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
        super().__init__(id="article-body")
        self.article = article
        self.links = LinkCursor()

    def compose(self) -> ComposeResult:
        """Title, summary, one widget per block (callouts boxed), then the vote."""
        yield Static(Text(self.article.title), classes="article-title")
        yield Static(Text(self.article.summary), classes="article-summary")
        yield ArticleMarkdown(self.article.body)
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
        self.scroll_to_widget(spot.block, animate=False, center=True)

    def action_follow_link(self) -> None:
        """Follow the selected link."""
        spot = self.links.current
        if spot is not None:
            self.post_message(Markdown.LinkClicked(spot.block._markdown, spot.href))

    def goto_heading(self, anchor: str) -> bool:
        """Scroll so the heading ``anchor`` is at the top; False if there is none."""
        index = next((i for i, h in enumerate(self.article.headings) if h.anchor == anchor), None)
        if index is None:
            return False
        headers = list(self.query(MarkdownHeader))
        if index >= len(headers):
            return False
        self.scroll_to_widget(headers[index], top=True, animate=False)
        return True


class ArticleScreen(Screen[None]):
    """Shows one article and everything that leads on from it."""

    BINDINGS = [
        Binding("escape", "app.go_back", "Voltar", id="article_back"),
        Binding("t", "toggle_contents", "Sumário", id="contents"),
        Binding("a", "first_action", "Formulário", id="first_action"),
    ]
    """esc goes back, t shows/focuses the contents, a opens the article's main form."""

    narrow: reactive[bool] = reactive(False)
    """True when the terminal is too narrow to show the sidebar beside the text."""

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id

    @property
    def helpdesk(self) -> HelpdeskApp:
        """The app, typed."""
        return cast("HelpdeskApp", self.app)

    @property
    def article(self) -> Article:
        """The article shown (the catalog is fixed while the app runs)."""
        article = self.helpdesk.catalog.get(self.article_id)
        if article is None:
            raise LookupError(self.article_id)
        return article

    def compose(self) -> ComposeResult:
        """Breadcrumbs, the text, and the sidebar."""
        article = self.helpdesk.catalog.get(self.article_id)
        yield Header()
        if article is None:
            yield Static(f"Artigo não encontrado: {self.article_id}", markup=False)
            yield Footer()
            return
        yield NavBar(article.category_title, article.section_title, article.title, id="crumbs")
        with Horizontal(id="article-layout"):
            yield ArticleBody(article)
            with VerticalScroll(id="sidebar"):
                toc = OptionList(
                    *[
                        Option(Text(("  " * (h.level - 2)) + h.title), id=f"h:{h.anchor}")
                        for h in article.headings
                        if h.level >= 2
                    ],
                    id="toc",
                )
                toc.border_title = "Nesta página"
                yield toc
                actions = OptionList(
                    *[
                        Option(Text(KINDS[kind].title), id=f"form:{kind}")
                        for kind in article.actions
                        if kind in KINDS
                    ],
                    id="article-actions",
                )
                actions.border_title = "Resolver agora"
                actions.display = bool(article.actions)
                yield actions
                related = [self.helpdesk.catalog.get(i) for i in article.related]
                related_list = OptionList(
                    *[Option(Text(r.title), id=f"article:{r.id}") for r in related if r],
                    id="related",
                )
                related_list.border_title = "Relacionados"
                related_list.display = any(related)
                yield related_list
        yield Footer()

    def on_mount(self) -> None:
        """Start with the text focused so j/k and tab work at once."""
        self.query_one(ArticleBody).focus()

    def on_resize(self) -> None:
        """Fold the sidebar away on narrow terminals."""
        self.narrow = self.size.width < NARROW_WIDTH

    def watch_narrow(self, narrow: bool) -> None:
        """Toggle the CSS class that hides the sidebar."""
        self.set_class(narrow, "-narrow")
        if not narrow:
            self.remove_class("-show-sidebar")

    def show_location(self, location: Location) -> None:
        """Scroll to the location's heading, or to the top."""
        self.query_one(NavBar).refresh_bar()
        body = self.query_one(ArticleBody)
        if location.anchor and not body.goto_heading(location.anchor):
            self.notify(
                f"Seção não encontrada: #{location.anchor}", severity="warning", markup=False
            )
        body.focus()

    def action_toggle_contents(self) -> None:
        """Show the contents (and on a narrow screen the whole sidebar), focused."""
        if self.narrow:
            self.toggle_class("-show-sidebar")
        toc = self.query_one("#toc", OptionList)
        if toc.has_focus and not self.narrow:
            self.query_one(ArticleBody).focus()
        else:
            toc.focus()

    def action_first_action(self) -> None:
        """Open the first form the article leads to."""
        kinds = [kind for kind in self.article.actions if kind in KINDS]
        if kinds:
            self.helpdesk.open_form(kinds[0])
        else:
            self.notify("Este artigo não tem formulário associado.", severity="information")

    @on(OptionList.OptionSelected, "#toc")
    def jump_to_heading(self, event: OptionList.OptionSelected) -> None:
        """Jump to the chosen heading and remember it in the history."""
        anchor = (event.option.id or "").removeprefix("h:")
        body = self.query_one(ArticleBody)
        body.goto_heading(anchor)
        self.helpdesk.history.replace(Location("article", self.article_id, anchor))
        if self.narrow:
            self.remove_class("-show-sidebar")
        body.focus()

    @on(OptionList.OptionSelected, "#article-actions, #related")
    def open_linked(self, event: OptionList.OptionSelected) -> None:
        """Open a related article or a form."""
        kind, _, value = (event.option.id or "").partition(":")
        if kind == "form":
            self.helpdesk.open_form(value, {})
        else:
            self.helpdesk.open_article(value)

    @on(Markdown.LinkClicked)
    def follow(self, event: Markdown.LinkClicked) -> None:
        """Follow a link by mouse or keyboard: in-app targets navigate, others open outside."""
        event.stop()
        target = self.helpdesk.catalog.resolve_link(event.href, self.article)
        if isinstance(target, ArticleLink):
            if target.id == self.article_id and target.anchor:
                self.query_one(ArticleBody).goto_heading(target.anchor)
                self.helpdesk.history.visit(Location("article", self.article_id, target.anchor))
            else:
                self.helpdesk.open_article(target.id, target.anchor or "")
        elif isinstance(target, FormLink):
            self.helpdesk.open_form(target.kind, target.params)
        elif isinstance(target, ExternalLink):
            self.app.open_url(target.url)
            self.notify(target.url, title="Abrindo fora do aplicativo", markup=False)
        elif isinstance(target, BrokenLink):
            self.notify(target.reason, title="Link quebrado", severity="warning", markup=False)
