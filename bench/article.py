"""Article rendering: opening an article until painted, against the stock Markdown widget.

Run: ``.venv/bin/python bench/article.py [ROUNDS] [--raw]`` (default 5; ``--raw`` prints every
time). Headless at 120×36. Each round, one after the other, each in a fresh app:

* **bare** — Textual's stock ``Markdown`` widget mounted with each shipped article's text into an
  empty scrolling container (no screen switch, no header, footer or sidebar);
* **home** — each article opened from the home screen;
* **link** — each article opened from another article (``open_article``, as a followed link);
* **again** — each article opened once more, its screen kept from before.

An open is timed from the call to the last frame before every queue, layout and after-refresh
call is done (``bench/_paint.py``), in CPU time (robust on a busy machine) and wall time; the
layout passes of each open are counted too. Min and median; ratios pair the medians and the
minimums. Target: first open ≤ 0.7× the bare widget.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, not bench/store.py, answer "import store"

from _paint import FrameClock, ratio_line, summary  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import VerticalScroll  # noqa: E402
from textual.widgets import Markdown  # noqa: E402

from helpdesk.catalog import load_catalog  # noqa: E402
from helpdesk.clock import fixed_clock  # noqa: E402
from screens.app import HelpdeskApp, create_app  # noqa: E402
from screens.article import ArticleScreen  # noqa: E402

SIZE = (120, 36)
NOW = datetime(2026, 11, 26, 10)


class Bare(App[None]):
    """A bare app holding one scrolling container."""

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="box")


Timing = tuple[float, float]
"""Wall seconds and CPU seconds of one action."""


async def bare_times(texts: list[str]) -> list[Timing]:
    """Mount a fresh Markdown widget per text and time it until painted and settled."""
    times = []
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.query_one("#box")
        clock = FrameClock(app)
        try:
            for text in texts:
                await box.remove_children()
                await clock.settled(clock.start())
                start = clock.start()
                await box.mount(Markdown(text))
                took, _ = await clock.settled(start)
                times.append((took, clock.cpu))
        finally:
            clock.close()
    return times


async def open_and_time(
    app: HelpdeskApp, clock: FrameClock, article_id: str, layouts: list[int]
) -> Timing:
    """Open ``article_id`` the way a followed link does; time it until painted and settled."""
    start = clock.start()
    app.open_article(article_id)
    took, passes = await clock.settled(start)
    screen = app.screen
    assert isinstance(screen, ArticleScreen) and screen.article_id == article_id
    layouts.append(passes)
    return took, clock.cpu


async def helpdesk_times(ids: list[str], scenario: str, layouts: list[int]) -> list[Timing]:
    """A fresh app; articles opened from home, from another article, or again (``scenario``)."""
    times: list[Timing] = []
    app = create_app(Path(tempfile.mkdtemp()) / "h.json", fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        while not app.warmed_up.is_set():  # the start-up preparation runs in a thread
            await pilot.pause()
        await pilot.pause()
        clock = FrameClock(app)
        try:
            if scenario == "home":
                for article_id in ids:
                    app.action_home()
                    await clock.settled(clock.start())
                    times.append(await open_and_time(app, clock, article_id, layouts))
            else:
                ignored: list[int] = []
                await open_and_time(app, clock, ids[-1], ignored)
                for article_id in ids[:-1]:
                    took = await open_and_time(app, clock, article_id, layouts)
                    if scenario == "link":
                        times.append(took)
                for article_id in ids:
                    took = await open_and_time(app, clock, article_id, ignored)
                    if scenario == "again":
                        times.append(took)
        finally:
            clock.close()
    return times


def main() -> None:
    """Alternate the bare widget and the three ways of opening an article; print the ratios."""
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    rounds = int(numbers[0]) if numbers else 5
    catalog = load_catalog()
    ids = list(catalog.articles)
    texts = [catalog.articles[i].body for i in ids]
    found: dict[str, list[Timing]] = {"bare": [], "home": [], "link": [], "again": []}
    layouts: list[int] = []
    for _ in range(rounds):
        found["bare"] += asyncio.run(bare_times(texts))
        gc.collect()
        for scenario in ("home", "link", "again"):
            found[scenario] += asyncio.run(helpdesk_times(ids, scenario, layouts))
            # Each round stands for a fresh process: the closed app's objects are collected
            # now, not in the middle of the next app's first measurement.
            gc.collect()
    print(f"headless {SIZE[0]}x{SIZE[1]}, {rounds} interleaved rounds, {len(ids)} shipped articles")
    labels = {
        "bare": "bare Markdown widget, same text",
        "home": "first open, from the home screen",
        "link": "first open, from another article",
        "again": "reopen an article already seen",
    }
    for clock, index in (("CPU", 1), ("wall", 0)):
        for name, label in labels.items():
            print(summary(f"{clock}: {label}", [t[index] for t in found[name]]))
    if "--raw" in sys.argv:
        for name, values in found.items():
            print(f"  {name} (wall): " + " ".join(f"{v[0] * 1000:.0f}" for v in values))
    for clock, index in (("CPU", 1), ("wall", 0)):
        bare = [t[index] for t in found["bare"]]
        for name in ("home", "link"):
            ours = [t[index] for t in found[name]]
            print(ratio_line(f"{clock}: {labels[name]} / bare", ours, bare, "<= 0.7x"))
    print(f"layout passes per first open: {statistics.mean(layouts):.1f}")


if __name__ == "__main__":
    main()
