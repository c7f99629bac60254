"""Pilot tests of modal screens: each shows its own keys, and leaving through one still asks."""

from __future__ import annotations

from pathlib import Path

from _pilot import lote_license, make_app, screen_text, seed_licenses, seed_requests, type_in

from screens.dialogs import ChoiceDialog, ConfirmDialog, PathDialog
from screens.forms import FormScreen
from screens.help import HelpScreen
from screens.lote import LoteScreen
from screens.request_detail import RequestDetail
from screens.widgets.license_picker import LicensePicker

SMALL = (80, 24)


def bottom_line(app: object) -> str:
    """The last line of the terminal: the footer that is showing."""
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


async def test_license_picker_shows_its_own_keys_not_the_forms(db_path: Path) -> None:
    """Over a form, the picker's footer says enter, ↑↓ and esc; ctrl+s and / are not offered."""
    seed_licenses(db_path, lote_license())
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        assert "Enviar" in bottom_line(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LicensePicker)
        footer = bottom_line(app)
        assert "enter Escolher" in footer and "↑↓ Mover" in footer and "esc Cancelar" in footer
        for not_here in ("Enviar", "Lote", "Artigo", "Buscar", "Ajuda"):
            assert not_here not in footer, footer


async def test_discard_question_names_what_esc_does(db_path: Path) -> None:
    """Leaving a filled form: the footer says esc keeps filling, in the button's words."""
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        await type_in(pilot, "support_id", "12345")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        footer = bottom_line(app)
        assert "esc Continuar preenchendo" in footer and "tab Outro botão" in footer
        assert "Enviar" not in footer and "Buscar" not in footer
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)


async def test_help_request_detail_and_lote_dialogs_cover_the_footer_underneath(
    db_path: Path, tmp_path: Path
) -> None:
    """F1 help, a request's detail, the import path and a row's choice: none shows the keys of
    the screen underneath."""
    seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "esc Fechar" in bottom_line(app) and "Enviar" not in bottom_line(app)
        await pilot.press("escape")
        await pilot.pause()

        app.action_requests()
        await pilot.pause()
        assert "Exportar" in bottom_line(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RequestDetail)
        assert "esc Fechar" in bottom_line(app) and "Exportar" not in bottom_line(app)
        await pilot.press("escape")
        await pilot.pause()

        app.action_lote()
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        footer = bottom_line(app)
        assert "enter Importar" in footer and "esc Cancelar" in footer
        assert "Ordenar" not in footer
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        footer = bottom_line(app)
        assert "enter Escolher" in footer and "Importar" not in footer


async def test_going_elsewhere_from_the_palette_over_a_picker_asks_first(db_path: Path) -> None:
    """The palette opens over a modal; picking another screen still protects a filled form."""
    seed_licenses(db_path, lote_license())
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        await type_in(pilot, "support_id", "12345")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LicensePicker)
        app.action_lote()  # what the palette's "Meu lote" entry runs once it has closed
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), app.screen_stack
        await pilot.press("escape")  # keep filling
        await pilot.pause()
        assert not isinstance(app.screen, LoteScreen)
        assert any(isinstance(screen, FormScreen) for screen in app.screen_stack)
        app.action_lote()
        await pilot.pause()
        await pilot.press("tab", "enter")  # "Descartar e sair"
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)


async def test_going_elsewhere_while_the_discard_question_is_open_waits_for_it(
    db_path: Path,
) -> None:
    """No second question on top of the first: the question stays until it is answered."""
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        await type_in(pilot, "support_id", "12345")
        await pilot.press("escape")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        app.action_home()
        await pilot.pause()
        assert app.screen is question
        assert sum(isinstance(screen, ConfirmDialog) for screen in app.screen_stack) == 1
