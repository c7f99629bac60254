"""Pilot tests of sending a request's message: w/e/c say what really happened, the address to use
by hand is always on screen, and m twice explains where the request can go next."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest
from _pilot import NOW, SIZE, make_app, screen_text
from textual.widgets import Static

import screens.outside
from helpdesk.clock import to_sao_paulo
from helpdesk.policy import POLICY
from screens.app import HelpdeskApp
from screens.confirmation import ConfirmationScreen
from screens.request_detail import RequestDetail

CANCEL = {
    "support_id": "1001",
    "term_start": "20/11/2026",
    "renews_on": "20/11/2027",
    "conta_pj": "nao",
}
BLOCK = {
    "support_id": "1001",
    "license_cancelled": "sim",
    "company_name": "Padaria Exemplo Ltda",
    "cnpj": "11.222.333/0001-81",
}


def confirm(app: HelpdeskApp, kind: str = "cancel", raw: dict[str, str] = CANCEL) -> None:
    """Save a request through the store and show its confirmation."""
    request = app.database.requests.submit(kind, raw, to_sao_paulo(NOW))
    app.push_screen(ConfirmationScreen(request))


def titles(app: HelpdeskApp) -> list[str]:
    """The titles of the notifications shown, oldest first."""
    return [n.title for n in app._notifications]


def notices(app: HelpdeskApp) -> list[str]:
    """The texts of the notifications shown, oldest first."""
    return [n.message for n in app._notifications]


class Browsers:
    """Stands in for :func:`webbrowser.open`: notes each URL and answers ``works``."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.works = False

    def open(self, url: str, *args: object, **kwargs: object) -> bool:
        self.urls.append(url)
        return self.works


@pytest.fixture
def browsers(monkeypatch: pytest.MonkeyPatch) -> Browsers:
    """No real browser is ever started by a test."""
    fake = Browsers()
    monkeypatch.setattr(webbrowser, "open", fake.open)
    return fake


@pytest.fixture
def no_clipboard_program(monkeypatch: pytest.MonkeyPatch) -> None:
    """No clipboard program on PATH: only the terminal can be asked."""
    monkeypatch.setattr(screens.outside.shutil, "which", lambda name: None)


async def test_w_without_a_browser_says_so_and_where_to_send(
    db_path: Path, browsers: Browsers
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        confirm(app)
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert browsers.urls and browsers.urls[0].startswith("https://wa.me/")
        said = notices(app)[-1]
        assert "Abrindo" not in said and "Abrimos" not in said
        assert f"https://wa.me/{POLICY.channels.whatsapp_digits}" in said


async def test_w_with_a_browser_says_it_opened(db_path: Path, browsers: Browsers) -> None:
    browsers.works = True
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        confirm(app)
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert notices(app)[-1] == "Abrimos o WhatsApp com a mensagem pronta."


async def test_e_without_a_mail_program_names_the_address(
    db_path: Path, browsers: Browsers
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        confirm(app, "block-conta-pj", BLOCK)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert browsers.urls[0].startswith("mailto:")
        said = notices(app)[-1]
        assert POLICY.channels.conta_pj_email in said and "Abrimos" not in said


async def test_c_without_a_clipboard_program_does_not_claim_it_copied(
    db_path: Path, no_clipboard_program: None
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        confirm(app)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        said = notices(app)[-1]
        assert "copiada" not in said and "selecione a mensagem" in said
        assert "1001" in app.clipboard  # the terminal was asked all the same


async def test_c_with_a_clipboard_program_says_copied(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in clipboard program that keeps what it reads: the copy is confirmed."""
    kept = tmp_path / "clipboard.txt"
    program = tmp_path / "pbcopy"
    program.write_text(f"#!/bin/sh\n/bin/cat > {kept}\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        confirm(app)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert notices(app)[-1] == screens.outside.COPIED
    assert "1001" in kept.read_text(encoding="utf-8")


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_the_confirmation_always_shows_the_address(
    db_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=size) as pilot:
        confirm(app)
        await pilot.pause()
        shown = str(app.screen.query_one("#confirm-by-hand", Static).content)
        assert shown == f"WhatsApp: https://wa.me/{POLICY.channels.whatsapp_digits}"
        app.screen.query_one("#confirm-by-hand").scroll_visible(animate=False)
        await pilot.pause()
        assert f"https://wa.me/{POLICY.channels.whatsapp_digits}" in screen_text(app)


async def test_an_email_request_shows_address_and_subject(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        confirm(app, "block-conta-pj", BLOCK)
        await pilot.pause()
        shown = str(app.screen.query_one("#confirm-by-hand", Static).content)
        assert shown.startswith(f"E-mail: {POLICY.channels.conta_pj_email}\nAssunto: ")
        assert "HD-2026-000001" in shown


async def test_the_request_detail_shows_the_address(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        request = app.database.requests.submit("cancel", CANCEL, to_sao_paulo(NOW))
        app.push_screen(RequestDetail(request))
        await pilot.pause()
        shown = str(app.screen.query_one("#detail-by-hand", Static).content)
        assert shown == f"WhatsApp: https://wa.me/{POLICY.channels.whatsapp_digits}"


async def test_m_twice_explains_the_next_status(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        confirm(app)
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        said = notices(app)[-1]
        assert "não pode voltar" not in said
        assert "a seguir ele pode ser marcado como “confirmada” ou “concluída”" in said


async def test_the_detail_keys_agree_with_the_confirmation_screen(db_path: Path) -> None:
    """``c`` copies in the request detail as on the confirmation (no status changes); ``m`` marks
    it sent, as "Já enviei" does there."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        request = app.database.requests.submit("cancel", CANCEL, to_sao_paulo(NOW))
        app.push_screen(RequestDetail(request))
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.database.requests.get(request.protocol).status == request.status
        assert any("Cópia" in n or "copiad" in n for n in [*notices(app), *titles(app)])
        await pilot.press("m")
        await pilot.pause()
        assert app.database.requests.get(request.protocol).status == "enviada"


async def test_e_on_a_whatsapp_request_says_where_it_goes(
    db_path: Path, browsers: Browsers
) -> None:
    """The other channel's key is not silent: it names this request's channel and its key."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        confirm(app)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert browsers.urls == []
        assert "Este pedido vai pelo WhatsApp" in notices(app)[-1]
        assert "tecle w" in notices(app)[-1]


async def test_meu_lote_changes_only_once_the_message_is_marked_sent(db_path: Path) -> None:
    """Registered: Meu lote keeps the license active with its deadline; m (Já enviei) schedules
    the cancellation there."""
    from _pilot import lote_license, seed_licenses

    from screens.lote import LoteScreen

    seed_licenses(db_path, lote_license("1001"))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        confirm(app)
        await pilot.pause()
        lic = app.database.licenses.get("1001")
        assert lic is not None and lic.status == "ativa"
        deadline = app.database.licenses.deadlines(NOW.date())[0][1]
        assert deadline.label == "estorno até"  # the reminder is still there
        await pilot.press("m")
        await pilot.pause()
        lic = app.database.licenses.get("1001")
        assert lic is not None and lic.status == "cancelamento agendado"
        app.action_lote()
        await pilot.pause()
        assert isinstance(app.screen, LoteScreen)
        assert "acesso termina em 20/11/2027" in screen_text(app)
