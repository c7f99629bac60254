"""Pilot tests of the app shell: start-up with a damaged file, dialogs, quitting, help."""

from __future__ import annotations

from pathlib import Path

from _pilot import make_app, type_in
from textual.widgets import Static

from screens.dialogs import ConfirmDialog
from screens.help import HelpScreen
from screens.home import HomeScreen


async def test_damaged_data_file_is_reported_at_start_and_left_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(mode=0o700, parents=True)
    db_path.write_text("{isto não é json", encoding="utf-8")
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        while not app.warmed_up.is_set():  # the data file is opened once home is painted
            await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any(str(db_path) in m and "helpdesk db recover" in m for m in errors), errors
    assert db_path.read_text(encoding="utf-8") == "{isto não é json"


async def test_going_home_from_a_dialog_closes_it(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article("estorno")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        app.action_home()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 2  # the default screen and home, no dialog left behind


async def test_quitting_with_a_half_filled_form_asks_first(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await type_in(pilot, "support_id", "ABC-1")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "FormScreen"
        await pilot.press("ctrl+q")
        await pilot.pause()
        app.screen.dismiss(True)  # "Descartar e sair"
        await pilot.pause()
    assert not app.is_running


async def test_the_arrows_move_between_a_dialogs_buttons(db_path: Path) -> None:
    """ "Descartar o que foi preenchido?": → then enter discards, ← comes back to the safe one."""
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await type_in(pilot, "support_id", "ABC-1")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("right", "left")
        assert app.focused is not None and app.focused.id == "dialog-no"
        await pilot.press("right")
        assert app.focused is not None and app.focused.id == "dialog-yes"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ != "FormScreen"


async def test_help_on_a_form_lists_only_portuguese_keys(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "Enviar" in text
        for english in ("Move cursor", "Delete", "Paste", "Select all"):
            assert english not in text
