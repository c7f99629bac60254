"""The Textual app: wiring, global keys, navigation with history, and the services screens share."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen

from helpdesk.catalog import Catalog, load_catalog
from helpdesk.clock import Clock, system_clock
from helpdesk.history import ARTICLE, FORM, HOME, LOTE, REQUESTS, SEARCH, History, Location
from helpdesk.paths import resolve_db_path
from helpdesk.preferences import Preferences
from screens.textual_hooks import (
    ReleasingScreensApp,
    StartupCollections,
    StyledOnMountApp,
    prepare_styles,
    release_removed_widgets,
    start_in_theme,
)
from screens.themes import DARK, LIGHT, THEMES, ThemeChoices, chosen_theme

if TYPE_CHECKING:
    from textual.command import Provider

    from store.interface import Store


WARM_UP_DELAY = 0.3
"""Seconds after home is first painted before the preparation starts (less than it takes a
person to read home and press a key)."""

ARTICLE_SCREENS = 12
"""Article screens kept installed, most recently read last."""


def _helpdesk_commands() -> type[Provider]:
    """The palette's articles, forms and actions, imported when the palette first opens."""
    from screens.palette import HelpdeskCommands

    return HelpdeskCommands


def _traceback_without_locals_class() -> type:
    """A rich ``Traceback`` that never shows local variables, whatever it is asked."""
    from rich.traceback import Traceback

    class TracebackWithoutLocals(Traceback):
        """Locals off: a crash report must not print client data held in variables."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["show_locals"] = False
            super().__init__(*args, **kwargs)

    return TracebackWithoutLocals


class HelpdeskApp(StyledOnMountApp, ReleasingScreensApp, App[None]):
    """Central do Parceiro: help articles, self-service forms, requests and the lote."""

    CSS_PATH = "app.tcss"
    TITLE = "Central do Parceiro"
    SUB_TITLE = "Plano Exclusivo · Conta Azul Mais"
    COMMANDS = App.COMMANDS | {_helpdesk_commands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("f1", "help", "Ajuda", id="help"),
        Binding("question_mark", "help", "Ajuda", show=False, id="help_alt"),
        Binding("slash", "search", "Buscar", id="search"),
        # ctrl+f searches from inside text boxes too; screens with boxes list it in F1 and their
        # footer, so here it has no description of its own.
        Binding("ctrl+f", "search", "", show=False, id="search_anywhere"),
        Binding("alt+left", "go_back", "Voltar", show=False, id="back"),
        Binding("alt+right", "go_forward", "Avançar", show=False, id="forward"),
        Binding("ctrl+g", "home", "Início", show=False, id="home"),
        Binding("ctrl+q", "quit", "Sair", show=False, id="quit"),
        Binding("ctrl+p", "command_palette", "Comandos", show=False, priority=True, id="palette"),
    ]
    """Keys that work on every screen; each screen adds its own."""

    def __init__(
        self,
        db_path: Path | None = None,
        clock: Clock = system_clock,
        catalog: Catalog | None = None,
        open_store: Callable[[], Store] | None = None,
    ) -> None:
        super().__init__()
        self.db_path = db_path or resolve_db_path()
        self._open_store = open_store
        """Opens the store when it is not the data file at ``db_path`` (a server, from compose)."""
        self.clock = clock
        self._catalog = catalog
        self.history = History()
        self.preferences = Preferences(self.db_path.parent)
        self._started = False
        self._database: Store | None = None
        self._database_lock = threading.Lock()
        self._article_screens: list[str] = []
        self._collections = StartupCollections()
        self.warmed_up = threading.Event()
        """Set once the background preparation after start-up is done."""
        for theme in THEMES.values():
            self.register_theme(theme)
        start_in_theme(self, chosen_theme(self.preferences.theme))

    @property
    def catalog(self) -> Catalog:
        """The help articles (loaded on first use)."""
        if self._catalog is None:
            self._catalog = load_catalog()
        return self._catalog

    @property
    def database(self) -> Store:
        """The request store, opened on first use (never at import time); thread-safe."""
        with self._database_lock:
            if self._database is None:
                if self._open_store is not None:
                    self._database = self._open_store()
                else:
                    from store.interface import open_data_file

                    self._database = open_data_file(self.db_path)
            return self._database

    def close_database(self) -> None:
        """Close the store's files or connections (the app is done with them)."""
        with self._database_lock:
            if self._database is not None:
                self._database.close()
                self._database = None

    def _warm_up(self) -> None:
        """Prepare off the UI thread, once the home screen is up, what the next steps need.

        The data file is opened (then home looks for near deadlines) and every article's text
        is parsed into blocks.
        """
        try:
            self._warm_store()
            self.call_from_thread(self._check_home_deadlines)
            from screens.widgets.article_blocks import article_blocks

            for article in self.catalog.articles.values():
                article_blocks(article.body)
            self._collections.settle()
        finally:
            self.warmed_up.set()

    def _prepare_form_styles(self) -> None:
        """Parse the forms' CSS now: the first form opened then finds it ready."""
        from screens.forms import FORM_WIDGETS, FormScreen

        prepare_styles(self, FormScreen, FORM_WIDGETS)

    def _check_home_deadlines(self) -> None:
        """Let home look for near deadlines now that the data file is open (not during start-up)."""
        from screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.check_deadlines()

    def _start_warm_up(self) -> None:
        """Prepare the forms' CSS (it belongs to the UI thread), then the rest in a thread."""
        self._prepare_form_styles()
        self.run_worker(self._warm_up, thread=True, group="warm", exit_on_error=False)

    def _warm_store(self) -> None:
        """Open the data file and read the requests once, off the UI thread, after start-up.

        The first visit to Minhas solicitações or Meu lote then finds the file open and its
        summaries decoded; and a damaged file is reported at once, not in the middle of a form.
        """
        from store.errors import StoreError

        try:
            self.database.requests.list()
        except StoreError as error:
            # notify is thread-safe; call_from_thread would wait on the event loop, and hang
            # this thread if the app is already closing.
            self.notify(
                str(error),
                title="Arquivo de dados",
                severity="error",
                timeout=30,
                markup=False,
            )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's built-in entries, in Portuguese."""
        yield SystemCommand(
            "Trocar tema", "Escolha um tema (claro ou escuro)", self.action_change_theme
        )
        yield SystemCommand(
            "Alternar claro/escuro", "Inverte o tema atual", self.action_toggle_dark
        )
        yield SystemCommand("Ajuda", "Teclas desta tela", self.action_help)
        yield SystemCommand("Sair", "Fecha o aplicativo", self.action_quit)

    def action_command_palette(self) -> None:
        """Open the command palette with a Portuguese prompt."""
        if not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CommandPalette(placeholder="Busque artigos, formulários e comandos…"))

    def action_toggle_dark(self) -> None:
        """Switch between the app's light and dark themes."""
        self.theme = LIGHT if self.current_theme.dark else DARK

    def action_change_theme(self) -> None:
        """Pick one of the app's own themes (not Textual's developer themes), in Portuguese."""
        self.push_screen(CommandPalette(providers=[ThemeChoices], placeholder="Escolha um tema…"))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in text boxes): say which key does, in Portuguese."""
        self.notify(
            "Para sair, use ctrl+q. Em uma caixa de texto, ctrl+c copia o texto selecionado.",
            title="Quer sair do aplicativo?",
            markup=False,
        )

    def _fatal_error(self) -> None:
        """Textual's crash report, without local variables: they may hold client data.

        Textual renders the report with ``show_locals=True`` and offers no option; its
        ``Traceback`` is looked up at call time, so a variant that forces locals off is put in
        its place for the duration of the call.
        """
        import rich.traceback

        original = rich.traceback.Traceback
        rich.traceback.Traceback = _traceback_without_locals_class()  # type: ignore[misc,assignment]
        try:
            super()._fatal_error()
        finally:
            rich.traceback.Traceback = original  # type: ignore[misc]

    def on_mount(self) -> None:
        """Open the home screen and report articles that could not be loaded."""
        self._started = True
        self._collections.hold()
        self.navigate(Location(HOME))
        self.call_after_refresh(self._collections.resume)
        # The preparation waits until home is painted and settled: started at once, its thread
        # took turns with the first frames (one interpreter lock) and delayed them.
        self.call_after_refresh(self.set_timer, WARM_UP_DELAY, self._start_warm_up)
        for warning in self.catalog.warnings:
            self.notify(warning, title="Artigo ignorado", severity="warning", markup=False)

    def on_unmount(self) -> None:
        """Collections run again as the app closes (in case it closed before home was painted)."""
        self._collections.resume()

    def watch_theme(self, theme: str) -> None:
        """Remember the theme the person picked."""
        if self._started and theme != self.preferences.theme:
            self.preferences.set_theme(theme)

    # Navigation -----------------------------------------------------------------------------

    def navigate(self, location: Location, *, record: bool = True) -> None:
        """Show ``location``, asking first if the current screen has unsaved work."""
        self._leave_then(lambda: self._show(location, record=record))

    def open_article(self, article_id: str, anchor: str = "") -> None:
        """Open an article (optionally at a heading)."""
        self.navigate(Location(ARTICLE, article_id, anchor))

    def open_form(self, kind: str, params: dict[str, str] | None = None) -> None:
        """Open a self-service form, pre-filled with ``params``."""
        self.navigate(Location(FORM, kind, params=dict(params or {})))

    def _leave_then(
        self, proceed: Callable[[], None], on_stay: Callable[[], None] | None = None
    ) -> None:
        """Run ``proceed`` once the current screen agrees to be left."""
        guard = getattr(self.screen, "confirm_leave", None)
        if guard is None:
            proceed()
            return

        def decided(leave: bool | None) -> None:
            if leave:
                proceed()
            elif on_stay is not None:
                on_stay()

        guard(decided)

    def _show(self, location: Location, *, record: bool) -> None:
        """Switch to the screen for ``location`` (closing any dialog left on top)."""
        while isinstance(self.screen, ModalScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        if location.kind == ARTICLE and self.catalog.get(location.target) is None:
            self.notify(f"Artigo não encontrado: {location.target}", severity="error", markup=False)
            return
        if record:
            self._remember_place()
            self.history.visit(location)
        screen = self._screen_for(location)
        if screen is not self.screen:
            if len(self.screen_stack) <= 1:
                self.push_screen(screen)
            else:
                self.switch_screen(screen)
        show = getattr(screen, "show_location", None)
        if show is not None:
            self.call_after_refresh(show, location)

    def _remember_place(self) -> None:
        """Note in the history where the reader is in the article being left, for coming back."""
        current = self.history.current
        place = getattr(self.screen, "place", None)
        if current is not None and current.kind == ARTICLE and place is not None:
            self.history.replace(place(current))

    def _screen_for(self, location: Location) -> Screen[Any]:
        """The screen that shows ``location`` (article screens are cached)."""
        if location.kind == HOME:
            if not self.is_screen_installed("home"):
                from screens.home import HomeScreen

                self.install_screen(HomeScreen(), "home")
            return self.get_screen("home")
        if location.kind == ARTICLE:
            return self._article_screen(location.target)
        if location.kind == SEARCH:
            if not self.is_screen_installed("search"):
                from screens.search import SearchScreen

                self.install_screen(SearchScreen(), "search")
            return self.get_screen("search")
        if location.kind == FORM:
            from screens.forms import FormScreen

            return FormScreen(location.target, dict(location.params))
        if location.kind == REQUESTS:
            from screens.requests import RequestsScreen

            return RequestsScreen()
        if location.kind == LOTE:
            from screens.lote import LoteScreen

            return LoteScreen()
        raise ValueError(location.kind)

    def _article_screen(self, article_id: str) -> Screen[Any]:
        """The screen of ``article_id``, kept for the articles read last; noting the visit.

        Showing a kept screen again reuses its layout and drawn lines, which is what makes
        going back to an article instant.
        """
        name = f"article:{article_id}"
        if name in self._article_screens:
            self._article_screens.remove(name)
        else:
            from screens.article import ArticleScreen

            article = self.catalog.get(article_id)
            if article is None:  # _show checks first; kept for other callers
                raise LookupError(article_id)
            self.install_screen(ArticleScreen(article), name)
        self._article_screens.append(name)
        for old in self._article_screens[:-ARTICLE_SCREENS]:
            evicted = self.get_screen(old)
            if evicted not in self.screen_stack:
                self.uninstall_screen(old)
                self._article_screens.remove(old)
                self.call_later(self._discard_screen, evicted)
        self.preferences.remember_article(article_id)
        return self.get_screen(name)

    async def _discard_screen(self, screen: Screen[Any]) -> None:
        """Close an evicted screen's widgets so that its memory can be given back.

        Uninstalling alone leaves a screen that is off the stack running and registered with
        the app, so every article ever read stayed in memory.
        """
        await screen.remove()
        release_removed_widgets(self)

    # Actions --------------------------------------------------------------------------------

    def action_go_back(self) -> None:
        """Go back in history."""
        self._step(forward=False)

    def action_go_forward(self) -> None:
        """Go forward in history."""
        self._step(forward=True)

    def _step(self, *, forward: bool) -> None:
        """Move one step in history, unless the current screen asks to stay."""
        if not (self.history.can_go_forward if forward else self.history.can_go_back):
            self.bell()
            return

        def proceed() -> None:
            self._remember_place()
            target = self.history.forward() if forward else self.history.back()
            if target is not None:
                self._show(target, record=False)

        self._leave_then(proceed)

    def action_home(self) -> None:
        """Go to the home screen."""
        self._started = True
        self.navigate(Location(HOME))

    def action_search(self) -> None:
        """Open the search screen."""
        self.navigate(Location(SEARCH))

    def action_requests(self) -> None:
        """Open Minhas solicitações."""
        self.navigate(Location(REQUESTS))

    def action_lote(self) -> None:
        """Open Meu lote."""
        self.navigate(Location(LOTE))

    def action_form(self, kind: str) -> None:
        """Open a form from a key binding or a command."""
        self.open_form(kind)

    async def action_quit(self) -> None:
        """Quit, asking first if the current screen has unsaved work."""
        self._leave_then(self.exit)

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def create_app(
    db_path: Path | None = None,
    clock: Clock = system_clock,
    catalog: Catalog | None = None,
    open_store: Callable[[], Store] | None = None,
) -> HelpdeskApp:
    """The one factory used by the command line and by the tests."""
    return HelpdeskApp(db_path=db_path, clock=clock, catalog=catalog, open_store=open_store)


def run(db: str | None = None, open_store: Callable[[], Store] | None = None) -> int:
    """Run the app full screen (on the store ``open_store`` opens, if given); exit status."""
    app = create_app(resolve_db_path(db), open_store=open_store)
    try:
        app.run()
    finally:
        app.close_database()
    return 0
