"""Helpers for the pilot tests of the forms, Minhas solicitações and Meu lote."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from helpdesk.clock import fixed_clock, to_sao_paulo
from helpdesk.licenses import License
from screens.app import HelpdeskApp, create_app

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
    """The characters on screen, line by line."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


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
