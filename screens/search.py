"""Search: results update on every keystroke, each with where it is and why it matched."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.history import SEARCH, Location
from helpdesk.policy import POLICY
from screens.helpdesk_mixin import HelpdeskAware
from screens.textual_hooks import QuietFooter
from screens.type_ahead import TypeAhead
from screens.wording import counted

if TYPE_CHECKING:
    from helpdesk.search import SearchEngine, SearchResult
    from screens.app import HelpdeskApp

IDLE_HINT = "Escreva do seu jeito; os resultados aparecem enquanto você digita."
"""The status line before anything is typed."""

RESULT_LIMIT = 20
"""Results listed for a query."""
HIGHLIGHT = "bold underline"
"""How matched words stand out in snippets."""

_engines: WeakKeyDictionary[App[Any], SearchEngine] = WeakKeyDictionary()
_engines_lock = threading.Lock()


def search_engine(app: HelpdeskApp) -> SearchEngine:
    """The app's search engine, built on first use; call it from a worker thread."""
    with _engines_lock:
        engine = _engines.get(app)
        if engine is None:
            from helpdesk.search import build_engine

            engine = _engines[app] = build_engine(list(app.catalog.articles.values()))
        return engine


def result_prompt(result: SearchResult) -> Group:
    """Title, where the result is, and the snippet with the matched words highlighted."""
    kind = "artigo" if result.kind == "article" else "formulário"
    title = Text.assemble((result.title, "bold"), (f"  {kind}", "dim italic"))
    where = result.section_title + (f" › {result.heading}" if result.heading else "")
    snippet = Text(result.snippet, style="dim" if not result.highlights else "")
    for start, end in result.highlights:
        snippet.stylize(HIGHLIGHT, start, end)
    return Group(title, Text(where, style="italic"), snippet, Text(""))


class SearchScreen(TypeAhead, HelpdeskAware, Screen[None]):
    """Type what you need in your own words; enter opens the best answer at its section."""

    BINDINGS = [
        Binding("escape", "app.go_back", "Voltar", id="search_back"),
        Binding("down", "focus_results", "Resultados", show=False, id="search_results"),
        Binding("up", "recall", "Busca anterior", show=False, id="search_recall"),
        Binding("ctrl+l", "clear", "Limpar", id="search_clear"),
        # Out of the footer: in the box / is typed; from the results it goes back to the box.
        Binding("slash", "focus_query", "", show=False, id="search_slash"),
    ]
    """esc goes back, ↓ moves into the results, ↑ brings back the last search, ctrl+l starts over,
    / returns to the box."""

    DEFAULT_CSS = """
    SearchScreen #search-input {
        margin: 1 2 0 2;
    }
    SearchScreen #search-status {
        height: 1;
        padding: 0 3;
        color: $text-muted;
    }
    SearchScreen #search-results {
        height: 1fr;
        margin: 0 2;
        border: round $primary 50%;
        background: $surface;
    }
    SearchScreen #search-results:focus {
        border: round $accent;
    }
    """

    @dataclass
    class Answered(Message):
        """Results (possibly none) for a query, computed off the UI thread."""

        query: str
        results: list[SearchResult]
        suggestions: list[str]
        corrections: dict[str, str]

    def __init__(self) -> None:
        super().__init__()
        self.results: list[SearchResult] = []
        self.answered_query: str | None = None
        self.last_query = ""
        """The previous search, one ↑ away in an empty box."""
        self._left_with = ""
        """What the box held when the person last left this screen."""

    def compose(self) -> ComposeResult:
        """Search box, a status line and the results."""
        yield Header()
        yield Input(
            placeholder="O que você procura? Ex.: quero meu dinheiro de volta",
            id="search-input",
        )
        yield Static(IDLE_HINT, id="search-status", markup=False)
        yield OptionList(id="search-results")
        yield QuietFooter()

    def on_mount(self) -> None:
        """Focus the box and warm the engine up while the person starts typing."""
        self.query_one("#search-input", Input).focus()
        self.warm_up()

    def show_location(self, location: Location) -> None:
        """Fill in the query kept in the history (coming back to a search); a new search starts
        empty, the previous one kept for ↑."""
        query = str(location.params.get("query", ""))
        box = self.query_one("#search-input", Input)
        left_with = self._left_with
        if left_with.strip():
            self.last_query = left_with
        if not query and box.value.startswith(left_with):
            # A new search: keep only what was typed since arriving (keys typed right behind
            # the ``/`` that opened this screen land in the box before this runs).
            query = box.value[len(left_with) :]
        if box.value != query:
            box.value = query
        box.cursor_position = len(query)
        box.focus()

    def on_screen_suspend(self) -> None:
        """Note what the box holds on leaving: coming back to a new search starts from it."""
        self._left_with = self.query_one("#search-input", Input).value

    @work(thread=True, exclusive=True, group="search-warm-up")
    def warm_up(self) -> None:
        """Build the index in a thread so the first keystroke does not wait for it."""
        search_engine(self.helpdesk)

    @on(Input.Changed, "#search-input")
    def query_changed(self, event: Input.Changed) -> None:
        """Search again on every keystroke (in a worker; the newest query wins)."""
        if not event.value.strip():
            self.answered_query = None
            self.results = []
            self.query_one("#search-status", Static).update(IDLE_HINT)
            self.query_one("#search-results", OptionList).clear_options()
            return
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        """Compute the results off the UI thread and post them."""
        engine = search_engine(self.helpdesk)
        results = engine.search(query, limit=RESULT_LIMIT)
        suggestions = [] if results else engine.suggestions(query)
        corrections = engine.shown_corrections(query) if results else {}
        self.post_message(self.Answered(query, results, suggestions, corrections))

    @on(Answered)
    def show_results(self, message: Answered) -> None:
        """Show the newest answer (an older one arriving late is dropped)."""
        if message.query != self.query_one("#search-input", Input).value:
            return
        self.answered_query = message.query
        self.results = message.results
        status = self.query_one("#search-status", Static)
        listing = self.query_one("#search-results", OptionList)
        listing.clear_options()
        if not message.results:
            status.update(
                Text(f"Não encontramos nada para “{message.query.strip()}”. Veja as opções abaixo.")
            )
            listing.add_options(self._no_results_options(message.suggestions))
            return
        count = len(message.results)
        found = counted(count, "resultado", "resultados")
        # The words the search read as others, as the CLI prints them: a partner who typed
        # "recisao" sees why the results speak of "rescisão".
        also = ", ".join(f"{typed} → {known}" for typed, known in message.corrections.items())
        also_line = f" · buscando também por: {also}" if also else ""
        status.update(Text(f"{found}{also_line} · enter abre o primeiro"))
        listing.add_options(
            Option(result_prompt(result), id=f"result:{number}")
            for number, result in enumerate(message.results)
        )
        listing.highlighted = 0

    def _no_results_options(self, suggestions: list[str]) -> list[Option | None]:
        """Close words to try, the forms, and the support channels."""
        from helpdesk.search import load_actions

        options: list[Option | None] = []
        if suggestions:
            options.append(Option(Text("Você quis dizer:", style="bold"), disabled=True))
            options += [Option(f"  {word}", id=f"suggest:{word}") for word in suggestions]
            options.append(None)
        options.append(Option(Text("Pedir direto:", style="bold"), disabled=True))
        options += [
            Option(f"  {action.title}", id=f"form:{action.id}") for action in load_actions()
        ]
        options.append(None)
        channels = POLICY.channels
        options.append(Option(Text("Falar com o suporte:", style="bold"), disabled=True))
        options.append(Option(f"  WhatsApp {channels.whatsapp_display}", disabled=True))
        options.append(Option(f"  E-mail (Conta PJ) {channels.conta_pj_email}", disabled=True))
        return options

    @on(Input.Submitted, "#search-input")
    def open_first(self, event: Input.Submitted) -> None:
        """Enter in the box opens the best result, or remembers a search that found nothing."""
        if self.answered_query != event.value:
            return  # the answer for what is typed has not arrived yet
        if self.results:
            self._open(self.results[0])
        elif event.value.strip():
            self.remember_miss(event.value)
            self.notify("Busca registrada para melhorarmos os artigos.", markup=False)

    @on(OptionList.OptionSelected, "#search-results")
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen result, form, or try the suggested word."""
        option_id = event.option.id or ""
        kind, _, value = option_id.partition(":")
        if kind == "result":
            self._open(self.results[int(value)])
        elif kind == "form":
            self.helpdesk.open_form(value)
        elif kind == "suggest":
            box = self.query_one("#search-input", Input)
            box.value = value
            box.focus()

    def _open(self, result: SearchResult) -> None:
        """Keep the query in the history (so back returns to it) and open the result."""
        query = self.query_one("#search-input", Input).value
        self.helpdesk.history.replace(Location(SEARCH, params={"query": query}))
        if result.kind == "action":
            self.helpdesk.open_form(result.id)
        else:
            self.helpdesk.open_article(result.id, result.anchor or "")

    @work(thread=True, group="search-miss")
    def remember_miss(self, query: str) -> None:
        """Count the failed search in the data file (documents masked), off the UI thread."""
        from helpdesk.search.misses import clean_query

        self.helpdesk.database.misses.add(clean_query(query), self.helpdesk.clock())

    def action_focus_results(self) -> None:
        """Move from the box to the results."""
        listing = self.query_one("#search-results", OptionList)
        if listing.option_count:
            listing.focus()

    def action_recall(self) -> None:
        """In the box, bring back the previous search (the box's text is kept for the next ↑)."""
        box = self.query_one("#search-input", Input)
        if not box.has_focus or not self.last_query or box.value == self.last_query:
            return
        previous = self.last_query
        if box.value.strip():
            self.last_query = box.value
        box.value = previous
        box.cursor_position = len(previous)

    def action_focus_query(self) -> None:
        """Put the cursor back in the search box."""
        self.query_one("#search-input", Input).focus()

    def action_clear(self) -> None:
        """Empty the box and the results."""
        box = self.query_one("#search-input", Input)
        box.value = ""
        box.focus()
