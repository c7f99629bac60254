"""``helpdesk serve``: the app in a browser through textual-serve, one app process per tab.

textual-serve's ``Server`` runs one app process per WebSocket and relays the terminal to
xterm.js in the page. ``HelpdeskServer`` subclasses it for what it lacks:

* an access key (random, or from ``--key-file``) on every address but the loopback default,
  checked in constant time on every HTTP request and on the WebSocket by one middleware;
* on the key-free loopback default, a Host check (against DNS rebinding) and an Origin check on
  the WebSocket (so another site open in the same browser cannot drive the app);
* our own page (Portuguese, favicon, bundled font, the app's theme colours, keyboard focus on
  load, no request to any outside host);
* a listening socket opened before the URL is printed, so the URL works at once and ``--port 0``
  can pick a free port;
* one spare app process started ahead, so a new tab gets an app that is already up (its
  output is held until the tab takes it, then the app is resized to the tab);
* a record of every app process it started: closing a tab or stopping the server asks each app
  to quit through its normal exit path, and ends what is still running after a grace period.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import logging
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from string import Template
from typing import IO, Any
from urllib.parse import quote

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server
from yarl import URL

log = logging.getLogger("helpdesk.serve")

KEY_FREE_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
"""Addresses served without a key: the loopback default only. Any other address, 127.0.0.2
and 0.0.0.0 included, needs the key: a single, predictable rule."""

KEY_PARAM = "chave"
"""Query parameter that carries the access key in the printed URL."""

KEY_BYTES = 24
"""Random bytes in a generated key (32 URL-safe characters)."""

MIN_KEY_LENGTH = 16
"""Shortest key accepted from ``--key-file``."""

QUIT_GRACE = 5.0
"""Seconds an app process gets to exit through its normal path before it is killed."""

SPARE_SIZE = (120, 36)
"""Terminal size a spare app starts with; the tab that takes it resizes it at once."""

FRAME_BYTES = 512
"""Output at least this long in one piece is a painted screen (the terminal set-up before it
comes in short pieces). A spare is handed out only once painted: a resize sent while the app
is still starting can be overtaken by the app's own start-up size."""

HELD_LIMIT = 4 * 1024 * 1024
"""Output a spare may hold for its tab; a spare that drew more than this is replaced."""

SPARE_WAIT = 15.0
"""Seconds a tab waits for a spare that is still starting (it is ahead of a fresh start)."""

PAGE_TITLE = "Central do Parceiro"
DEFAULT_FONT_SIZE = 16
PAGE_DIR = Path(__file__).resolve().parent / "web"
"""The page template and its assets (favicon, style sheet, script)."""

WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})

SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",  # the key never leaves in a Referer
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
}

FORBIDDEN_PAGE = """<!DOCTYPE html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Acesso negado · Central do Parceiro</title>
</head><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto;
padding: 0 1rem; line-height: 1.5">
<h1>Acesso negado</h1>
<p>Este endereço precisa da chave de acesso. Abra o endereço completo que o computador que serve a
Central do Parceiro mostrou ao iniciar — ele termina em <code>?chave=…</code>.</p>
<p>Se o servidor foi reiniciado, a chave pode ter mudado: peça o endereço novo.</p>
</body></html>
"""


class ServeError(Exception):
    """The server could not start; the message is in Portuguese, for the person."""


def needs_key(host: str) -> bool:
    """True unless ``host`` is the loopback default (127.0.0.1, localhost, ::1)."""
    return host.strip("[]").lower() not in KEY_FREE_HOSTS


def new_key() -> str:
    """A fresh random access key, safe to put in a URL."""
    return secrets.token_urlsafe(KEY_BYTES)


def read_key_file(path: Path) -> str:
    """The key kept in ``path`` (surrounding blanks ignored); ServeError when unusable."""
    try:
        key = path.read_text("utf-8").strip()
    except FileNotFoundError:
        raise ServeError(f"o arquivo da chave não existe: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ServeError(f"não foi possível ler o arquivo da chave {path}: {error}") from None
    if len(key) < MIN_KEY_LENGTH or any(ch.isspace() for ch in key):
        raise ServeError(
            f"a chave em {path} precisa ter pelo menos {MIN_KEY_LENGTH} caracteres, sem espaços"
        )
    return key


def app_command(db_path: Path | None) -> str:
    """The shell command each tab runs: this interpreter's ``helpdesk`` on the same store.

    ``None``: the store named by ``HELPDESK_DB`` in the inherited environment (a server).
    textual-serve runs the command through a shell; ``exec`` makes the app the process the
    server watches, so ending it never leaves the app behind a killed shell.
    """
    store = ["--db", str(db_path)] if db_path is not None else []
    return "exec " + shlex.join([sys.executable, "-m", "helpdesk", *store])


def theme_colours(theme_name: str | None) -> dict[str, str]:
    """Page colours that match the app's theme, so the page around the terminal blends in."""
    from textual.theme import BUILTIN_THEMES

    theme = BUILTIN_THEMES.get(theme_name or "") or BUILTIN_THEMES["textual-dark"]
    variables = theme.to_color_system().generate()
    return {
        "background": variables["background"],
        "foreground": variables["foreground"],
        "accent": variables["primary"],
        "scheme": "dark" if theme.dark else "light",
    }


def open_socket(host: str, port: int) -> socket.socket:
    """A socket listening on ``host``:``port`` (0 picks a free port); ServeError when it can't."""
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror:
        raise ServeError(f"endereço desconhecido: {host!r}") from None
    # "localhost" may answer ::1 and 127.0.0.1: one address is enough, IPv4 first.
    family, kind, proto, _, address = sorted(infos, key=lambda i: i[0] != socket.AF_INET)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        if error.errno == 98:  # EADDRINUSE
            raise ServeError(
                f"a porta {port} já está em uso; escolha outra com --port (0 escolhe uma livre)"
            ) from None
        raise ServeError(f"não foi possível escutar em {host}:{port}: {error.strerror}") from None
    sock.setblocking(False)
    return sock


def url_for(host: str, port: int, key: str | None) -> str:
    """The address to open in a browser; it carries the key when there is one."""
    if host in WILDCARD_HOSTS:
        host = socket.gethostname()  # every address of this machine: its name is what works
    elif ":" in host:
        host = f"[{host}]"
    query = f"?{KEY_PARAM}={quote(key, safe='')}" if key else ""
    return f"http://{host}:{port}/{query}"


class TrackedAppService(AppService):
    """textual-serve's app process manager, with its process exposed so it can be ended."""

    @property
    def process(self) -> asyncio.subprocess.Process | None:
        """The app process, once started."""
        return self._process


class Relay:
    """Where an app's output goes: held back until a tab takes the app, then that tab's socket."""

    def __init__(self) -> None:
        self._websocket: web.WebSocketResponse | None = None
        self._held: list[bytes | str] = []
        self.held_bytes = 0
        """How much output waits for a tab."""
        self._closed = False
        self.painted = asyncio.Event()
        """Set once the app has drawn its first screen."""

    async def write_bytes(self, data: bytes) -> None:
        """Terminal output."""
        await self._send(data)

    async def write_str(self, data: str) -> None:
        """A message for the page (open a link, a download)."""
        await self._send(data)

    async def _send(self, data: bytes | str) -> None:
        """To the tab, or held until there is one."""
        if self._websocket is None:
            if self.held_bytes <= HELD_LIMIT:  # past it the spare is replaced, not handed out
                self._held.append(data)
            self.held_bytes += len(data)
            if isinstance(data, bytes) and len(data) >= FRAME_BYTES:
                self.painted.set()
        elif isinstance(data, bytes):
            await self._websocket.send_bytes(data)
        else:
            await self._websocket.send_str(data)

    async def close(self) -> None:
        """The app ended: close the tab's socket (or remember it for when one attaches)."""
        self._closed = True
        if self._websocket is not None:
            await self._websocket.close()

    async def attach(self, websocket: web.WebSocketResponse) -> None:
        """Send ``websocket`` what the app wrote so far (its terminal set-up), then everything."""
        while self._held:
            data = self._held.pop(0)
            if isinstance(data, bytes):
                await websocket.send_bytes(data)
            else:
                await websocket.send_str(data)
        self._websocket = websocket  # no await since the last check: nothing slips in between
        if self._closed:
            await websocket.close()


class Spare:
    """An app process started before any tab asked for it."""

    def __init__(self, service: TrackedAppService, relay: Relay, freshness: object) -> None:
        self.service = service
        self.relay = relay
        self.freshness = freshness


class HelpdeskServer(Server):
    """textual-serve's Server with an access key, our page, and app processes that always end."""

    def __init__(
        self,
        command: str,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        key: str | None = None,
        colours: Callable[[], dict[str, str]] | None = None,
        freshness: Callable[[], object] | None = None,
        spare: bool = True,
    ) -> None:
        """``freshness`` answers something that changes when a spare app would be out of date
        (for helpdesk: the preferences file, which holds the theme and the recent articles)."""
        super().__init__(command, host=host, port=port, title=PAGE_TITLE)
        self.key = key
        self._colours = colours or (lambda: theme_colours(None))
        self._freshness = freshness or (lambda: None)
        self._keep_spare = spare
        self._spare: Spare | None = None
        self._spare_task: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._stopping = False
        self._sessions: set[TrackedAppService] = set()
        self._endings: dict[TrackedAppService, asyncio.Task[None]] = {}
        self._page = Template((PAGE_DIR / "index.html").read_text("utf-8"))

    @property
    def cookie_name(self) -> str:
        """The cookie that carries the key after the first page; one per port, as cookies
        ignore ports."""
        return f"helpdesk-chave-{self.port}"

    @property
    def app_processes(self) -> list[asyncio.subprocess.Process]:
        """The app processes of the open tabs."""
        return [s.process for s in self._sessions if s.process is not None]

    # --- the aiohttp application -------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        """Routes of textual-serve (page, WebSocket, its static files, downloads) plus our
        assets, behind the access guard."""
        static = Path(textual_serve.__file__).parent / "static"
        app = web.Application(middlewares=[self._guard])
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", static, name="static"),
                web.static("/assets", PAGE_DIR / "assets", name="assets"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        """Refuse with 403 what lacks the key (or, key-free, comes from elsewhere)."""
        refusal = self.refusal(request)
        if refusal:
            log.debug("refused %s: %s", request.path, refusal)
            return web.Response(
                status=403,
                text=FORBIDDEN_PAGE,
                content_type="text/html",
                charset="utf-8",
                headers=SECURITY_HEADERS,
            )
        response: web.StreamResponse = await handler(request)
        if not response.prepared:
            response.headers.update(SECURITY_HEADERS)
            if self.key and KEY_PARAM in request.query:
                # Files and the WebSocket that the page loads carry no query: the key rides in
                # a cookie that other sites never get (SameSite=Strict) and scripts never read.
                response.set_cookie(
                    self.cookie_name, self.key, httponly=True, samesite="Strict", path="/"
                )
        return response

    def refusal(self, request: web.Request) -> str:
        """Why ``request`` is refused, or an empty string when it may pass."""
        if self.key is not None:
            offered = request.query.get(KEY_PARAM) or request.cookies.get(self.cookie_name) or ""
            if not hmac.compare_digest(offered.encode(), self.key.encode()):
                return "sem a chave de acesso"
            return ""
        if (request.url.host or "").lower() not in KEY_FREE_HOSTS:
            return "Host de fora"  # a DNS-rebinding page names its own host here
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None:
            seen = URL(origin)
            if (seen.host, seen.port) != (request.url.host, request.url.port):
                return "WebSocket aberto por outro site"
        return ""

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page: a terminal that connects back to this same address."""
        try:
            font_size = min(max(int(request.query.get("fontsize", "")), 8), 40)
        except ValueError:
            font_size = DEFAULT_FONT_SIZE
        values = {name: html.escape(value) for name, value in self._colours().items()}
        page = self._page.substitute(
            title=html.escape(PAGE_TITLE), font_size=str(font_size), **values
        )
        return web.Response(
            text=page,
            content_type="text/html",
            charset="utf-8",
            headers={"Cache-Control": "no-store"},
        )

    # --- one app process per tab -------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Give this tab an app process (the spare when it is fresh) and relay between them
        until either side ends."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _clamped(request.query.get("width"), 80)
        height = _clamped(request.query.get("height"), 24)
        await websocket.prepare(request)
        service: TrackedAppService | None = None
        try:
            spare = await self._take_spare()
            self._refill_spare()
            if spare is not None:
                service = spare.service
                await spare.relay.attach(websocket)
                await service.set_terminal_size(width, height)
            else:
                relay = Relay()
                service = self._new_service(relay)
                await relay.attach(websocket)
                await service.start(width, height)
            await self._relay(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("a sessão terminou com erro")
        finally:
            if service is not None:
                await self._end(service)
            await websocket.close()
        return websocket

    def _new_service(self, relay: Relay) -> TrackedAppService:
        """An app process manager whose output goes through ``relay``; recorded until it ends."""
        service = TrackedAppService(
            self.command,
            write_bytes=relay.write_bytes,
            write_str=relay.write_str,
            close=relay.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self._sessions.add(service)
        return service

    async def _take_spare(self) -> Spare | None:
        """The spare app, once painted, if it still runs and nothing it showed has changed."""
        spare, self._spare = self._spare, None
        if spare is None:
            return None
        if spare.freshness == self._freshness():
            # Started before this tab: even mid-start it is ahead of a fresh app.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(spare.relay.painted.wait(), SPARE_WAIT)
        process = spare.service.process
        running = process is not None and process.returncode is None
        usable = spare.relay.painted.is_set() and spare.relay.held_bytes <= HELD_LIMIT
        if running and usable and spare.freshness == self._freshness():
            return spare
        self._in_background(self._end(spare.service))
        return None

    def _in_background(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` without waiting for it, keeping a reference until it is done."""
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _refill_spare(self) -> None:
        """Start the next spare in the background (one at a time, none while stopping)."""
        starting = self._spare_task is not None and not self._spare_task.done()
        if self._keep_spare and not self._stopping and self._spare is None and not starting:
            self._spare_task = asyncio.create_task(self._start_spare())

    async def _start_spare(self) -> None:
        """Start an app that waits for a tab; its output is held until one takes it."""
        relay = Relay()
        service = self._new_service(relay)
        freshness = self._freshness()
        try:
            await service.start(*SPARE_SIZE)
        except Exception:
            log.exception("não foi possível iniciar um aplicativo de reserva")
            self._sessions.discard(service)
            return
        if self._stopping or self._spare is not None:
            await self._end(service)
        else:
            self._spare = Spare(service, relay, freshness)

    async def _relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """Pass the page's keys, sizes and focus changes to the app (textual-serve's protocol)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, *data = message.json()
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and data and isinstance(data[0], str):
                await service.send_bytes(data[0].encode("utf-8"))
            elif kind == "resize" and data and isinstance(data[0], dict):
                size = data[0]
                await service.set_terminal_size(
                    _clamped(size.get("width"), 80), _clamped(size.get("height"), 24)
                )
            elif kind == "ping" and data:
                await websocket.send_json(["pong", data[0]])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _end(self, service: TrackedAppService) -> None:
        """End one app process once, however many callers ask (tab closed, server stopping)."""
        ending = self._endings.get(service)
        if ending is None:
            ending = self._endings[service] = asyncio.create_task(self._stop_process(service))
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.shield(ending)

    async def _stop_process(self, service: TrackedAppService) -> None:
        """Ask the app to quit (its normal exit path closes the store); kill it after the grace."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(service.stop(), QUIT_GRACE)
        process = service.process
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), QUIT_GRACE)
        except TimeoutError:
            log.warning("o aplicativo (processo %s) não saiu; encerrando à força", process.pid)
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
        self._endings.pop(service, None)
        self._sessions.discard(service)

    async def on_shutdown(self, app: web.Application) -> None:
        """Stopping the server ends every app process it started, the spare included."""
        self._stopping = True
        if self._spare_task is not None:
            with contextlib.suppress(Exception):
                await self._spare_task  # a spare still starting ends itself on seeing _stopping
        self._spare = None
        await asyncio.gather(*self._background)
        await asyncio.gather(*(self._end(service) for service in list(self._sessions)))

    # --- running --------------------------------------------------------------------------------

    def run(self, out: IO[str] | None = None) -> None:
        """Listen, print the URL first, serve until SIGINT/SIGTERM, then end every app."""
        sock = open_socket(self.host, self.port)
        self.port = sock.getsockname()[1]
        asyncio.run(self._serve(sock, out or sys.stdout))

    async def _serve(self, sock: socket.socket, out: IO[str]) -> None:
        """Serve on ``sock`` until asked to stop."""
        runner = web.AppRunner(
            await self._make_app(),
            access_log=None,  # the URL holds the key: no request is ever logged
            handle_signals=False,
            shutdown_timeout=QUIT_GRACE * 2 + 1,
        )
        await runner.setup()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        try:
            await web.SockSite(runner, sock).start()
            self._refill_spare()
            url = url_for(self.host, self.port, self.key)
            print(url, file=out, flush=True)
            print(_banner(self.key is not None), file=out, flush=True)
            await stop.wait()
            print("Encerrando: fechando as abas abertas…", file=out, flush=True)
        finally:
            await runner.cleanup()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)


def _banner(with_key: bool) -> str:
    """What the person serving reads under the URL."""
    lines = [
        "Central do Parceiro no navegador: abra o endereço acima. Cada aba abre o aplicativo,",
        "todas com o mesmo arquivo de dados.",
    ]
    if with_key:
        lines.append(
            "O endereço leva a chave de acesso: passe-o só a quem pode usar a central. Sem HTTPS "
            "a chave viaja aberta na rede."
        )
    lines.append("Ctrl+C encerra o servidor e todas as abas.")
    return "\n".join(lines)


def _clamped(value: object, default: int) -> int:
    """A terminal dimension from the page: a whole number from 1 to 1000, else ``default``."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return min(max(number, 1), 1000)
