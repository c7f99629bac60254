"""Each of the six forms: one path the rules accept (saved) and one they refuse (nothing saved)."""

from __future__ import annotations

from pathlib import Path

from _pilot import (
    SIZE,
    VALID_CNPJ,
    choose,
    make_app,
    panel_text,
    screen_text,
    type_in,
)
from textual.widgets import Button, Input, Select

from helpdesk.backup import allowed_slots
from screens.confirmation import ConfirmationScreen
from screens.dialogs import TypeToConfirmDialog
from screens.forms import FormScreen
from store.database import Database


def saved_kinds(db_path: Path) -> list[str]:
    """Kinds of the requests stored, newest first."""
    if not db_path.exists():
        return []
    with Database(db_path) as db:
        return [summary.kind for summary in db.requests.list()]


async def test_cancel_accepted_and_saved(db_path: Path) -> None:
    """A cancellation on time is saved, with the WhatsApp message ready."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel")
        await pilot.pause()
        await type_in(pilot, "support_id", "C-1")
        await type_in(pilot, "term_start", "01/03/2026")
        await type_in(pilot, "renews_on", "01/03/2027")
        await choose(pilot, "conta_pj", "S")
        assert "Pode ser pedido" in panel_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert app.screen.request.message["url"].startswith("https://wa.me/554735120770?text=")
        await pilot.press("c")
        assert "Protocolo HD-2026-000001: é o número deste pedido no meu controle" in app.clipboard
    assert saved_kinds(db_path) == ["cancel"]


async def test_cancel_with_contradictory_dates_is_not_sent(db_path: Path) -> None:
    """A renewal before the term start is shown at the field and nothing is saved."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(
            "cancel",
            {"support_id": "C-2", "term_start": "01/03/2026", "renews_on": "01/02/2026"},
        )
        await pilot.pause()
        await choose(pilot, "conta_pj", "N")
        assert "Confira os dados" in panel_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
    assert saved_kinds(db_path) == []


async def test_refund_inside_the_withdrawal_period_is_saved(db_path: Path) -> None:
    """Bought six days ago: the refund is possible and saved."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("refund", {"support_id": "R-1", "conta_pj": "nao"})
        await pilot.pause()
        await type_in(pilot, "term_start", "20/11/2026")
        await type_in(pilot, "renews_on", "20/11/2027")
        assert "Estorno possível" in panel_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
    assert saved_kinds(db_path) == ["refund"]


async def test_refund_refused_offers_the_cancellation_with_the_same_values(
    db_path: Path,
) -> None:
    """Past the withdrawal period: refused with the reason; the alternative opens pre-filled."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("refund", {"support_id": "R-2", "conta_pj": "nao"})
        await pilot.pause()
        await type_in(pilot, "term_start", "01/03/2026")
        await type_in(pilot, "renews_on", "01/03/2027")
        text = panel_text(app)
        assert "Estorno não é possível" in text and "terminou em 09/03/2026" in text
        # The data-deletion warning and timeline belong to the cancellation, shown in its form.
        assert "serão apagados" not in text and "Exclusão dos dados" not in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "refund"
        alternative = app.screen.query_one("#outcome-alternative", Button)
        assert alternative.display and "Cancelar renovação" in str(alternative.label)
        alternative.press()
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "cancel"
        await pilot.pause()
        assert "Exclusão dos dados" in panel_text(app)
        raw = app.screen.raw()
        assert (raw["support_id"], raw["term_start"], raw["renews_on"]) == (
            "R-2",
            "01/03/2026",
            "01/03/2027",
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
    assert saved_kinds(db_path) == ["cancel"]


async def test_substitute_accepted_and_refused(db_path: Path) -> None:
    """A valid new client is saved; a missing CNPJ keeps the form from being sent."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("substitute", {"support_id": "S-1", "new_client_name": "Nova Ltda"})
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "campo obrigatório" in screen_text(app)
        assert app.focused is app.screen.query_one("#input-new_client_cnpj", Input)
        await pilot.press(*VALID_CNPJ)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert "numa conta nova criada do zero" in panel_text(app)
        assert "24/02/2027" not in panel_text(app)  # no deletion date the policy does not give
    assert saved_kinds(db_path) == ["substitute"]


async def test_transfer_refused_when_the_client_already_pays(db_path: Path) -> None:
    """Only licenses paid by the office can be transferred."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(
            "transfer",
            {
                "support_id": "T-1",
                "term_start": "01/03/2026",
                "renews_on": "01/03/2027",
                "client_email": "dono@cliente.com.br",
                "conta_pj": "nao",
            },
        )
        await pilot.pause()
        await choose(pilot, "partner_pays", "N")
        assert "Transferência não é possível" in panel_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
    assert saved_kinds(db_path) == []


async def test_transfer_asks_to_type_the_id_before_saving(db_path: Path) -> None:
    """Irreversible: confirming needs the exact ID Suporte typed; then it is saved."""
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
        assert "sai do seu lote em 01/03/2027" in panel_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TypeToConfirmDialog)
        await pilot.press("T", "-", "3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TypeToConfirmDialog)
        assert app.screen.query_one("#typed-yes", Button).disabled
        await pilot.press("backspace", "2")
        await pilot.pause()
        assert not app.screen.query_one("#typed-yes", Button).disabled
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
    assert saved_kinds(db_path) == ["transfer"]


async def test_transfer_confirmation_can_be_abandoned(db_path: Path) -> None:
    """esc in the type-the-ID dialog saves nothing and keeps the form."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(
            "transfer",
            {
                "support_id": "T-3",
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
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
    assert saved_kinds(db_path) == []


async def test_backup_offers_only_the_window_and_is_saved(db_path: Path) -> None:
    """The slot list is the allowed window; a slot tonight is generated and downloadable at once."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("backup", {"support_id": "B-1"})
        await pilot.pause()
        select = app.screen.query_one("#input-slot", Select)
        offered = [value for _label, value in select._options if value is not Select.NULL]
        assert offered == [f"{slot:%H:%M}" for slot in allowed_slots()]
        await choose(pilot, "slot", "21")
        text = panel_text(app)
        assert "Agende na Conta Azul Pro do cliente a geração do backup para as 21:00" in text
        assert "o horário agendado chega em 26/11/2026 às 21:00" in " ".join(text.split())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
    assert saved_kinds(db_path) == ["backup"]


async def test_backup_outside_the_window_is_refused(db_path: Path) -> None:
    """A slot given by a link outside the window is shown, refused, and not saved."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("backup", {"support_id": "B-2", "slot": "12:00"})
        await pilot.pause()
        assert "Horário não permitido" in panel_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
    assert saved_kinds(db_path) == []


async def test_block_conta_pj_goes_by_email_after_typing_the_id(db_path: Path) -> None:
    """Accepted for a cancelled license: confirmed by typing the ID, sent by e-mail."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("block-conta-pj", {"support_id": "P-1", "license_cancelled": "sim"})
        await pilot.pause()
        await type_in(pilot, "company_name", "Padaria Pão Quente Ltda")
        await type_in(pilot, "cnpj", VALID_CNPJ)
        assert "Peça o bloqueio do acesso à Conta PJ pelo e-mail" in panel_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TypeToConfirmDialog)
        await pilot.press("P", "-", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert app.screen.request.message["url"].startswith("mailto:contapj@contaazul.com?")
        assert "E-mail (e)" in screen_text(app)
    assert saved_kinds(db_path) == ["block-conta-pj"]


async def test_block_conta_pj_refused_before_the_cancellation(db_path: Path) -> None:
    """Not cancelled yet: refused, and the cancellation is offered instead."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("block-conta-pj", {"support_id": "P-2", "cnpj": VALID_CNPJ})
        await pilot.pause()
        await choose(pilot, "license_cancelled", "N")
        assert "precisa estar cancelada" in panel_text(app)
        assert app.screen.query_one("#outcome-alternative", Button).display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
    assert saved_kinds(db_path) == []
