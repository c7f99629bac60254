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
from textual.widgets import ContentSwitcher, Footer, Header, Markdown, OptionList, Static
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

    def __init__(self, article: Article, id: str | None = None) -> None:
        super().__init__(id=id, classes="article-body")
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

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle only this container when focus comes or goes.

        Textual restyles the whole subtree on a focus change, in case some rule depends on an
        ancestor's focus; none of ours does, and restyling the hundreds of Markdown blocks of an
        article took most of the time it took to show it.
        """
        del has_focus
        self.app.stylesheet.update_nodes([self], animate=False)

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


BODY_CACHE = 16
"""Article texts kept mounted (hidden) so that reopening one only has to show it again."""


def _body_id(article_id: str) -> str:
    """The DOM id of an article's text inside the switcher."""
    return f"body-{article_id}"


class ArticleScreen(Screen[None]):
    """Shows any article: one screen for all of them, so moving between articles keeps the
    header, footer and sidebar in place and only swaps the text (kept mounted once seen)."""

    BINDINGS = [
        Binding("escape", "app.go_back", "Voltar", id="article_back"),
        Binding("t", "toggle_contents", "Sumário", id="contents"),
        Binding("a", "first_action", "Formulário", id="first_action"),
    ]
    """esc goes back, t shows/focuses the contents, a opens the article's main form."""

    narrow: reactive[bool] = reactive(False)
    """True when the terminal is too narrow to show the sidebar beside the text."""

    def __init__(self) -> None:
        super().__init__()
        self.article_id = ""
        self._recent_bodies: list[str] = []

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

    @property
    def body(self) -> ArticleBody:
        """The text of the article shown."""
        return self.query_one(f"#{_body_id(self.article_id)}", ArticleBody)

    def compose(self) -> ComposeResult:
        """Breadcrumbs, the texts (one visible), and the sidebar."""
        yield Header()
        yield NavBar(id="crumbs")
        with Horizontal(id="article-layout"):
            yield ContentSwitcher(id="bodies")
            with VerticalScroll(id="sidebar"):
                toc = OptionList(id="toc")
                toc.border_title = "Nesta página"
                yield toc
                actions = OptionList(id="article-actions")
                actions.border_title = "Resolver agora"
                yield actions
                related = OptionList(id="related")
                related.border_title = "Relacionados"
                yield related
        yield Footer()

    def on_resize(self) -> None:
        """Fold the sidebar away on narrow terminals."""
        self.narrow = self.size.width < NARROW_WIDTH

    def watch_narrow(self, narrow: bool) -> None:
        """Toggle the CSS class that hides the sidebar."""
        self.set_class(narrow, "-narrow")
        if not narrow:
            self.remove_class("-show-sidebar")

    async def show_location(self, location: Location) -> None:
        """Show the location's article, scrolled to its heading (or where the reader left it)."""
        article = self.helpdesk.catalog.get(location.target)
        if article is None:
            self.notify(f"Artigo não encontrado: {location.target}", severity="error", markup=False)
            return
        if article.id != self.article_id:
            await self._show_article(article)
        self.query_one(NavBar).refresh_bar()
        body = self.body
        if location.anchor and not body.goto_heading(location.anchor):
            self.notify(
                f"Seção não encontrada: #{location.anchor}", severity="warning", markup=False
            )
        body.focus()

    async def _show_article(self, article: Article) -> None:
        """Swap the visible text (mounting it the first time) and rebuild the sidebar."""
        switcher = self.query_one("#bodies", ContentSwitcher)
        body_id = _body_id(article.id)
        if body_id in self._recent_bodies:
            self._recent_bodies.remove(body_id)
        else:
            await switcher.mount(ArticleBody(article, id=body_id))
        self._recent_bodies.append(body_id)
        self.article_id = article.id
        switcher.current = body_id
        while len(self._recent_bodies) > BODY_CACHE:
            await switcher.query_one(f"#{self._recent_bodies.pop(0)}").remove()
        self.query_one(NavBar).crumbs = (
            article.category_title,
            article.section_title,
            article.title,
        )
        self._fill_sidebar(article)

    def _fill_sidebar(self, article: Article) -> None:
        """Contents, forms and related articles of ``article``."""
        toc = self.query_one("#toc", OptionList)
        toc.clear_options()
        toc.add_options(
            Option(Text(("  " * (h.level - 2)) + h.title), id=f"h:{h.anchor}")
            for h in article.headings
            if h.level >= 2
        )
        actions = self.query_one("#article-actions", OptionList)
        actions.clear_options()
        actions.add_options(
            Option(Text(KINDS[kind].title), id=f"form:{kind}")
            for kind in article.actions
            if kind in KINDS
        )
        actions.display = actions.option_count > 0
        related = self.query_one("#related", OptionList)
        related.clear_options()
        catalog = self.helpdesk.catalog
        related.add_options(
            Option(Text(other.title), id=f"article:{other.id}")
            for other in (catalog.get(i) for i in article.related)
            if other is not None
        )
        related.display = related.option_count > 0

    def action_toggle_contents(self) -> None:
        """Show the contents (and on a narrow screen the whole sidebar), focused."""
        if self.narrow:
            self.toggle_class("-show-sidebar")
        toc = self.query_one("#toc", OptionList)
        if toc.has_focus and not self.narrow:
            self.body.focus()
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
        body = self.body
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
                self.body.goto_heading(target.anchor)
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
