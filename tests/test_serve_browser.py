"""``helpdesk serve`` in Debian's Chromium: the journeys a partner's staff takes in a browser.

One server and one browser serve the whole module; each test opens its own tabs. Requests are
checked through the CLI on the same data file, as another process would see them.
"""

from __future__ import annotations

import re
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from _browser import (
    Served,
    alive,
    chromium,
    new_context,
    open_app,
    press,
    screen_text,
    start_server,
    type_text,
    wait_for_text,
)

PROTOCOL = re.compile(r"HD-\d{4}-\d{6}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One ``helpdesk serve`` on 127.0.0.1 for the module; it must stop cleanly at the end."""
    server = start_server(tmp_path_factory.mktemp("serve"))
    yield server
    status = server.stop()
    output = "".join(server.output)
    assert status == 0, output
    assert "Traceback" not in output, output


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium for the module."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def context(browser: Any, served: Served) -> Iterator[Any]:
    """A fresh browser profile that may use the clipboard; closed (tabs and all) after the test."""
    ctx = new_context(browser, served.url)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.base_url.rstrip("/"))
    yield ctx
    ctx.close()
    assert len(served.wait_for_apps(1)) == 1, "closing the tabs left more than the spare app"


PERSON_PAUSE_MS = 400
"""How long a person takes between seeing a box and typing in it."""


def next_field(page: Any, times: int = 1) -> None:
    """Tab to the next field, then pause as a person does before typing on.

    Textual moves the focus after the keys that already arrived: text typed right after a tab
    or a new screen, faster than any person, still lands where the focus was (in a real
    terminal too).
    """
    for _ in range(times):
        press(page, "Tab")
        page.wait_for_timeout(PERSON_PAUSE_MS)


def fill_cancel_form(page: Any, support_id: str) -> None:
    """From the home screen, fill the cancel form by keyboard (Conta PJ: Sim), not yet sent."""
    press(page, "1")
    wait_for_text(page, "Cancelar renovação de licença", "ID Suporte")
    page.wait_for_timeout(PERSON_PAUSE_MS)
    type_text(page, support_id)
    wait_for_text(page, support_id)
    next_field(page)
    type_text(page, "01/02/2026")
    wait_for_text(page, "01/02/2026")
    next_field(page)
    type_text(page, "01/02/2027")
    wait_for_text(page, "31/12/2026")  # the outcome panel already computed the deadline
    next_field(page, 2)
    press(page, " ")  # space opens the choice; enter would move on to the next field
    wait_for_text(page, "Sim", "Não")
    type_text(page, "s")
    press(page, "Enter")
    wait_for_text(page, "Pode ser pedido")


def protocol_on(page: Any) -> str:
    """The protocol the confirmation screen shows."""
    found = PROTOCOL.search(wait_for_text(page, "Pedido registrado", "Protocolo"))
    assert found, screen_text(page)
    return found.group(0)


def test_page_is_the_help_center_in_portuguese_with_its_own_icon_and_font(
    context: Any, served: Served
) -> None:
    """Title, language, favicon and bundled font; nothing is fetched from outside this server."""
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = open_app(context, served.url)

    assert page.title() == "Central do Parceiro"
    assert page.evaluate("document.documentElement.lang") == "pt-BR"
    icon = page.evaluate("document.querySelector('link[rel=icon]').href")
    with urllib.request.urlopen(icon, timeout=10) as answer:
        assert answer.headers["Content-Type"] == "image/svg+xml"
        assert b"<svg" in answer.read()
    assert page.evaluate("document.fonts.check('16px \"Roboto Mono\"')")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 18, 18)"
    assert "Plano Exclusivo" in screen_text(page)
    assert requested and all(url.startswith(served.base_url) for url in requested), requested


def test_keyboard_works_right_after_load_and_opens_an_article(context: Any, served: Served) -> None:
    """No click first: the very first key presses move in the list and open the article."""
    page = open_app(context, served.url)
    assert page.evaluate("document.activeElement.classList.contains('xterm-helper-textarea')")

    press(page, "ArrowDown", "Enter")

    screen = wait_for_text(page, "Início ›", "Cancelamento e estorno")
    assert "Como pedir o cancelamento da renovação de uma licença" in screen
    assert "Autoatendimento" not in screen  # the home screen is gone


def test_search_with_a_typo_finds_the_article(context: Any, served: Served) -> None:
    """``/`` then a misspelled word: the cancel article comes first, and enter opens it."""
    page = open_app(context, served.url)
    press(page, "/")
    wait_for_text(page, "O que você procura?")
    page.wait_for_timeout(PERSON_PAUSE_MS)
    type_text(page, "cancelamneto")

    # Waits for the first result too: the status line can be drawn a frame before the list.
    screen = wait_for_text(
        page,
        "cancelamneto",
        "cancelamento · enter abre o primeiro",
        "Como pedir o cancelamento da renovação",
    )
    assert "buscando também por: cancelamneto → cancelamento" in screen
    results = screen.split("enter abre o primeiro", 1)[1]
    assert results.lstrip(" │╭─╮\n").startswith("Como pedir o cancelamento da renovação")

    press(page, "Enter")
    wait_for_text(page, "Início ›", "Como pedir o cancelamento da renovação de uma licença")


def clipboard_holding(page: Any, wanted: str, timeout_s: float = 20.0) -> str:
    """The browser clipboard's text once it contains ``wanted`` (polled: the copy is async)."""
    deadline = time.monotonic() + timeout_s
    text = ""
    while time.monotonic() < deadline:
        # evaluate awaits the promise, so each read is the clipboard as it is now.
        text = page.evaluate("navigator.clipboard.readText()")
        if wanted in text:
            return text
        page.wait_for_timeout(200)
    pytest.fail(f"the clipboard never held {wanted!r}; it holds {text!r}")


def test_cancel_form_is_stored_copied_and_opens_whatsapp_in_a_new_tab(
    context: Any, served: Served
) -> None:
    """Fill and send the cancel form; the CLI sees it; copy and WhatsApp work from the page."""
    page = open_app(context, served.url)
    fill_cancel_form(page, "555001")
    press(page, "Control+s")
    protocol = protocol_on(page)

    stored = [r for r in served.requests() if r.get("protocol") == protocol]
    assert len(stored) == 1, served.requests()
    assert stored[0]["kind"] == "cancel"
    assert stored[0]["support_id"] == "555001"

    press(page, "c")
    copied = clipboard_holding(page, protocol)
    assert "ID Suporte: 555001" in copied

    with context.expect_page(timeout=20_000) as opened:
        press(page, "w")
    whatsapp = opened.value
    whatsapp.wait_for_url(re.compile(r"^https://wa\.me/"), timeout=20_000)
    assert protocol in urllib.parse.unquote(whatsapp.url)
    assert page.url.startswith(served.base_url)  # the app's own tab stays where it was


def test_two_tabs_submit_at_once_and_both_requests_are_stored(context: Any, served: Served) -> None:
    """Two tabs, two app processes, one data file: both requests land, with distinct protocols."""
    first = open_app(context, served.url)
    second = open_app(context, served.url)
    fill_cancel_form(first, "555101")
    fill_cancel_form(second, "555102")

    press(first, "Control+s")
    press(second, "Control+s")
    protocols = {protocol_on(first), protocol_on(second)}

    assert len(protocols) == 2
    stored = {r["protocol"]: r["support_id"] for r in served.requests()}
    assert {stored[p] for p in protocols} == {"555101", "555102"}


def test_tab_closed_mid_form_ends_its_app_and_leaves_the_store_consistent(
    context: Any, served: Served
) -> None:
    """Closing the tab with a half-filled form: the app quits normally, nothing half-saved."""
    count_before = len(served.requests())
    page = open_app(context, served.url)
    press(page, "1")
    wait_for_text(page, "ID Suporte")
    page.wait_for_timeout(PERSON_PAUSE_MS)
    type_text(page, "555201")
    wait_for_text(page, "555201")
    before = set(served.app_pids())  # this tab's app and the spare for the next tab

    page.close()

    after = served.wait_for_apps(1)
    assert len(after) == 1  # only the spare is left
    ended = before - set(after)
    assert ended and not any(alive(pid) for pid in ended)
    requests = served.requests()
    assert len(requests) == count_before
    assert all(r.get("support_id") != "555201" for r in requests)
    info = served.cli("db", "info")
    assert info.returncode == 0, info.stderr
