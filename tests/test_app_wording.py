"""Pilot tests of the words the screens choose: counts agree with their nouns, no "(s)"."""

from __future__ import annotations

from pathlib import Path

from _pilot import SIZE, lote_license, make_app, screen_text, seed_licenses

from screens.wording import counted


def test_counted_agrees_with_the_number() -> None:
    assert counted(1, "licença", "licenças") == "1 licença"
    assert counted(0, "licença", "licenças") == "0 licenças"
    assert counted(3, "licença", "licenças") == "3 licenças"


async def test_picking_one_license_speaks_in_the_singular_and_says_the_keys(db_path: Path) -> None:
    seed_licenses(db_path, lote_license())
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("refund")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        picker = screen_text(app)
        assert "1 licença" in picker and "1 licenças" not in picker
        assert "enter Escolher" in picker and "esc Cancelar" in picker  # the dialog's footer
        await pilot.press("enter")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("campos preenchidos com a licença 1001" in m for m in messages), messages
        assert not any("(s)" in m for m in messages), messages


async def test_sending_with_one_bad_field_names_one_field(db_path: Path) -> None:
    seed_licenses(db_path, lote_license())
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#input-renews_on").focus()
        await pilot.press("end", "ctrl+u")
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "Confira 1 campo marcado em vermelho." in messages, messages
