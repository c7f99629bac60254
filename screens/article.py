"""An article: rendered Markdown with callouts, contents, breadcrumbs, related articles, actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, OptionList

from helpdesk.catalog import Article, ArticleLink, BrokenLink, ExternalLink, FormLink
from helpdesk.history import Location
from helpdesk.request_kinds import KINDS
from screens.widgets.article_pane import ArticleBody, ArticlePane
from screens.widgets.article_text import LinkClicked
from screens.widgets.nav_bar import NavBar
from screens.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:
    from screens.app import HelpdeskApp

NARROW_WIDTH = 100
"""Below this many columns the sidebar folds away (``t`` shows it)."""


PANE_CACHE = 16
"""Article panes kept mounted (hidden) so that reopening one only has to show it again."""


def _pane_id(article_id: str) -> str:
    """The DOM id of an article's pane inside the switcher."""
    return f"pane-{article_id}"


class ArticleScreen(Screen[None]):
    """Shows any article: one screen for all of them, so moving between articles keeps the
    header and footer in place and only swaps the pane (kept mounted once seen)."""

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
        self._recent_panes: list[str] = []

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
    def pane(self) -> ArticlePane:
        """The pane of the article shown."""
        return self.query_one(f"#{_pane_id(self.article_id)}", ArticlePane)

    @property
    def body(self) -> ArticleBody:
        """The text of the article shown."""
        return self.pane.body

    def compose(self) -> ComposeResult:
        """Breadcrumbs, the texts (one visible), and the sidebar."""
        yield Header()
        yield NavBar(id="crumbs")
        yield ContentSwitcher(id="bodies")
        yield QuietFooter()

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
        """Swap the visible pane, mounting it the first time."""
        switcher = self.query_one("#bodies", ContentSwitcher)
        pane_id = _pane_id(article.id)
        if pane_id in self._recent_panes:
            self._recent_panes.remove(pane_id)
        else:
            await switcher.mount(ArticlePane(article, self.helpdesk.catalog, id=pane_id))
        self._recent_panes.append(pane_id)
        self.article_id = article.id
        switcher.current = pane_id
        while len(self._recent_panes) > PANE_CACHE:
            await switcher.query_one(f"#{self._recent_panes.pop(0)}").remove()
        self.query_one(NavBar).crumbs = (
            article.category_title,
            article.section_title,
            article.title,
        )

    def action_toggle_contents(self) -> None:
        """Show the contents (and on a narrow screen the whole sidebar), focused."""
        if self.narrow:
            self.toggle_class("-show-sidebar")
        toc = self.pane.toc
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

    @on(OptionList.OptionSelected, ".toc")
    def jump_to_heading(self, event: OptionList.OptionSelected) -> None:
        """Jump to the chosen heading and remember it in the history."""
        anchor = (event.option.id or "").removeprefix("h:")
        body = self.body
        body.goto_heading(anchor)
        self.helpdesk.history.replace(Location("article", self.article_id, anchor))
        if self.narrow:
            self.remove_class("-show-sidebar")
        body.focus()

    @on(OptionList.OptionSelected, ".article-actions, .related")
    def open_linked(self, event: OptionList.OptionSelected) -> None:
        """Open a related article or a form."""
        kind, _, value = (event.option.id or "").partition(":")
        if kind == "form":
            self.helpdesk.open_form(value, {})
        else:
            self.helpdesk.open_article(value)

    @on(LinkClicked)
    def follow(self, event: LinkClicked) -> None:
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
