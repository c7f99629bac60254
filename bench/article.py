"""Article rendering: key press → article fully rendered, against a bare Markdown widget.

Run: ``.venv/bin/python bench/article.py [ROUNDS] [--raw]`` (``--raw`` prints every time).
Targets: first open ≤ 1.0× the bare ``Markdown`` widget rendering the same text; reopening an
article already seen ≤ 50 ms.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Markdown

from helpdesk.catalog import load_catalog
from helpdesk.clock import fixed_clock
from screens.app import HelpdeskApp, create_app
from screens.article import ArticleScreen

SIZE = (120, 36)
NOW = datetime(2026, 11, 26, 10)


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def painted(app: App[None], ready: Callable[[], bool]) -> None:
    """Wait until ``ready()`` holds, then until the screen has been laid out and painted.

    Polling with ``pilot.pause()`` would add its own ~20 ms idle detection to every figure; a
    callback after the screen's next refresh fires as soon as nothing is left to lay out or paint.
    """
    while not ready():
        await asyncio.sleep(0)
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


class Bare(App[None]):
    """A bare app holding one scrolling container."""

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="box")


async def bare_times(texts: list[str], rounds: int) -> list[float]:
    """Mount a fresh Markdown widget per text and time it until rendered."""
    times = []
    app = Bare()
    async with app.run_test(size=SIZE):
        box = app.query_one("#box")
        for _ in range(rounds):
            for text in texts:
                await box.remove_children()
                start = time.perf_counter()
                markdown = Markdown(text)
                await box.mount(markdown)
                await painted(app, lambda m=markdown: bool(m.children))  # type: ignore[misc]
                times.append(time.perf_counter() - start)
    return times


async def open_and_time(app: HelpdeskApp, article_id: str) -> float:
    """Open ``article_id`` the way a followed link does and time it until fully rendered."""
    start = time.perf_counter()
    app.open_article(article_id)

    def shown() -> bool:
        screen = app.screen
        if not isinstance(screen, ArticleScreen) or screen.article_id != article_id:
            return False
        try:
            body = screen.body
        except NoMatches:  # not composed yet
            return False
        return bool(body.children) and body.region.height > 0

    await painted(app, shown)
    return time.perf_counter() - start


async def helpdesk_times(ids: list[str], rounds: int) -> dict[str, list[float]]:
    """Each round a fresh app: articles opened from home, from another article, and again."""
    found: dict[str, list[float]] = {"home": [], "link": [], "again": []}
    for _ in range(rounds):
        for scenario in ("home", "link"):
            app = create_app(Path(tempfile.mkdtemp()) / "h.json", fixed_clock(NOW))
            async with app.run_test(size=SIZE) as pilot:
                while not app.warmed_up.is_set():  # the start-up preparation runs in a thread
                    await pilot.pause()
                if scenario == "link":
                    await open_and_time(app, ids[-1])
                for article_id in ids if scenario == "home" else ids[:-1]:
                    if scenario == "home":
                        app.action_home()
                        await pilot.pause()
                    found[scenario].append(await open_and_time(app, article_id))
                if scenario == "link":
                    for article_id in ids:
                        found["again"].append(await open_and_time(app, article_id))
            # Each round stands for a fresh process: the closed app's objects are collected
            # now, not in the middle of the next app's first measurement.
            gc.collect()
    return found


def report(label: str, values: list[float]) -> tuple[float, float]:
    """Print p50/p95 in ms; return them."""
    p50, p95 = statistics.median(values), percentile(values, 0.95)
    print(f"{label:<34} p50 {p50 * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms   (n={len(values)})")
    return p50, p95


def main() -> None:
    """Measure the bare widget and the three ways of opening an article; print the ratios."""
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    rounds = int(numbers[0]) if numbers else 3
    catalog = load_catalog()
    ids = list(catalog.articles)
    texts = [catalog.articles[i].body for i in ids]
    bare = asyncio.run(bare_times(texts, rounds))
    found = asyncio.run(helpdesk_times(ids, rounds))
    bare50, bare95 = report("bare Markdown widget", bare)
    home50, home95 = report("first open, from the home screen", found["home"])
    link50, link95 = report("first open, from another article", found["link"])
    report("reopen an article already seen", found["again"])
    if "--raw" in sys.argv:
        for name, values in {"bare": bare, **found}.items():
            print(f"  {name}: " + " ".join(f"{v * 1000:.0f}" for v in values))
    print(
        f"ratio first open from home / bare:  p50 {home50 / bare50:.2f}x, p95 {home95 / bare95:.2f}x"
    )
    print(
        f"ratio first open from a link / bare: p50 {link50 / bare50:.2f}x, p95 {link95 / bare95:.2f}x"
        " (target <= 1.0x)"
    )
    print(f"reopen p95 {percentile(found['again'], 0.95) * 1000:.1f} ms (target <= 50 ms)")


if __name__ == "__main__":
    main()
