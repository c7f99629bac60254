"""Home: the articles by category and section, the self-service actions, and what was seen lately."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.request_kinds import KINDS
from screens.helpdesk_mixin import HelpdeskAware
from screens.textual_hooks import (
    FixedTitleHeader,
    KeptLinesOptionList,
    QuietFooter,
    StyledOnceScreen,
)
from screens.widgets.deadline_banner import DeadlineBanner
from screens.widgets.entry_prompts import KeyedEntry, indented

ACTION_KEYS = {kind_id: str(number) for number, kind_id in enumerate(KINDS, start=1)}
"""Digit keys that open each form from the home screen."""


class HomeScreen(HelpdeskAware, StyledOnceScreen):
    """Where every visit starts: read an article, start a request, or follow up on one."""

    BINDINGS = [
        *(
            Binding(key, f"app.form('{kind_id}')", KINDS[kind_id].title, show=False, priority=True)
            for kind_id, key in ACTION_KEYS.items()
        ),
        Binding("s", "app.requests", "Solicitações", id="requests", priority=True),
        Binding("l", "app.lote", "Meu lote", id="lote", priority=True),
        Binding("slash", "app.search", "Buscar", id="search", priority=True),
    ]
    """Digits 1–6 open the forms; ``s`` and ``l`` the follow-up screens; ``/`` the search.

    Priority bindings: the home screen has no text field, and a priority key acts while the app
    dispatches it, so the keys typed right behind it are routed to the screen it opens (see
    ``screens.type_ahead``) instead of to the home list, which would drop them."""

    def compose(self) -> ComposeResult:
        """Greeting, search hint, articles on the left, actions and recent on the right."""
        yield FixedTitleHeader()
        with Vertical(id="home"):
            yield Static(
                Text.assemble(
                    ("Como podemos ajudar? ", "bold"),
                    "Digite ",
                    ("/", "bold reverse"),
                    " para buscar do seu jeito (ex.: “quero meu dinheiro de volta”).",
                ),
                id="greeting",
            )
            yield DeadlineBanner()
            with Horizontal(id="home-columns"):
                articles = KeptLinesOptionList(*self._article_options(), id="articles")
                articles.border_title = "Artigos do Plano Exclusivo"
                yield articles
                with Vertical(id="home-side"):
                    actions = KeptLinesOptionList(*self._action_options(), id="actions")
                    actions.border_title = "Autoatendimento"
                    yield actions
                    recent = KeptLinesOptionList(id="recent")
                    recent.border_title = "Vistos recentemente"
                    yield recent
        yield QuietFooter()

    def _article_options(self) -> list[Option | None]:
        """Categories and sections as headings, articles as choices."""
        options: list[Option | None] = []
        for category in self.helpdesk.catalog.categories():
            if options:
                options.append(None)
            options.append(Option(Text(category.title.upper(), style="bold"), disabled=True))
            for section in category.sections:
                options.append(Option(Text(f" {section.title}", style="italic"), disabled=True))
                for article in section.articles:
                    # Indented, not leading spaces: a title that wraps keeps its indent.
                    title = indented(article.title, 3)
                    options.append(Option(title, id=f"article:{article.id}"))
        if not options:
            options.append(Option("Nenhum artigo disponível.", disabled=True))
        return options

    @staticmethod
    def _action_options() -> list[Option | None]:
        """The six forms, then the follow-up screens."""
        options: list[Option | None] = [
            Option(KeyedEntry(ACTION_KEYS[k.id], k.title), id=f"form:{k.id}")
            for k in KINDS.values()
        ]
        options.append(None)
        options.append(Option(KeyedEntry("s", "Minhas solicitações"), id="requests"))
        options.append(Option(KeyedEntry("l", "Meu lote"), id="lote"))
        return options

    def on_screen_resume(self) -> None:
        """Refresh the deadline banner and the recently viewed list each time home is shown.

        At start-up the banner waits for the app's preparation (``HelpdeskApp._warm_up``), which
        opens the data file once home is painted: reading the lote in a thread while home was
        being built slowed its first frames.
        """
        if self.helpdesk.warmed_up.is_set():
            self.check_deadlines()
        catalog = self.helpdesk.catalog
        seen = (catalog.get(article_id) for article_id in self.helpdesk.preferences.recent)
        options = [Option(Text(a.title), id=f"article:{a.id}") for a in seen if a is not None]
        if not options:
            options.append(
                Option(Text("Os artigos que você abrir aparecem aqui.", style="dim"), disabled=True)
            )
        # All at once: each option added alone measured and redrew the whole list again.
        self.query_one("#recent", OptionList).set_options(options)

    def check_deadlines(self) -> None:
        """Look again for near notice deadlines in the lote."""
        self.query_one(DeadlineBanner).check()

    @on(OptionList.OptionSelected)
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        """Open what was chosen in any of the lists."""
        target = event.option.id or ""
        kind, _, value = target.partition(":")
        if kind == "article":
            self.helpdesk.open_article(value)
        elif kind == "form":
            self.helpdesk.open_form(value)
        elif kind == "requests":
            self.helpdesk.action_requests()
        elif kind == "lote":
            self.helpdesk.action_lote()
