"""The home screen's warning: licenses whose notice deadline is near, nearest first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from helpdesk.documents import format_date
from helpdesk.history import LOTE, Location
from helpdesk.licenses import Deadline, License
from helpdesk.preferences import DEADLINE_WINDOWS
from screens.helpdesk_mixin import HelpdeskAware
from screens.wording import counted

SHOWN = 3
"""Licenses named in the banner; the count says how many in all."""

DUE_TARGET = "prazos"
"""Meu lote's view of the licenses with a near notice deadline (see ``screens.lote``)."""


def banner_text(pairs: Sequence[tuple[License, Deadline]], window: int, today: date) -> Content:
    """``2 licenças com prazo para pedir o cancelamento nos próximos 30 dias`` and the nearest."""
    head = (
        f"▲ {counted(len(pairs), 'licença', 'licenças')} com prazo para pedir o cancelamento "
        f"nos próximos {window} dias"
    )
    nearest = []
    for lic, deadline in pairs[:SHOWN]:
        days = deadline.days_left(today)
        when = "hoje" if days == 0 else "amanhã" if days == 1 else f"em {days} dias"
        nearest.append(f"{lic.support_id} até {format_date(deadline.when)} ({when})")
    more = f" e mais {len(pairs) - SHOWN}" if len(pairs) > SHOWN else ""
    return Content.assemble(
        (head, "bold $text-warning"),
        "\n",
        ", ".join(nearest) + more,
        " · ",
        ("enter", "bold"),
        " abre Meu lote com ela" if len(pairs) == 1 else " abre Meu lote com elas",
    )


class DeadlineBanner(HelpdeskAware, Static, can_focus=True):
    """Shown only when a notice deadline falls within the chosen window; enter opens them."""

    DEFAULT_CSS = """
    DeadlineBanner {
        height: auto;
        margin: 1 1 0 1;
        padding: 0 1;
        border: round $warning;
    }
    DeadlineBanner:focus {
        border: thick $warning;
        background: $warning 10%;
    }
    """
    BINDINGS = [Binding("enter", "open", "Ver prazos", id="banner_open")]
    """enter opens Meu lote filtered to the licenses due."""

    def __init__(self) -> None:
        super().__init__(id="deadline-banner")
        self.due: list[tuple[License, Deadline]] = []
        self.window = DEADLINE_WINDOWS[0]
        self._shown_once = False
        # Hidden and out of the focus chain until something is due: the home screen's first
        # focus must land on the articles as before.
        self.display = False
        self.can_focus = False

    def check(self) -> None:
        """Look for near deadlines off the UI thread (the lote may hold thousands)."""
        self.run_worker(self._find_due, thread=True, exclusive=True, group="deadline-banner")

    def _find_due(self) -> None:
        """Worker: read the lote and post the result to the UI thread."""
        from store.errors import StoreError

        app = self.helpdesk
        window = app.preferences.deadline_window
        today = app.clock().date()
        try:
            pairs = app.database.licenses.deadlines(today, window, action="cancel")
        except StoreError:
            pairs = []  # the app already reports an unreadable data file at start-up
        # A message, not call_from_thread: that one waits for the UI thread, which never answers
        # if the app is closing meanwhile.
        self.post_message(self.Found(pairs, window, today))

    @dataclass
    class Found(Message):
        """The worker's result: the licenses due within ``window`` days of ``today``."""

        pairs: list[tuple[License, Deadline]]
        window: int
        today: date

    def on_deadline_banner_found(self, message: Found) -> None:
        """Show the banner (or hide it when nothing is due); focus it the first time it shows."""
        pairs, window, today = message.pairs, message.window, message.today
        self.due, self.window = pairs, window
        self.display = self.can_focus = bool(pairs)
        if not pairs:
            return
        self.update(banner_text(pairs, window, today))
        if not self._shown_once:
            self._shown_once = True
            self.focus()

    def action_open(self) -> None:
        """Meu lote, showing only the licenses due."""
        self.helpdesk.navigate(Location(LOTE, DUE_TARGET, params={"dias": str(self.window)}))

    def on_click(self, event: events.Click) -> None:
        """A click opens them too."""
        event.stop()
        self.action_open()


def choose_deadline_window(app: object) -> None:
    """Ask how many days ahead the home screen warns (a palette command)."""
    from screens.app import HelpdeskApp
    from screens.dialogs import ChoiceDialog

    assert isinstance(app, HelpdeskApp)
    current = app.preferences.deadline_window
    options = [(str(days), f"{days} dias") for days in DEADLINE_WINDOWS]
    highlighted = DEADLINE_WINDOWS.index(current) if current in DEADLINE_WINDOWS else 0
    dialog = ChoiceDialog(
        "Aviso de prazos na tela inicial",
        "Avisar na tela inicial quando o prazo para pedir o cancelamento de uma licença "
        "cair nos próximos:",
        options,
        highlighted,
    )
    app.push_screen(dialog, partial(_chosen, app))


def _chosen(app: object, value: str | None) -> None:
    """Save the chosen window and check the banner again."""
    from screens.app import HelpdeskApp

    if value is None or not isinstance(app, HelpdeskApp):
        return
    app.preferences.set_deadline_window(int(value))
    app.notify(f"Aviso de prazos: próximos {value} dias.", markup=False)
    for banner in app.screen.query(DeadlineBanner):
        banner.check()
