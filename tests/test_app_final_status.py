"""A request's detail asks before the final status: "concluída" can never change afterwards."""

from __future__ import annotations

from pathlib import Path

from _pilot import SIZE, make_app, screen_text, seed_requests
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from screens.app import HelpdeskApp
from screens.dialogs import ConfirmDialog
from screens.request_detail import RequestDetail
from screens.requests import RequestsScreen
from store.database import Database


def status_of(db_path: Path, protocol: str) -> tuple[str, list[str]]:
    """The stored status of a request and its history."""
    with Database(db_path) as db:
        request = db.requests.get(protocol)
        return request.status, [change.status for change in request.history]


async def open_oldest(pilot: Pilot[None], app: HelpdeskApp) -> RequestDetail:
    """Minhas solicitações, down to the oldest request, enter."""
    app.action_requests()
    await pilot.pause()
    await pilot.press("down", "down", "enter")
    await pilot.pause()
    detail = app.screen
    assert isinstance(detail, RequestDetail)
    return detail


async def test_f_asks_first_and_no_changes_nothing(db_path: Path) -> None:
    """f (pressed out of the list's habit, where it filters) asks; esc or "Ainda não" keep the
    request open, and it can still be withdrawn."""
    oldest, *_ = seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_oldest(pilot, app)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Marcar este pedido como concluído?" in screen_text(app)
        said = str(app.screen.query_one(".dialog-text", Static).content)
        assert "não pode ser retirado nem voltar a outra situação" in said
        assert app.focused is not None and app.focused.id == "dialog-no"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is detail
        assert status_of(db_path, oldest)[0] == "registrada"

        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")  # on the focused safe answer
        await pilot.pause()
        assert app.screen is detail
        assert status_of(db_path, oldest)[0] == "registrada"
        assert not detail.query_one("#detail-withdraw", Button).disabled
        assert "registrada" in screen_text(app)


async def test_yes_concludes_with_the_ticket_typed(db_path: Path) -> None:
    """Confirmed, the request is concluded with the ticket number as its note; no more marks."""
    oldest, *_ = seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_oldest(pilot, app)
        ticket = detail.query_one("#detail-ticket", Input)
        ticket.focus()
        await pilot.press(*"12345")
        await pilot.pause()
        detail.query_one("#detail-main").focus()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("tab", "enter")  # to "Marcar como concluído"
        await pilot.pause()
        assert app.screen is detail
        assert detail.request.status == "concluida"
        assert ticket.value == ""
        assert all(b.disabled for b in detail.query("#detail-actions Button")[:4])
        await pilot.press("f", "r")  # neither is offered any more
        await pilot.pause()
        assert app.screen is detail
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RequestsScreen)
    with Database(db_path) as db:
        request = db.requests.get(oldest)
        assert [c.status for c in request.history] == ["registrada", "concluida"]
        assert "12345" in request.history[-1].note


async def test_the_other_marks_need_no_question(db_path: Path) -> None:
    """m and o still mark at once: the request stays open (it can still be withdrawn)."""
    oldest, *_ = seed_requests(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_oldest(pilot, app)
        await pilot.press("m")
        await pilot.pause()
        assert app.screen is detail
        await pilot.press("o")
        await pilot.pause()
        assert app.screen is detail
    assert status_of(db_path, oldest) == ("confirmada", ["registrada", "enviada", "confirmada"])


async def test_the_transfer_question_says_what_is_final_and_what_can_still_be_withdrawn(
    db_path: Path,
) -> None:
    """The type-the-ID question no longer says the app cannot undo the request: it says
    support's change is final and the request can be withdrawn until then, which r does."""
    from screens.confirmation import ConfirmationScreen
    from screens.dialogs import TypeToConfirmDialog

    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(
            "transfer",
            {
                "support_id": "T-2",
                "partner_pays": "sim",
                "term_start": "01/03/2026",
                "renews_on": "01/03/2027",
                "client_email": "dono@cliente.com.br",
                "conta_pj": "nao",
            },
        )
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TypeToConfirmDialog)
        said = " ".join(str(s.content) for s in app.screen.query(".dialog-text").results(Static))
        assert "não há como voltar atrás" in said
        assert "retirá-lo em Minhas solicitações" in said
        assert "não pode ser desfeito por este aplicativo" not in said
        await pilot.press("T", "-", "2", "enter")
        await pilot.pause()
        confirmation = app.screen
        assert isinstance(confirmation, ConfirmationScreen)
        app.push_screen(RequestDetail(confirmation.request))
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("tab", "enter")  # "Retirar pedido"
        await pilot.pause()
        protocol = confirmation.request.protocol
    assert status_of(db_path, protocol) == ("retirada", ["registrada", "retirada"])
