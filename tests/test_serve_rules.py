"""``helpdesk serve`` without a browser: who needs the key, the guard's decisions, the options."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from aiohttp.test_utils import make_mocked_request
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.compose.cli import main
from helpdesk.compose.serve import (
    FRAME_BYTES,
    KEY_PARAM,
    MIN_KEY_LENGTH,
    HelpdeskServer,
    Relay,
    ServeError,
    app_command,
    needs_key,
    new_key,
    read_key_file,
    theme_colours,
    url_for,
)

KEY = "k" * 20


def server(key: str | None = None) -> HelpdeskServer:
    """A server object on port 8123 (never started)."""
    return HelpdeskServer("true", host="127.0.0.1", port=8123, key=key)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "::1", "[::1]"])
def test_loopback_default_needs_no_key(host: str) -> None:
    """Only the loopback default names are served without a key."""
    assert not needs_key(host)


@pytest.mark.parametrize("host", ["127.0.0.2", "0.0.0.0", "::", "192.168.0.10", "escritorio"])
def test_every_other_address_needs_the_key(host: str) -> None:
    """Another loopback address, the wildcard and network addresses all need the key."""
    assert needs_key(host)


def test_generated_keys_are_long_random_and_url_safe() -> None:
    """Two keys differ and need no escaping in a URL."""
    first, second = new_key(), new_key()
    assert first != second
    assert len(first) >= 32
    assert url_for("127.0.0.2", 8000, first) == f"http://127.0.0.2:8000/?{KEY_PARAM}={first}"


def test_url_without_key_and_with_ipv6() -> None:
    """No key, no query; an IPv6 address gets brackets."""
    assert url_for("127.0.0.1", 8000, None) == "http://127.0.0.1:8000/"
    assert url_for("::1", 9000, None) == "http://[::1]:9000/"


def test_key_file_is_read_without_surrounding_blanks(tmp_path: Path) -> None:
    """A newline at the end of the file is not part of the key."""
    path = tmp_path / "chave.txt"
    path.write_text(f"  {KEY}\n")
    assert read_key_file(path) == KEY


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "não existe"),
        ("curta", f"pelo menos {MIN_KEY_LENGTH} caracteres"),
        ("duas palavras longas demais", "sem espaços"),
    ],
)
def test_unusable_key_files_are_refused_in_portuguese(
    tmp_path: Path, content: str | None, message: str
) -> None:
    """Missing, short or spaced keys: a clear message, no server."""
    path = tmp_path / "chave.txt"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ServeError, match=message):
        read_key_file(path)


def test_each_tab_runs_helpdesk_on_the_same_data_file(tmp_path: Path) -> None:
    """The app command names the data file, quoted for the shell."""
    db = tmp_path / "pasta com espaço" / "dados.json"
    command = app_command(db)
    assert "-m helpdesk --db" in command
    assert f"'{db}'" in command


def test_page_colours_follow_the_theme() -> None:
    """Dark and light themes give the page their own background; unknown names fall back."""
    dark, light = theme_colours("textual-dark"), theme_colours("textual-light")
    assert dark["scheme"] == "dark" and light["scheme"] == "light"
    assert dark["background"] != light["background"]
    assert theme_colours("nao-existe") == theme_colours(None) == dark


def request(path: str = "/", *, host: str = "127.0.0.1:8123", **headers: str):
    """A request as the guard sees it."""
    return make_mocked_request("GET", path, headers={"Host": host, **headers})


def test_key_free_server_refuses_other_host_names() -> None:
    """A page reached through another name (DNS rebinding) is refused."""
    guard = server()
    assert guard.refusal(request()) == ""
    assert guard.refusal(request(host="localhost:8123")) == ""
    assert guard.refusal(request(host="evil.example:8123"))


def test_key_free_server_refuses_a_websocket_opened_by_another_site() -> None:
    """Another site in the same browser cannot drive the app; the page itself can."""
    guard = server()
    assert guard.refusal(request("/ws", Origin="http://127.0.0.1:8123")) == ""
    assert guard.refusal(request("/ws", Origin="https://evil.example"))
    assert guard.refusal(request("/ws", Origin="http://127.0.0.1:9999"))


def test_keyed_server_accepts_the_key_in_the_query_or_its_cookie() -> None:
    """The printed URL carries the key; files and the WebSocket carry the cookie."""
    guard = server(KEY)
    assert guard.refusal(request(f"/?{KEY_PARAM}={KEY}")) == ""
    cookie = f"{guard.cookie_name}={KEY}"
    assert guard.refusal(request("/ws", Cookie=cookie)) == ""
    assert guard.refusal(request("/static/js/textual.js", Cookie=cookie)) == ""


@pytest.mark.parametrize("path", ["/", "/ws", "/static/js/textual.js", "/assets/favicon.svg"])
def test_keyed_server_refuses_everything_without_the_key(path: str) -> None:
    """No key, nothing: page, files and WebSocket alike."""
    assert server(KEY).refusal(request(path))


def test_keyed_server_ignores_the_cookie_of_another_port() -> None:
    """Cookies ignore ports: each server reads only its own cookie."""
    other = HelpdeskServer("true", host="127.0.0.1", port=8124, key=KEY)
    assert server(KEY).refusal(request(Cookie=f"{other.cookie_name}={KEY}"))


@given(st.text(max_size=40).filter(lambda offered: offered != KEY))
def test_any_other_key_is_refused(offered: str) -> None:
    """Whatever is offered, only the exact key passes."""
    from urllib.parse import quote

    assert server(KEY).refusal(request(f"/?{KEY_PARAM}={quote(offered)}"))


def test_bad_port_is_a_portuguese_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """``--port`` that is not a port: exit 2, message on stderr."""
    assert main(["serve", "--port", "porta"]) == 2
    assert "--port" in capsys.readouterr().err
    assert main(["serve", "--port", "70000"]) == 2


def test_missing_key_file_is_a_portuguese_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--key-file`` that does not exist: exit 2, nothing served."""
    assert main(["serve", "--key-file", str(tmp_path / "nada.txt"), "--port", "0"]) == 2
    assert "não existe" in capsys.readouterr().err


def test_port_in_use_says_so_and_how_to_pick_another(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A taken port: exit 1 and the way out, no traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"a porta {port} já está em uso" in err
    assert "--port" in err


class FakeSocket:
    """Records what a tab's WebSocket would receive."""

    def __init__(self) -> None:
        self.sent: list[bytes | str] = []
        self.closed = False

    async def send_bytes(self, data: bytes) -> None:
        self.sent.append(data)

    async def send_str(self, data: str) -> None:
        self.sent.append(data)

    async def close(self) -> None:
        self.closed = True


async def test_spare_output_reaches_the_tab_in_order_once_it_attaches() -> None:
    """What the spare wrote before any tab (terminal set-up, first frame) comes first, in order."""
    relay = Relay()
    await relay.write_bytes(b"\x1b[?1049h")
    assert not relay.painted.is_set()  # set-up pieces are short: not yet a painted screen
    frame = b"x" * FRAME_BYTES
    await relay.write_bytes(frame)
    await relay.write_str('["open_url", {}]')
    assert relay.painted.is_set()

    socket = FakeSocket()
    await relay.attach(socket)  # type: ignore[arg-type]
    await relay.write_bytes(b"after")

    assert socket.sent == [b"\x1b[?1049h", frame, '["open_url", {}]', b"after"]
    assert not socket.closed


async def test_a_spare_that_ended_before_any_tab_closes_the_tab_it_is_given() -> None:
    """An app that quit while waiting: the tab that attaches is told at once."""
    relay = Relay()
    await relay.close()
    socket = FakeSocket()
    await relay.attach(socket)  # type: ignore[arg-type]
    assert socket.closed
