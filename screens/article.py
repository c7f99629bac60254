"""An article: its text with callouts, contents, breadcrumbs, related articles and forms."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import OptionList

from helpdesk.catalog import Article, ArticleLink, BrokenLink, ExternalLink, FormLink
from helpdesk.history import Location
from helpdesk.request_kinds import KINDS
from screens.helpdesk_mixin import HelpdeskAware
from screens.textual_hooks import FixedTitleHeader, QuietFooter, StyledOnceScreen
from screens.widgets.article_pane import ArticleBody, ArticlePane
from screens.widgets.article_text import LinkClicked
from screens.widgets.nav_bar import NavBar

NARROW_WIDTH = 100
"""Below this many columns the sidebar folds away (``t`` shows it)."""

SCROLL_KEY = "scroll_y"
"""History parameter holding the line the reader was at when leaving the article."""


class ArticleScreen(HelpdeskAware, StyledOnceScreen):
    """One article: breadcrumbs, its text beside its sidebar, and the keys that act on it.

    The app keeps the screens of the articles read last, so going back to one shows it as it
    was left, without laying it out or drawing it again.
    """

    BINDINGS = [
        Binding("escape", "app.go_back", "Voltar", id="article_back"),
        Binding("t", "toggle_contents", "Sumário", id="contents"),
        Binding("a", "first_action", "Formulário", id="first_action"),
    ]
    """esc goes back, t shows/focuses the contents, a opens the article's main form."""

    AUTO_FOCUS = ".article-body"
    """The text has focus from the start, so the first layout is already the right one."""

    narrow: reactive[bool] = reactive(False)
    """True when the terminal is too narrow to show the sidebar beside the text."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.article_id = article.id

    @property
    def pane(self) -> ArticlePane:
        """The article's text and sidebar."""
        return self.query_one(ArticlePane)

    @property
    def body(self) -> ArticleBody:
        """The article's text."""
        return self.pane.body

    def compose(self) -> ComposeResult:
        """Header, breadcrumbs, the text with its sidebar, footer."""
        article = self.article
        yield FixedTitleHeader()
        crumbs = NavBar(id="crumbs")
        crumbs.crumbs = (article.category_title, article.section_title, article.title)
        yield crumbs
        yield ArticlePane(article, self.helpdesk.catalog)
        yield QuietFooter()

    def on_resize(self) -> None:
        """Fold the sidebar away on narrow terminals."""
        self.narrow = self.size.width < NARROW_WIDTH

    def watch_narrow(self, narrow: bool) -> None:
        """Toggle the CSS class that hides the sidebar."""
        self.set_class(narrow, "-narrow")
        if not narrow:
            self.remove_class("-show-sidebar")

    def show_location(self, location: Location) -> None:
        """Scroll to where the reader left the text (coming back), else to the location's
        heading."""
        self.query_one(NavBar).refresh_bar()
        body = self.body
        left_at = location.params.get(SCROLL_KEY)
        if left_at is not None:
            body.scroll_to(y=int(left_at), animate=False, immediate=True)
        elif location.anchor and not body.goto_heading(location.anchor):
            self.notify(
                f"Seção não encontrada: #{location.anchor}", severity="warning", markup=False
            )
        if not body.has_focus:
            body.focus()

    def place(self, location: Location) -> Location:
        """``location`` (this article's entry in the history) with the line the reader is at."""
        if location.target != self.article_id:
            return location
        return replace(location, params={**location.params, SCROLL_KEY: int(self.body.scroll_y)})

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
        self.helpdesk.history.replace(Location("article", self.article_id, anchor))
        body.focus()
        if self.narrow and self.has_class("-show-sidebar"):
            # The folded sidebar takes width from the text while shown: hide it, let the text
            # reflow, and only then scroll, or the heading ends up a few lines off.
            body.goto_heading_after_resize(anchor)
            self.remove_class("-show-sidebar")
        else:
            body.goto_heading(anchor)

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
                history = self.helpdesk.history
                if history.current is not None:
                    history.replace(self.place(history.current))
                self.body.goto_heading(target.anchor)
                history.visit(Location("article", self.article_id, target.anchor))
            else:
                self.helpdesk.open_article(target.id, target.anchor or "")
        elif isinstance(target, FormLink):
            self.helpdesk.open_form(target.kind, target.params)
        elif isinstance(target, ExternalLink):
            self.app.open_url(target.url)
            self.notify(target.url, title="Abrindo fora do aplicativo", markup=False)
        elif isinstance(target, BrokenLink):
            self.notify(target.reason, title="Link quebrado", severity="warning", markup=False)
