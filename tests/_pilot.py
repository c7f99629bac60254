"""Helpers for every pilot test: the app on a test database and a stopped clock, what the screen shows."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from helpdesk.clock import fixed_clock, to_sao_paulo
from helpdesk.licenses import License
from screens.app import HelpdeskApp, create_app

if TYPE_CHECKING:
    from screens.search import SearchScreen

NOW = datetime(2026, 11, 26, 10, 0)
"""A Thursday, a business day, mid-morning in São Paulo."""

SIZE = (120, 36)
VALID_CNPJ = "11.222.333/0001-81"
ALNUM_CNPJ = "12.ABC.345/01DE-35"


def make_app(db_path: Path, now: datetime = NOW) -> HelpdeskApp:
    """The app as the command line builds it, on a test database and a stopped clock."""
    return create_app(db_path=db_path, clock=fixed_clock(now))


def seed_licenses(db_path: Path, *licenses: License) -> None:
    """Put licenses in the lote through the store, as an import would."""
    from store.database import Database

    with Database(db_path) as db:
        db.licenses.import_licenses(list(licenses), to_sao_paulo(NOW))


def lote_license(support_id: str = "1001", **changes: object) -> License:
    """A license of the lote whose term started 20/11/2026 (inside the withdrawal period)."""
    data: dict[str, object] = {
        "support_id": support_id,
        "client": "Padaria São João Ltda",
        "cnpj": "11222333000181",
        "email": "contato@padaria.com.br",
        "term_start": date(2026, 11, 20),
        "renews_on": date(2027, 11, 20),
        "conta_pj": False,
    }
    data.update(changes)
    return License(**data)  # type: ignore[arg-type]


def seed_requests(db_path: Path) -> list[str]:
    """Three requests made on three days (oldest first); returns their protocols in that order."""
    seed_licenses(db_path, lote_license("1001"), lote_license("2002", client="Oficina Zé Ltda"))
    moments = [to_sao_paulo(NOW - timedelta(days=days)) for days in (3, 2, 1)]
    submissions = [
        ("backup", {"support_id": "1001", "slot": "20:00"}),
        ("refund", {"support_id": "2002", "conta_pj": "nao"}),
        (
            "substitute",
            {
                "support_id": "1001",
                "new_client_name": "Cliente Novo SA",
                "new_client_cnpj": VALID_CNPJ,
            },
        ),
    ]
    from store.database import Database

    with Database(db_path) as db:
        return [
            db.requests.submit(kind, raw, moment).protocol
            for (kind, raw), moment in zip(submissions, moments, strict=True)
        ]


def show_confirmation(app: HelpdeskApp, support_id: str = "1001") -> None:
    """Save a cancellation through the store and show its confirmation screen."""
    from screens.confirmation import ConfirmationScreen

    request = app.database.requests.submit(
        "cancel",
        {
            "support_id": support_id,
            "term_start": "20/11/2026",
            "renews_on": "20/11/2027",
            "conta_pj": "nao",
        },
        to_sao_paulo(NOW),
    )
    app.push_screen(ConfirmationScreen(request))


async def wait_for_results(pilot: Pilot[None], app: HelpdeskApp, query: str) -> SearchScreen:
    """Let the search worker answer ``query``."""
    from screens.search import SearchScreen

    screen = app.screen
    assert isinstance(screen, SearchScreen)
    for _ in range(100):
        await pilot.pause(0.02)
        if screen.answered_query == query:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def text_of(widget: Widget) -> str:
    """The plain text a Static shows."""
    assert isinstance(widget, Static)
    return str(widget.content)


def panel_text(app: HelpdeskApp) -> str:
    """Everything the outcome panel says, as plain text."""
    screen = app.screen
    parts = [
        text_of(screen.query_one(f"#outcome-{name}"))
        for name in ("verdict", "decision", "warnings", "reasons")
    ]
    timeline = screen.query_one("#outcome-timeline")
    parts.append(str(timeline.render()))
    return "\n".join(parts)


def field_message(app: HelpdeskApp, name: str) -> str:
    """The help or error line under a field."""
    return text_of(app.screen.query_one(f"#field-{name} .field-message"))


def field_invalid(app: HelpdeskApp, name: str) -> bool:
    """True when the field is shown in error."""
    return app.screen.query_one(f"#field-{name}").has_class("-invalid")


def screen_text(app: HelpdeskApp) -> str:
    """The characters on screen, line by line, read from Textual's public screenshot export."""
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    for match in _SVG_TEXT.finditer(app.export_screenshot()):
        x, text_length, line, text = match.groups()
        # Rich writes every space as a no-break space so the SVG keeps it.
        chars = html.unescape(text).replace("\xa0", " ")
        # Rich places each run at ``column * char_width``; the run's own length gives that width.
        column = round(float(x) / (float(text_length) / len(chars)))
        row = grid[int(line)]
        for char in chars:
            if column < width:
                row[column] = char
            column += max(1, cell_len(char))
    return "\n".join("".join(row).rstrip() for row in grid)


_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
    r'clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)</text>'
)
"""One run of text in the SVG screenshot: its x, its length in pixels, its line and its text."""


async def type_in(pilot: Pilot[None], name: str, text: str) -> None:
    """Click into a field, clear it and type ``text`` key by key."""
    control = pilot.app.screen.query_one(f"#input-{name}", Input)
    control.focus()
    await pilot.pause()
    await pilot.press("end", "ctrl+u")
    if text:
        await pilot.press(*text)
    await pilot.pause()


async def choose(pilot: Pilot[None], name: str, typed: str) -> None:
    """Pick an option of a Select with the keyboard: open it (space), type its start, enter."""
    select = pilot.app.screen.query_one(f"#input-{name}", Select)
    select.focus()
    await pilot.pause()
    await pilot.press("space")
    await pilot.pause()
    await pilot.press(*typed)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste ``text`` into the focused field, as a terminal delivers a paste."""
    from textual import events

    focused = pilot.app.focused
    assert focused is not None
    focused.post_message(events.Paste(text))
    await pilot.pause()
