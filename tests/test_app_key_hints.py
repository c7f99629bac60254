"""Every key a screen's text names ("Tecle t", "t: todas", "Retirar (r)") is a key bound there.

Meu lote once said "a: todas" while ``a`` opened the permanent LGPD erase; these tests read each
screen as a person sees it and press the key the text names.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from _pilot import SIZE, lote_license, make_app, screen_text, seed_licenses, seed_requests
from textual.binding import Binding
from textual.keys import format_key
from textual.pilot import Pilot
from textual.widgets import Button, Static

from screens.app import HelpdeskApp
from screens.article import ArticleScreen
from screens.confirmation import ConfirmationScreen
from screens.erase_dialog import EraseDialog
from screens.lote import LoteScreen
from screens.request_detail import RequestDetail
from store.database import Database

HINTS = (
    re.compile(r"\b[Tt]ecle ((?:ctrl\+)?[a-z0-9]|esc|enter|del)\b"),
    re.compile(r"(?:^|· )((?:ctrl\+)?[a-z0-9]|esc|enter|del): "),
    re.compile(r"\(((?:ctrl\+)?[a-z0-9]|esc|enter|del)\)"),
    re.compile(r"· ((?:ctrl\+)?[a-z0-9]|del) [a-zç]+"),
    re.compile(r"\bou ((?:ctrl\+)?[a-z0-9]) para\b"),
)
"""How the screens name a key: "Tecle t", "· t: todas", "Retirar (r)", "· n inclui", "ou i para"."""

NEAR = lote_license("NEAR", term_start=date(2026, 1, 1), renews_on=date(2027, 1, 1))
"""Renewal 01/01/2027: the notice deadline 02/12/2026 is six days after NOW."""


def named_keys(text: str) -> set[str]:
    """The keys the text on screen names, as a hint writes them."""
    return {match.group(1) for pattern in HINTS for match in pattern.finditer(text)}


def bound_keys(app: HelpdeskApp) -> set[str]:
    """The keys that do something on the screen shown now, as a hint writes them."""
    keys = {format_key(key) for key in app.screen.active_bindings}
    # Keys a focused widget handles itself (a table's enter) are not bindings of the screen.
    return keys | {"enter"}


ELSEWHERE = {
    "abra um artigo e tecle a": (ArticleScreen, "a"),
}
"""Hints that name another screen's key, and that screen: checked there instead."""


def shown_texts(app: HelpdeskApp) -> str:
    """Every text the screen shows (Statics and button labels), each on one line: a hint
    wrapped over two screen lines is still read whole."""
    texts = []
    for widget in app.screen.query("*"):
        if not widget.display:
            continue
        if isinstance(widget, Button):
            texts.append(str(widget.label))
        elif isinstance(widget, Static):
            texts.append(str(widget.content))
    return "\n".join(" ".join(text.split()) for text in texts)


def assert_hints_are_bound(app: HelpdeskApp) -> set[str]:
    """Every key the screen names is bound on it; returns the keys named."""
    text = shown_texts(app)
    for phrase, (screen, key) in ELSEWHERE.items():
        if phrase in text:
            assert key in {format_key(b.key) for b in screen.BINDINGS if isinstance(b, Binding)}
            text = text.replace(phrase, "")
    named = named_keys(text)
    assert named <= bound_keys(app), f"named but not bound: {named - bound_keys(app)}"
    return named


async def open_due_view(pilot: Pilot[None], app: HelpdeskApp) -> None:
    """From home, enter on the deadline banner: Meu lote with the near deadlines only."""
    while not app.warmed_up.is_set():  # the lote is read once home is painted
        await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


async def test_the_near_deadlines_view_names_t_for_all_and_t_shows_them(db_path: Path) -> None:
    """The count line says "t: todas" (the key that shows every license), and t does it; the
    erase key is not named there and opens nothing by itself."""
    seed_licenses(db_path, NEAR, lote_license("1001"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_due_view(pilot, app)
        assert isinstance(app.screen, LoteScreen)
        text = screen_text(app)
        assert "t: todas" in text and "a: todas" not in text
        named = assert_hints_are_bound(app)
        assert {"t", "n", "del", "c"} <= named
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, EraseDialog)
        assert sorted(row.license.support_id for row in app.screen.listed) == ["1001", "NEAR"]
        assert "todas" not in screen_text(app)  # the hint goes with the view it belongs to
    with Database(db_path) as db:
        assert {lic.client for lic in db.licenses.list()} == {"Padaria São João Ltda"}


async def test_the_empty_due_view_says_which_key_shows_all(db_path: Path) -> None:
    """No license due in the window: "Tecle t para ver todas" names a bound key that works."""
    seed_licenses(db_path, NEAR, lote_license("1001"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_due_view(pilot, app)
        assert isinstance(app.screen, LoteScreen)
        app.screen.due_within = 1  # nothing due tomorrow: the empty view of the same screen
        app.screen.show_rows()
        await pilot.pause()
        assert "Tecle t para ver todas" in screen_text(app)
        assert "t" in assert_hints_are_bound(app)
        await pilot.press("t")
        await pilot.pause()
        assert len(app.screen.listed) == 2


async def test_the_empty_lote_names_bound_keys(db_path: Path) -> None:
    """ "Tecle n … ou i …" on the empty lote: both keys are bound."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_lote()
        await pilot.pause()
        assert {"n", "i"} <= assert_hints_are_bound(app)


async def test_the_row_dialog_names_the_edit_key_of_the_lote(db_path: Path) -> None:
    """The row's choices say "Editar … (e)": e is what edits from the table."""
    seed_licenses(db_path, lote_license("1001"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_lote()
        await pilot.pause()
        lote = app.screen
        await pilot.press("enter")
        await pilot.pause()
        assert "Editar os dados da licença (e)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is lote and "e" in bound_keys(app)


async def test_the_request_screens_name_bound_keys(db_path: Path) -> None:
    """The requests list (empty and full), a request's detail and the confirmation screen."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        assert "abra um artigo e tecle a" in shown_texts(app)  # the article's key, checked there
        assert "esc" in assert_hints_are_bound(app)
    protocols = seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(120, 60)) as pilot:  # tall enough for every button
        request = app.database.requests.get(protocols[0])
        app.push_screen(RequestDetail(request))
        await pilot.pause()
        assert {"m", "o", "f", "r", "c"} <= assert_hints_are_bound(app)
        app.pop_screen()
        app.push_screen(ConfirmationScreen(app.database.requests.get(protocols[1])))
        await pilot.pause()
        assert {"c", "m", "s"} <= assert_hints_are_bound(app)


async def test_a_form_names_bound_keys(db_path: Path) -> None:
    """A request form: "Escolher do lote (ctrl+l)" names a key the form binds."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "ctrl+l" in assert_hints_are_bound(app)


def test_the_hint_patterns_find_what_they_should() -> None:
    """The patterns read each way a screen names a key (and not ordinary words)."""
    text = "Tecle t ou i para ver · t: todas · n inclui · Retirar (r) · ordem: x (opcional)"
    assert named_keys(text) == {"t", "i", "n", "r"}
