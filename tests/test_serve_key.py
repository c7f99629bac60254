"""``helpdesk serve`` off the loopback default: nothing without the access key, the app with it.

127.0.0.2 stands in for an office network address: it is not one of the key-free names
(127.0.0.1, localhost, ::1), yet traffic never leaves this machine.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from _browser import Served, chromium, new_context, open_app, start_server


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``helpdesk serve --host 127.0.0.2`` for the module."""
    server = start_server(tmp_path_factory.mktemp("serve-key"), "--host", "127.0.0.2")
    yield server
    assert server.stop() == 0, server.output


def status_of(url: str) -> tuple[int, str]:
    """HTTP status and body of a plain GET (no cookie)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_printed_url_carries_a_generated_key(served: Served) -> None:
    """The URL names the address asked for and a long key."""
    assert served.url.startswith("http://127.0.0.2:")
    key = served.url.split("?chave=", 1)[1]
    assert len(key) >= 32


@pytest.mark.parametrize(
    "path",
    ["", "static/js/textual.js", "static/css/xterm.css", "assets/page.js", "assets/favicon.svg"],
)
def test_without_the_key_nothing_of_the_app_is_served(served: Served, path: str) -> None:
    """Page and files alike: 403 and a Portuguese explanation."""
    status, body = status_of(served.base_url + path)
    assert status == 403
    assert "Acesso negado" in body
    assert "textual" not in body.lower()


def test_a_wrong_key_is_refused(served: Served) -> None:
    """Almost the key is not the key."""
    key = served.url.split("?chave=", 1)[1]
    assert status_of(f"{served.base_url}?chave={key[:-1]}")[0] == 403
    assert status_of(served.url)[0] == 200


def test_websocket_without_the_key_is_refused_and_starts_no_app(served: Served) -> None:
    """The WebSocket handshake fails with 403 and no app process is started."""

    async def connect() -> int:
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(f"{served.base_url}ws?width=80&height=24"):
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    before = served.wait_for_apps(1)  # the spare, started ahead but shown to no one
    assert asyncio.run(connect()) == 403
    assert served.app_pids() == before


def test_with_the_key_the_browser_gets_the_app_and_keeps_it_in_a_private_cookie(
    served: Served,
) -> None:
    """The printed URL opens the app; the key then rides in an HttpOnly, same-site cookie."""
    with chromium() as browser:
        context = new_context(browser, served.url)
        page = open_app(context, served.url)
        assert page.title() == "Central do Parceiro"
        (cookie,) = context.cookies()
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert page.evaluate("document.cookie") == ""  # no script on the page can read it
        reopened = open_app(context, served.base_url)  # the bare address works once keyed
        assert reopened.url == served.base_url
        context.close()
    assert len(served.wait_for_apps(1)) == 1


def test_key_file_keys_even_the_loopback_default(tmp_path: Path) -> None:
    """With ``--key-file`` the key is required on 127.0.0.1 too (e.g. behind a TLS proxy)."""
    key_file = tmp_path / "chave.txt"
    key_file.write_text("chave-do-escritorio-2026\n")
    server = start_server(tmp_path, "--key-file", str(key_file))
    try:
        assert server.url.endswith("?chave=chave-do-escritorio-2026")
        assert status_of(server.base_url)[0] == 403
        assert status_of(server.url)[0] == 200
    finally:
        assert server.stop() == 0
