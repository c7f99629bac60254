"""Helpers for the browser tests of ``helpdesk serve``: the server, Debian's Chromium, the screen.

The page's terminal (xterm.js) paints on a canvas, so the text is read from xterm's own buffer:
an init script catches the Terminal object as textual.js stores it (``this.terminal = …``),
before any page script runs. What the tests read is exactly what xterm.js shows the person.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NOW = "2026-11-26T10:00"
"""The moment the served apps live in (a Thursday, a business day)."""

WAIT_MS = 45_000
"""Longest wait for the app to show something: CI shares two cores with the browser."""

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.options && !window.__terminal) {
      window.__terminal = value;
    }
  },
});
"""

SCREEN_TEXT = """() => {
  const terminal = window.__terminal;
  if (!terminal) { return ""; }
  const buffer = terminal.buffer.active;
  const lines = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
}"""


FULL_WIDTH = """() => {
  const terminal = window.__terminal;
  const cell = terminal && terminal.buffer.active.getLine(0).getCell(terminal.cols - 1);
  return Boolean(cell && cell.isBgRGB());
}"""
"""True once the app paints the last column too (Textual colours every cell it draws)."""


def require_chromium() -> None:
    """Fail (never skip) with the fix when Debian's Chromium is missing."""
    if not CHROMIUM.exists():
        pytest.fail(
            "Chromium não está instalado em /usr/bin/chromium; instale com: "
            "bash .ci/setup-chromium.sh",
            pytrace=False,
        )


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (its own browser download is unused)."""
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser: Any, base_url: str, **options: Any) -> Any:
    """A browser context that reads the terminal and never reaches past this machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, **options)
    context.add_init_script(CATCH_TERMINAL)
    origin = re.match(r"https?://[^/]+", base_url)
    assert origin is not None

    def outside(url: str) -> bool:
        return not url.startswith(origin.group(0))

    # Links the app opens (wa.me, article sources) get a stand-in page, not the network.
    context.route(
        outside, lambda route: route.fulfill(status=200, body="fora", content_type="text/plain")
    )
    return context


def screen_text(page: Any) -> str:
    """What the terminal in ``page`` shows, one line per row."""
    return str(page.evaluate(SCREEN_TEXT))


def wait_for_text(page: Any, *texts: str, timeout: int = WAIT_MS) -> str:
    """Wait until the terminal shows every one of ``texts``; return the screen."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            f"(texts) => {{ const screen = ({SCREEN_TEXT})(); "
            "return texts.every((text) => screen.includes(text)); }",
            arg=list(texts),
            timeout=timeout,
            polling=100,
        )
    except PlaywrightTimeout:
        pytest.fail(f"the page never showed {texts!r}; it shows:\n{screen_text(page)}")
    return screen_text(page)


def open_app(context: Any, url: str) -> Any:
    """A new tab on ``url``, once the home screen is up at the tab's own size (a spare app's
    first frame still has the size it started with)."""
    page = context.new_page()
    page.goto(url)
    wait_for_text(page, "Artigos do Plano Exclusivo", "Autoatendimento")
    page.wait_for_function(FULL_WIDTH, timeout=WAIT_MS)
    return page


def press(page: Any, *keys: str) -> None:
    """Press keys one by one, as a person would (letters and names such as Tab, Enter)."""
    for key in keys:
        page.keyboard.press(key)


def type_text(page: Any, text: str) -> None:
    """Type ``text`` into the terminal."""
    page.keyboard.type(text)


@dataclass
class Served:
    """A running ``helpdesk serve`` and what it was given."""

    process: subprocess.Popen[str]
    url: str
    db_path: Path
    env: dict[str, str]
    output: list[str] = field(default_factory=list)
    app_marker: bytes = b"helpdesk"
    """How an app process of this server ends one of its command-line words."""
    spares: int = 1
    """App processes the server keeps started ahead of the next tab."""

    @property
    def base_url(self) -> str:
        """The URL without the query (no key)."""
        return self.url.split("?")[0]

    def app_pids(self) -> list[int]:
        """Process ids of the apps the server runs now (one per open tab)."""
        return sorted(
            pid for pid in _descendants(self.process.pid) if _is_app(pid, self.app_marker)
        )

    def wait_for_apps(self, count: int, timeout: float = 30.0) -> list[int]:
        """Wait until exactly ``count`` app processes run; return their ids."""
        deadline = time.monotonic() + timeout
        while True:
            pids = self.app_pids()
            if len(pids) == count or time.monotonic() > deadline:
                return pids
            time.sleep(0.1)

    def stop(self, sig: int = signal.SIGINT, timeout: float = 30.0) -> int:
        """Send ``sig`` and wait for the server to end; return its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        assert self.process.stdout is not None
        self.output.append(self.process.stdout.read())
        return self.process.returncode

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``helpdesk --db <same file> ARGS`` as a separate process."""
        return subprocess.run(
            [sys.executable, "-m", "helpdesk", "--db", str(self.db_path), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def requests(self) -> list[dict[str, Any]]:
        """The requests in the data file, through the CLI."""
        result = self.cli("requests", "--json")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert isinstance(data, list)
        return data


def serve_env(folder: Path) -> dict[str, str]:
    """Environment for the server and its apps: a home in ``folder`` and a pinned clock."""
    home = folder / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("HELPDESK_")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        HELPDESK_NOW=NOW,
    )
    return env


def start_server(folder: Path, *options: str) -> Served:
    """``helpdesk serve --port 0`` on a data file in ``folder``; waits for the URL line."""
    db_path = folder / "data" / "helpdesk.json"
    env = serve_env(folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "helpdesk", "serve", "--port", "0", "--db", str(db_path), *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # a ctrl+c in the test runner's terminal is not the server's
    )
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    if not first.startswith("http://"):
        process.kill()
        pytest.fail(f"helpdesk serve did not print its URL first: {first!r}")
    return Served(process, first, db_path, env)


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc), not counting ``pid`` itself."""
    found: set[int] = set()
    pending = [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    pending.append(child)
    return found


def _is_app(pid: int, marker: bytes) -> bool:
    """True when ``pid`` runs the app (a word of its command ends with ``marker``), not the
    shell textual-serve starts it through."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return alive(pid) and b"-c" not in words and any(word.endswith(marker) for word in words)


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
