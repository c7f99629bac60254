"""Both of the app's themes reach WCAG AA for every text/background pair the app draws, and the
app offers only those themes, in Portuguese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _pilot import make_app, screen_text
from textual.color import Color
from textual.command import CommandPalette
from textual.theme import BUILTIN_THEMES

from screens.themes import (
    AA_NORMAL,
    DARK,
    LIGHT,
    TEXT_COLOURS,
    THEMES,
    chosen_theme,
    contrast,
    text_pairs,
)

SCREENS = Path(__file__).resolve().parent.parent / "screens"


def test_contrast_matches_the_wcag_examples() -> None:
    """Black on white is 21:1, a colour on itself 1:1, #777 on white about 4.48:1."""
    white, black = Color(255, 255, 255), Color(0, 0, 0)
    assert contrast(black, white) == pytest.approx(21.0)
    assert contrast(white, white) == pytest.approx(1.0)
    assert contrast(Color(0x77, 0x77, 0x77), white) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", [DARK, LIGHT])
def test_every_text_pair_reaches_aa(name: str) -> None:
    ratios = text_pairs(THEMES[name])
    failing = {pair: round(r, 2) for pair, (r, minimum) in ratios.items() if r < minimum}
    assert failing == {}
    assert len(ratios) > 80  # every text colour on every surface, badges, footer, buttons


def test_the_textual_light_theme_fails_where_the_issue_said() -> None:
    """The check is sharp: Textual's light theme writes the footer keys below AA."""
    ratios = text_pairs(BUILTIN_THEMES["textual-light"])
    assert ratios["footer-key-foreground on footer-background"][0] < 3
    assert ratios["text-success on success-muted"][0] < AA_NORMAL


def test_text_is_drawn_only_in_the_checked_colours() -> None:
    """Every colour the screens give to text is one the contrast test covers."""
    used: set[str] = set()
    for path in [*SCREENS.rglob("*.py"), *SCREENS.rglob("*.tcss")]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"(?<![-\w])color: \$([a-z-]+)", text))
        used |= set(re.findall(r"\"(?:bold |italic |dim )*\$([a-z-]+)(?: on \$[a-z-]+)?\"", text))
    assert used and used <= set(TEXT_COLOURS), used - set(TEXT_COLOURS)


def test_a_theme_saved_under_its_former_name_is_kept() -> None:
    assert chosen_theme("textual-light") == LIGHT
    assert chosen_theme(None) == DARK and chosen_theme("dracula") == DARK


async def test_the_picker_offers_only_the_app_themes_in_portuguese(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_change_theme()
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        shown = screen_text(app)
        assert "Escolha um tema…" in shown
        assert "Claro" in shown and "Escuro" in shown
        assert "dracula" not in shown and "textual" not in shown and "Search" not in shown
        await pilot.press(*"clar", "enter")
        await pilot.pause()
        assert app.theme == LIGHT


async def test_ctrl_c_explains_how_to_quit_in_portuguese(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [(n.title, n.message) for n in app._notifications]
        assert said and said[-1][0] == "Quer sair do aplicativo?"
        assert "ctrl+q" in said[-1][1] and "Press" not in said[-1][1]
