"""Pilot tests at the smallest supported size (80×24): nothing essential cut off or hidden."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from _pilot import lote_license, make_app, screen_text, seed_licenses, show_confirmation
from textual.widgets._footer import FooterKey

from helpdesk.request_kinds import KINDS
from screens.app import HelpdeskApp

SMALL = (80, 24)


def footer_cut(app: HelpdeskApp) -> list[str]:
    """The footer keys that do not fit before the command palette key."""
    keys = list(app.screen.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    limit = palette[0].region.x if palette else app.size.width
    return [
        f"{key.key} {key.description}"
        for key in keys
        if not key.has_class("-command-palette") and key.region.right > limit
    ]


def _form_opener(kind: str) -> Callable[[HelpdeskApp], object]:
    """Open the form of ``kind``."""
    return lambda app: app.open_form(kind)


SCREENS: dict[str, Callable[[HelpdeskApp], object]] = {
    "home": lambda app: None,
    "article": lambda app: app.open_article("estorno"),
    "search": lambda app: app.action_search(),
    **{f"form-{kind}": _form_opener(kind) for kind in KINDS},
    "confirmation": show_confirmation,
    "requests": lambda app: app.action_requests(),
    "lote": lambda app: app.action_lote(),
}


@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_footer_key_fits_at_80_columns(db_path: Path, name: str) -> None:
    seed_licenses(db_path, lote_license())
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        SCREENS[name](app)
        await pilot.pause()
        await pilot.pause()
        assert footer_cut(app) == []
        assert "f1 Ajuda" in screen_text(app).splitlines()[-1]


async def test_an_open_choice_list_is_described_in_portuguese(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("refund")
        await pilot.pause()
        app.screen.query_one("#input-conta_pj").focus()
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "esc Fechar" in footer
        assert "Dismiss" not in footer
        assert footer_cut(app) == []
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "FormScreen"


async def test_the_lote_choice_on_a_form_reads_as_two_plain_lines(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("refund")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        button = next(line for line in lines if "Escolher do lote" in line)
        assert "(ctrl+l)" in button
        hint = next(line for line in lines if "ou digite o ID Suporte" in line)
        assert "e as datas." in hint
        assert hint.index("ou digite") < 4  # starts at the left of the box, not beside the button


async def test_a_date_typed_without_slashes_is_read_as_dd_mm_aaaa(db_path: Path) -> None:
    from _pilot import field_invalid, type_in
    from textual.widgets import Input

    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_form("refund")
        await pilot.pause()
        await type_in(pilot, "term_start", "22112026")
        assert app.screen.query_one("#input-term_start", Input).value == "22/11/2026"
        assert not field_invalid(app, "term_start")
        await pilot.press("3")  # the field is full: nothing more goes in
        await pilot.press("backspace")
        await pilot.pause()
        assert app.screen.query_one("#input-term_start", Input).value == "22/11/202"
        assert field_invalid(app, "term_start")


async def test_a_long_breadcrumb_ends_in_an_ellipsis_not_mid_word(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.open_article("estorno")
        await pilot.pause()
        await pilot.pause()
        crumbs = next(line for line in screen_text(app).splitlines() if "Início ›" in line)
        assert crumbs.rstrip().endswith("…"), crumbs


async def test_help_spells_out_what_the_short_footer_words_do(db_path: Path) -> None:
    from screens.help import HelpScreen

    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_form("refund")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Escolher a licença do lote" in text
        assert "Ler o artigo deste pedido" in text


async def test_home_at_80_columns_shows_every_action_without_scrolling(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for label in ("6 Bloquear Conta PJ", "s Minhas solicitações", "l Meu lote"):
            assert label in text, label
        assert "Vistos recentemente" in text
