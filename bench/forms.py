"""Forms: opening one, and a key press in one of its fields, against the plainest Textual screens.

Run: ``.venv/bin/python bench/forms.py [ROUNDS]`` (default 5). In one process, headless at 120×36,
alternating each round between a bare Textual app and helpdesk (a fresh app each time):

* **open** — helpdesk: from the home screen, ``open_form("cancel")`` (what the ``1`` key does)
  to the first frame of the form, and to the last one once nothing is left to do (the footer's
  keys, the outcome panel). Bare: pushing a screen with Header, Static and Footer, timed the same
  way.
* **key** — helpdesk: one character typed in the cancellation form (ID Suporte, then both dates;
  every key re-checks the fields and redraws the outcome panel) until painted. Bare: the same
  characters typed into an ``Input`` beside a ``Static``. A key is posted to the app as the
  terminal driver posts it.

The cursor does not blink in either app (a blink is a frame of its own, not the key's).

"Painted" is the last frame before every queue, layout and after-refresh call is done
(``bench/_paint.py``). Figures are min and median; ratios pair the medians and the minimums.
Layouts per key counts the screen's full layout passes (``Screen._refresh_layout``).
Targets: key ≤ 1.5× the bare screen; opening a form ≤ 100 ms.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, not bench/store.py, answer "import store"

from _paint import FrameClock, ratio_line, summary  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Footer, Header, Input, Static  # noqa: E402

from helpdesk.clock import fixed_clock  # noqa: E402
from screens.app import create_app  # noqa: E402
from screens.forms import FormScreen  # noqa: E402

SIZE = (120, 36)
NOW = datetime(2026, 11, 26, 10)
TYPED = [*"123456", "tab", *"01/03/2026", "tab", *"01/03/2027"]
"""ID Suporte, then the start of the term and the renewal of the cancellation form."""


def key_event(key: str) -> events.Key:
    """The event the terminal driver posts for ``key``."""
    if key == "tab":
        return events.Key("tab", "\t")
    name = {"/": "slash"}.get(key, key)
    return events.Key(name, key)


async def type_keys(app: App[Any], clock: FrameClock, found: dict[str, list[float]]) -> None:
    """Type ``TYPED`` one key at a time; note wall time, CPU time and layouts of each character."""
    for key in TYPED:
        start = clock.start()
        app.post_message(key_event(key))
        took, passes = await clock.settled(start)
        if key != "tab":
            found["key"].append(took)
            found["key cpu"].append(clock.cpu)
            found["layouts"].append(passes)


def figures() -> dict[str, list[float]]:
    """Empty lists for every figure a round notes."""
    return {name: [] for name in ("first", "open", "open cpu", "key", "key cpu", "layouts")}


class BareForm(Screen[None]):
    """An Input beside a Static, as plain as a form gets."""

    def compose(self) -> ComposeResult:
        yield Static("ID Suporte")
        yield Input(id="one")
        yield Input(id="two")
        yield Input(id="three")


class BareScreen(Screen[None]):
    """Header, Static and Footer."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Formulário")
        yield Footer()


def note_open(found: dict[str, list[float]], clock: FrameClock, took: float) -> None:
    """Note an open's figures."""
    found["open"].append(took)
    found["first"].append(clock.first)
    found["open cpu"].append(clock.cpu)


async def bare_round(found: dict[str, list[float]]) -> None:
    """Open a bare screen, then type into a bare Input."""
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock = FrameClock(app)
        try:
            start = clock.start()
            app.push_screen(BareScreen())
            note_open(found, clock, (await clock.settled(start))[0])
            start = clock.start()
            app.switch_screen(BareForm())
            await clock.settled(start)
            app.screen.query_one("#one").focus()
            await clock.settled(clock.start())
            await type_keys(app, clock, found)
        finally:
            clock.close()


async def helpdesk_round(found: dict[str, list[float]]) -> None:
    """Open the cancellation form from home, then fill three fields."""
    app = create_app(Path(tempfile.mkdtemp()) / "h.json", fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        while not app.warmed_up.is_set():
            await pilot.pause()
        await pilot.pause()
        clock = FrameClock(app)
        try:
            start = clock.start()
            app.open_form("cancel")
            note_open(found, clock, (await clock.settled(start))[0])
            assert isinstance(app.screen, FormScreen)
            await type_keys(app, clock, found)
            assert app.screen.raw()["renews_on"] == "01/03/2027", app.screen.raw()
        finally:
            clock.close()


def main() -> None:
    """Alternate bare and helpdesk rounds; print figures and ratios."""
    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    bare, ours = figures(), figures()
    asyncio.run(helpdesk_round(figures()))  # imports and file caches, not counted
    for _ in range(rounds):
        asyncio.run(bare_round(bare))
        gc.collect()
        asyncio.run(helpdesk_round(ours))
        gc.collect()
    print(f"headless {SIZE[0]}x{SIZE[1]}, {rounds} interleaved rounds, a fresh app each")
    print(summary("open, CPU: bare screen (Header, Static, Footer)", bare["open cpu"]))
    print(summary("open, CPU: helpdesk cancellation form", ours["open cpu"]))
    print(ratio_line("open, CPU: helpdesk / bare", ours["open cpu"], bare["open cpu"], "<= 3x"))
    print(summary("open, wall to first frame: bare screen", bare["first"]))
    print(summary("open, wall to first frame: helpdesk form", ours["first"]))
    print(summary("open, wall to last frame: bare screen", bare["open"]))
    print(summary("open, wall to last frame: helpdesk form", ours["open"]))
    print(summary("key, CPU: bare Input + Static", bare["key cpu"]))
    print(summary("key, CPU: helpdesk form field", ours["key cpu"]))
    print(ratio_line("key, CPU: helpdesk / bare", ours["key cpu"], bare["key cpu"], "<= 1.5x"))
    print(summary("key, wall: bare Input + Static", bare["key"]))
    print(summary("key, wall: helpdesk form field", ours["key"]))
    print(ratio_line("key, wall: helpdesk / bare", ours["key"], bare["key"], "<= 1.5x"))
    print(
        f"layout passes per key: bare {statistics.mean(bare['layouts']):.1f}, "
        f"helpdesk {statistics.mean(ours['layouts']):.1f}"
    )


if __name__ == "__main__":
    main()
