"""Memory while reading: resident set size after 10, 30 and 60 distinct articles, against bare Markdown.

Run: ``.venv/bin/python bench/memory.py [ROUNDS]`` (default 5). Each round starts two fresh
processes, one after the other, both headless at 120×36:

* **helpdesk** — the app (start-up preparation done), opening one distinct article after the
  other as a followed link does, each until painted;
* **bare** — a bare Textual app that shows each text on a new screen holding Header, Textual's
  stock ``Markdown`` widget and Footer (the screen before is dropped), each until painted.

The texts are the shipped articles, then copies of them with a line added (so that each one is
parsed and drawn anew) until there are 60. Resident set size (``VmRSS`` of ``/proc/self/status``)
is read at start and after 10, 30 and 60 articles, after a full collection. Min and median over the
rounds; ratio helpdesk / bare of the medians. Targets: flat after the kept-screen cap (the growth
from 30 to 60 articles is close to nothing) and ≤ 1.2× the bare app.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import json
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, not bench/store.py, answer "import store"

CHECKPOINTS = (10, 30, 60)
SIZE = (120, 36)
NOW = datetime(2026, 11, 26, 10)


def rss_mb() -> float:
    """This process's resident set size in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS not found")


def catalog_of(count: int):  # type: ignore[no-untyped-def]
    """The shipped catalog plus copies of its articles (each with a line added) up to ``count``."""
    from helpdesk.catalog import load_catalog

    catalog = load_catalog()
    shipped = list(catalog.articles.values())
    copy = 0
    while len(catalog.articles) < count:
        article = shipped[copy % len(shipped)]
        copy += 1
        clone = dataclasses.replace(
            article,
            id=f"{article.id}-copia-{copy}",
            title=f"{article.title} ({copy})",
            body=f"{article.body}\n\nCópia {copy} deste artigo, para medir a memória.\n",
        )
        catalog.articles[clone.id] = clone
    return catalog


async def helpdesk_child(count: int) -> dict[str, float]:
    """Open ``count`` distinct articles in the app; RSS at each checkpoint."""
    from _paint import FrameClock

    from helpdesk.clock import fixed_clock
    from screens.app import create_app

    catalog = catalog_of(count)
    app = create_app(Path(tempfile.mkdtemp()) / "h.json", fixed_clock(NOW), catalog)
    found: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        while not app.warmed_up.is_set():
            await pilot.pause()
        await pilot.pause()
        gc.collect()
        found["0"] = rss_mb()
        clock = FrameClock(app)
        for number, article_id in enumerate(list(catalog.articles)[:count], start=1):
            app.open_article(article_id)
            await clock.settled(clock.start())
            if number in CHECKPOINTS:
                await pilot.pause()
                gc.collect()
                found[str(number)] = rss_mb()
        clock.close()
    return found


async def bare_child(count: int) -> dict[str, float]:
    """Show ``count`` texts with the stock Markdown widget, a new screen each; RSS at checkpoints."""
    from _paint import FrameClock
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Markdown

    texts = [article.body for article in catalog_of(count).articles.values()][:count]

    class Page(Screen[None]):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

        def compose(self) -> ComposeResult:
            yield Header()
            yield Markdown(self.text)
            yield Footer()

    app: App[None] = App()
    found: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gc.collect()
        found["0"] = rss_mb()
        clock = FrameClock(app)
        for number, text in enumerate(texts, start=1):
            if number == 1:
                app.push_screen(Page(text))
            else:
                app.switch_screen(Page(text))
            await clock.settled(clock.start())
            if number in CHECKPOINTS:
                await pilot.pause()
                gc.collect()
                found[str(number)] = rss_mb()
        clock.close()
    return found


def run_child(engine: str) -> dict[str, float]:
    """One fresh process of ``engine``; its checkpoints."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", engine],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Alternate the two engines; print RSS per checkpoint and the ratios."""
    if sys.argv[1:2] == ["--child"]:
        child = helpdesk_child if sys.argv[2] == "helpdesk" else bare_child
        print(json.dumps(asyncio.run(child(max(CHECKPOINTS)))))
        return
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    found: dict[str, list[dict[str, float]]] = {"bare": [], "helpdesk": []}
    for _ in range(rounds):
        for engine in found:
            found[engine].append(run_child(engine))
    print(f"VmRSS in MB after a full collection, headless {SIZE[0]}x{SIZE[1]}, {rounds} rounds")
    marks = ["0", *map(str, CHECKPOINTS)]
    print(f"{'articles read':<34}" + "".join(f"{mark:>18}" for mark in marks))
    medians: dict[str, dict[str, float]] = {}
    for engine, runs in found.items():
        label = "bare Markdown app" if engine == "bare" else "helpdesk"
        medians[engine] = {m: statistics.median(run[m] for run in runs) for m in marks}
        cells = "".join(
            f"{min(run[m] for run in runs):7.1f} / {medians[engine][m]:6.1f}  " for m in marks
        )
        print(f"{label + ' (min / median)':<34}{cells}")
    print(
        f"{'ratio helpdesk / bare':<34}"
        + "".join(f"{medians['helpdesk'][m] / medians['bare'][m]:17.2f}x" for m in marks)
        + "   (target <= 1.2x)"
    )
    for engine, values in medians.items():
        growth = (values["60"] - values["30"]) / 30
        print(f"growth from 30 to 60 articles, {engine}: {growth * 1000:.0f} KB per article")


if __name__ == "__main__":
    main()
