"""``helpdesk serve`` in Debian's Chromium: page load → home text visible, and memory per tab.

Run: ``.venv/bin/python bench/serve.py [ROUNDS]`` (default 5). Two servers run side by side, both
``HelpdeskServer`` (same page, same textual-serve relay): one serves ``helpdesk``, the other a bare
Textual app (Header, Static, Footer; ``bench/_bare_served_app.py``). Each round opens a fresh
browser context on each, alternating which goes first, and takes the page's own clock
(``performance.now()``, from navigation start) when xterm.js first shows the home text. One untimed
round first warms the file cache. Prints min and median of each and the ratio of medians
(target ≤ 1.3×), twice: as ``helpdesk serve`` runs (a spare app started ahead for the next tab)
and with the spare turned off (each tab starts its own app while the person waits).

Memory: three tabs stay open on each server; after each app's start-up preparation, the
resident (RSS) and proportional (PSS, shared pages split between processes) size of each app
process, averaged per tab, and the server's own growth.
"""

from __future__ import annotations

import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from _browser import SCREEN_TEXT, Served, chromium, new_context, serve_env  # noqa: E402

from helpdesk.compose.serve import app_command  # noqa: E402

HOME_TEXT = {"helpdesk": "Autoatendimento", "bare": "Aplicativo de referência pronto"}
TABS = 3


def start(folder: Path, which: str, spare: bool) -> Served:
    """A HelpdeskServer on a free port whose tabs run ``which`` (helpdesk or bare)."""
    if which == "helpdesk":
        command = app_command(folder / "data" / "helpdesk.json")
        marker = b"helpdesk"
    else:
        command = "exec " + shlex.join(
            [sys.executable, str(ROOT / "bench" / "_bare_served_app.py")]
        )
        marker = b"_bare_served_app.py"
    script = (
        "from helpdesk.compose.serve import HelpdeskServer; "
        f"HelpdeskServer({command!r}, port=0, spare={spare}).run()"
    )
    env = serve_env(folder)
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    return Served(process, url, folder / "data" / "helpdesk.json", env, app_marker=marker)


def load_ms(browser: Any, served: Served, text: str) -> float:
    """Milliseconds from navigation start until the terminal shows ``text``."""
    context = new_context(browser, served.url)
    page = context.new_page()
    page.goto(served.url, wait_until="commit")
    shown = page.wait_for_function(
        f"(text) => ({SCREEN_TEXT})().includes(text) ? performance.now() : false",
        arg=text,
        polling="raf",
        timeout=60_000,
    )
    elapsed = float(shown.json_value())
    context.close()
    served.wait_for_apps(served.spares)
    return elapsed


def kib(pid: int, field: str) -> int:
    """A ``field`` (``Rss`` or ``Pss``) of /proc/PID/smaps_rollup, in KiB."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def memory(browser: Any, served: Served, text: str) -> tuple[float, float, float]:
    """Mean RSS and PSS (MiB) of one tab's app with ``TABS`` tabs open, and the server's growth."""
    server_before = kib(served.process.pid, "Rss")
    context = new_context(browser, served.url)
    for _ in range(TABS):
        page = context.new_page()
        page.goto(served.url)
        page.wait_for_function(
            f"(text) => ({SCREEN_TEXT})().includes(text)", arg=text, timeout=60_000
        )
    time.sleep(5)  # the app prepares articles and the store after its first screen
    pids = served.wait_for_apps(TABS + served.spares)[:TABS]
    rss = statistics.mean(kib(pid, "Rss") for pid in pids) / 1024
    pss = statistics.mean(kib(pid, "Pss") for pid in pids) / 1024
    server_growth = (kib(served.process.pid, "Rss") - server_before) / 1024
    context.close()
    served.wait_for_apps(served.spares)
    return rss, pss, server_growth


def measure(browser: Any, servers: dict[str, Served], rounds: int) -> dict[str, list[float]]:
    """Page load times of each server, interleaved round by round after a warm-up round."""
    for name, served in servers.items():
        served.wait_for_apps(served.spares)
        load_ms(browser, served, HOME_TEXT[name])  # warm the file cache
    times: dict[str, list[float]] = {"helpdesk": [], "bare": []}
    for round_number in range(rounds):
        order = ["bare", "helpdesk"][:: 1 if round_number % 2 else -1]
        for name in order:
            times[name].append(load_ms(browser, servers[name], HOME_TEXT[name]))
    return times


def report(title: str, times: dict[str, list[float]]) -> None:
    """Print one table of load times and the ratio."""
    print(title)
    for name in ("bare", "helpdesk"):
        values = times[name]
        print(
            f"  {LABELS[name]:32} median {statistics.median(values):6.0f}   "
            f"min {min(values):6.0f}   all {' '.join(f'{v:.0f}' for v in values)}"
        )
    ratio = statistics.median(times["helpdesk"]) / statistics.median(times["bare"])
    print(f"  ratio of medians helpdesk / bare: {ratio:.2f}×  (target ≤ 1.3×)")


LABELS = {"bare": "bare Textual app, same server", "helpdesk": "helpdesk"}


def main(argv: list[str]) -> int:
    """Measure and print."""
    rounds = int(argv[0]) if argv else 5
    results: dict[bool, dict[str, list[float]]] = {}
    memories: dict[str, tuple[float, float, float]] = {}
    with chromium() as browser:
        for spare in (True, False):
            with tempfile.TemporaryDirectory() as ours, tempfile.TemporaryDirectory() as bare:
                servers = {
                    "helpdesk": start(Path(ours), "helpdesk", spare),
                    "bare": start(Path(bare), "bare", spare),
                }
                for served in servers.values():
                    served.spares = 1 if spare else 0
                try:
                    results[spare] = measure(browser, servers, rounds)
                    if spare:
                        memories = {
                            name: memory(browser, s, HOME_TEXT[name]) for name, s in servers.items()
                        }
                finally:
                    for served in servers.values():
                        served.stop()

    report(
        f"page load → home text visible in Chromium, ms, {rounds} rounds "
        "(as served: a spare app waits for the next tab)",
        results[True],
    )
    report("same, spare turned off (each tab starts its app while the page waits)", results[False])
    print(f"memory per open tab ({TABS} tabs open, MiB; the spare app costs one more of these)")
    for name in ("bare", "helpdesk"):
        rss, pss, growth = memories[name]
        print(
            f"  {LABELS[name]:32} app process RSS {rss:5.1f}   PSS {pss:5.1f}   "
            f"server growth for {TABS} tabs {growth:4.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
