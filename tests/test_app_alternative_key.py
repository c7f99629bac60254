"""Pilot tests of ctrl+y, the key of the outcome panel's "Em vez disso": footer, notice, F1."""

from __future__ import annotations

from pathlib import Path

from _pilot import SIZE, choose, make_app, panel_text, screen_text, type_in
from textual.pilot import Pilot
from textual.widgets import Button

from screens.app import HelpdeskApp
from screens.confirmation import ConfirmationScreen
from screens.forms import FormScreen
from screens.help import HelpScreen
from screens.home import HomeScreen


def footer(app: HelpdeskApp) -> str:
    """The footer line as shown."""
    return screen_text(app).splitlines()[-1]


async def open_refund_by_keys(pilot: Pilot[None], app: HelpdeskApp) -> None:
    """From home, the refund form's key (2 in the self-service list)."""
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("2")
    await pilot.pause()
    assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "refund"


async def fill_late_refund(pilot: Pilot[None]) -> None:
    """A refund asked months after the purchase: past the 7-day withdrawal period."""
    await type_in(pilot, "support_id", "R-9")
    await type_in(pilot, "term_start", "02/03/2026")
    await type_in(pilot, "renews_on", "02/03/2027")
    await choose(pilot, "conta_pj", "N")


async def test_ctrl_y_opens_the_cancellation_prefilled_from_a_refused_refund(
    db_path: Path,
) -> None:
    """Refused refund typed by hand: the footer and the notice name ctrl+y, which opens the
    cancellation with the typed values, as the button does."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_refund_by_keys(pilot, app)
        assert "Em vez disso" not in footer(app)  # nothing offered yet: the key is not shown
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "refund"

        await fill_late_refund(pilot)
        assert "^y Em vez disso" in footer(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any(
            "Tecle ctrl+y (Em vez disso) para abrir “Cancelar renovação de licença”" in notice
            for notice in notices
        )

        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "cancel"
        raw = app.screen.raw()
        assert (raw["support_id"], raw["term_start"], raw["renews_on"], raw["conta_pj"]) == (
            "R-9",
            "02/03/2026",
            "02/03/2027",
            "nao",
        )
        assert "Cancelar renovação de licença" in screen_text(app)
        # The accepted cancellation offers nothing instead: its footer has no ctrl+y.
        assert "Em vez disso" not in footer(app)
        assert not app._notifications  # the refund's notice does not follow to this form


async def test_ctrl_y_works_with_the_cursor_in_a_text_field(db_path: Path) -> None:
    """Typing in a field never reaches the key: it still opens the alternative from there."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_refund_by_keys(pilot, app)
        await fill_late_refund(pilot)
        await type_in(pilot, "reason", "sem uso")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "cancel"
        assert app.screen.raw()["reason"] == "sem uso"


async def test_the_key_leaves_the_footer_when_the_refund_becomes_possible(
    db_path: Path,
) -> None:
    """A date fixed back inside the withdrawal period: nothing offered, ctrl+y does nothing."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_refund_by_keys(pilot, app)
        await fill_late_refund(pilot)
        assert "^y Em vez disso" in footer(app)
        await type_in(pilot, "term_start", "24/11/2026")  # NOW is 26/11/2026
        await type_in(pilot, "renews_on", "24/11/2027")
        assert "Em vez disso" not in footer(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "refund"


async def test_the_offered_button_is_scrolled_into_view(db_path: Path) -> None:
    """At 120×35 the button would end one line below the fold: it is scrolled up into view,
    the verdict still shown."""
    app = make_app(db_path)
    async with app.run_test(size=(120, 35)) as pilot:
        await open_refund_by_keys(pilot, app)
        await type_in(pilot, "support_id", "R-9")
        await type_in(pilot, "term_start", "01/03/2026")  # a Sunday: longer reasons
        await type_in(pilot, "renews_on", "01/03/2027")
        await pilot.pause()
        panel = app.screen.query_one("#outcome-panel")
        button = app.screen.query_one("#outcome-alternative", Button)
        verdict = app.screen.query_one("#outcome-verdict")
        visible = panel.scrollable_content_region
        assert button.display
        assert visible.contains_region(button.region)
        assert visible.contains_region(verdict.region)
        assert "Em vez disso: Cancelar renovação de licença" in " ".join(
            screen_text(app).replace("│", " ").split()
        )


async def test_f1_on_a_form_lists_the_alternative_key(db_path: Path) -> None:
    """F1 names ctrl+y and when it works, even before anything is offered."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_refund_by_keys(pilot, app)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "ctrl+y Quando o pedido não é possível e o painel oferece outro" in text
        assert "abre esse formulário" in text and "com os dados já digitados" in text


async def test_at_80_columns_the_key_takes_the_room_of_send_and_lote(db_path: Path) -> None:
    """The footer still fits at 80 columns; ctrl+s and ctrl+l, unlisted then, still work."""
    from screens.widgets.license_picker import LicensePicker

    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_refund_by_keys(pilot, app)
        assert "^s Enviar" in footer(app) and "^l Lote" in footer(app)
        await fill_late_refund(pilot)
        shown = footer(app)
        assert "^y Em vez disso" in shown and "f1 Ajuda" in shown
        assert "^s Enviar" not in shown and "^l Lote" not in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Tecle ctrl+y" in n.message for n in app._notifications)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LicensePicker)


async def test_a_registered_request_offers_no_dead_alternative(db_path: Path) -> None:
    """A late cancellation, once registered: the confirmation shows no "Em vez disso" button
    (nothing there opens it) and names no ctrl+y; the form offered it before sending."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        # NOW is 26/11/2026: the renewal of 15/12/2026 is charged, its refund window follows.
        app.open_form(
            "cancel",
            {
                "support_id": "7002",
                "term_start": "15/12/2025",
                "renews_on": "15/12/2026",
                "conta_pj": "nao",
            },
        )
        await pilot.pause()
        assert app.screen.query_one("#outcome-alternative", Button).display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert not app.screen.query_one("#outcome-alternative", Button).display
        assert "ctrl+y" not in screen_text(app)


async def test_a_cancellation_inside_the_withdrawal_period_offers_the_refund_instead(
    db_path: Path,
) -> None:
    """26/11/2026 is day 6 of a term started 20/11/2026: the form stays a cancellation of the
    renewal (the license is not ended today) and ctrl+y opens the refund on the same dates."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "cancel"
        await type_in(pilot, "support_id", "C-7")
        await type_in(pilot, "term_start", "20/11/2026")
        await type_in(pilot, "renews_on", "20/11/2027")
        await choose(pilot, "conta_pj", "N")
        text = " ".join(panel_text(app).split())
        assert "a renovação de 20/11/2027 não será cobrada" in text
        assert "cancelada hoje" not in text
        assert "prazo de arrependimento (até 27/11/2026)" in text
        assert "^y Em vez disso" in footer(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "refund"
        raw = app.screen.raw()
        assert (raw["support_id"], raw["term_start"], raw["renews_on"]) == (
            "C-7",
            "20/11/2026",
            "20/11/2027",
        )
