"""How fast Minhas solicitações and Meu lote open, and how fast the outcome panel follows typing.

Usage: ``.venv/bin/python bench/views.py [REQUESTS] [LICENSES] [RUNS]``
(default 10000 requests, 2000 licenses, 5 runs).

In one run, headless at 120×36, on a database seeded with the given numbers:

* **open** — from the key press (the app's navigate call) to the first frame of the screen
  rendered: the store read, the table filled, layout and painting of the visible rows. The
  first open is reported apart (it also imports the screen's modules); then the median.
* **baseline** — the same screen opened on an empty database, in the same run.
* **recompute** — one change in the cancellation form: every field re-checked, the rules
  evaluated, the panel's texts and timeline updated (``FormScreen.recompute``), over many dates.
  ``preview`` alone is the core's share.

Targets: each view opens in ≤ 300 ms; the panel recomputes in ≤ 5 ms per change.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpdesk.clock import fixed_clock, to_sao_paulo  # noqa: E402
from helpdesk.licenses import License  # noqa: E402
from helpdesk.request_kinds import KINDS  # noqa: E402
from screens.app import HelpdeskApp, create_app  # noqa: E402
from screens.form_model import preview  # noqa: E402
from store.database import Database  # noqa: E402
from store.requests import DETAILS_TABLE, REQUESTS_TABLE  # noqa: E402

NOW = datetime(2026, 11, 26, 10, 0)
SIZE = (120, 36)
OPEN_TARGET_MS = 300.0
RECOMPUTE_TARGET_MS = 5.0
CHANGES = 300
TEMPLATES = {
    "cancel": (0, {"conta_pj": "nao"}),
    "refund": (323, {"conta_pj": "sim"}),  # term started 20/11/2026: refund still possible
    "backup": (2, {"slot": "20:00"}),
    "substitute": (3, {"new_client_name": "Cliente Novo SA", "new_client_cnpj": "11222333000181"}),
}
"""Requests really submitted (kind → license index, fields), then cloned to the size wanted."""


def seed(path: Path, requests: int, licenses: int) -> None:
    """A lote of ``licenses`` and ``requests`` requests cloned from real submissions."""
    now = to_sao_paulo(NOW)
    db = Database(path)
    lote = [
        License(
            support_id=f"{100000 + n}",
            client=f"Cliente {n} Comércio de Alimentos Ltda",
            cnpj="11222333000181",
            term_start=date(2026, 1, 1) + timedelta(days=n % 330),
            renews_on=date(2027, 1, 1) + timedelta(days=n % 330),
            conta_pj=n % 3 == 0,
        )
        for n in range(licenses)
    ]
    db.licenses.import_licenses(lote, now)
    if not requests:
        return
    templates = []
    for kind, (index, fields) in TEMPLATES.items():
        saved = db.requests.submit(kind, {"support_id": lote[index].support_id, **fields}, now)
        templates.append(saved.protocol)
    stored = db.storage.table(REQUESTS_TABLE)
    stored_details = db.storage.table(DETAILS_TABLE)
    by_protocol = {doc["protocol"]: key for key, doc in stored.items()}
    sources = [(stored[by_protocol[p]], stored_details[by_protocol[p]]) for p in templates]
    summaries, details = {}, {}
    for n in range(1, requests + 1):
        summary, detail = sources[n % len(sources)]
        protocol = f"HD-2026-{n:06d}"
        moment = (now - timedelta(minutes=requests - n)).isoformat()
        lic = lote[n % len(lote)]
        summaries[str(n)] = {
            **summary,
            "protocol": protocol,
            "support_id": lic.support_id,
            "client": lic.client,
            "created_at": moment,
            "status_history": [{"status": "registrada", "at": moment, "note": ""}],
            "effect": None,
        }
        details[str(n)] = {**detail, "protocol": protocol}
    with db.transaction(compact=True):
        db.storage.apply(REQUESTS_TABLE, summaries)
        db.storage.apply(DETAILS_TABLE, details)
        db.storage.apply("meta", {"2": {"protocols": {"2026": requests}}})
    db.close()


async def first_frame(app: HelpdeskApp, screen_type: type) -> None:
    """Return once ``screen_type`` is on screen with its table measured, then lay out and paint.

    Polls with zero-length sleeps (the pilot's own pause waits for the process to look idle,
    which adds its own tens of milliseconds), then forces the layout and the rendering of every
    visible line, so their cost is part of the figure.
    """
    from screens.widgets.paged_table import PagedTable

    while True:
        screen = app.screen
        if isinstance(screen, screen_type) and screen.is_mounted:
            tables = list(screen.query(PagedTable))
            if tables and not tables[0]._require_update_dimensions:
                break
        await asyncio.sleep(0)
    screen._refresh_layout()
    screen._compositor.render_strips()


async def time_open(
    app: HelpdeskApp, open_view: Callable[[], None], screen_type: type, runs: int
) -> list[float]:
    """Milliseconds from asking for the view to its first frame, ``runs`` times."""
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(runs):
            app.action_home()
            await pilot.pause()
            start = time.perf_counter()
            open_view()
            await first_frame(app, screen_type)
            times.append((time.perf_counter() - start) * 1000)
    return times


async def time_recompute(app: HelpdeskApp) -> tuple[list[float], list[float]]:
    """Milliseconds of ``FormScreen.recompute`` and of ``preview`` alone, over many dates."""
    from textual.widgets import Input

    from screens.forms import FormScreen

    kind = KINDS["cancel"]
    panel_times, core_times = [], []
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(
            "cancel",
            {"support_id": "100001", "term_start": "01/03/2026", "conta_pj": "sim"},
        )
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FormScreen)
        renews = screen.query_one("#input-renews_on", Input)
        for n in range(CHANGES):
            day = date(2026, 12, 1) + timedelta(days=n)
            with screen.prevent(Input.Changed):
                renews.value = f"{day:%d/%m/%Y}"
            start = time.perf_counter()
            screen.recompute()
            panel_times.append((time.perf_counter() - start) * 1000)
            raw = screen.raw()
            start = time.perf_counter()
            preview(kind, raw, app.clock())
            core_times.append((time.perf_counter() - start) * 1000)
            if n % 50 == 0:
                await pilot.pause()
    return panel_times, core_times


def app_on(path: Path) -> HelpdeskApp:
    """The app as the command line builds it, on ``path`` with a stopped clock."""
    return create_app(db_path=path, clock=fixed_clock(NOW))


def line(label: str, times: list[float], baseline: float | None, target: float) -> str:
    """One row of the report."""
    first, rest = times[0], times[1:] or times
    median = statistics.median(rest)
    ratio = f"{median / baseline:5.1f}×" if baseline else "   — "
    verdict = "ok" if median <= target else "ACIMA DA META"
    return (
        f"{label:<28} {first:>9.1f} {median:>10.1f} {ratio:>9}   meta ≤ {target:.0f} ms: {verdict}"
    )


def main(argv: list[str]) -> int:
    """Seed, measure, print."""
    requests = int(argv[0]) if argv else 10_000
    licenses = int(argv[1]) if len(argv) > 1 else 2_000
    runs = int(argv[2]) if len(argv) > 2 else 5
    with tempfile.TemporaryDirectory() as folder:
        empty, full = Path(folder) / "empty" / "h.json", Path(folder) / "full" / "h.json"
        started = time.perf_counter()
        seed(full, requests, licenses)
        seeded = time.perf_counter() - started
        print(f"base: {requests:,} solicitações, {licenses:,} licenças (semeada em {seeded:.1f} s)")
        print(f"{'tela':<28} {'1ª ms':>9} {'mediana ms':>10} {'× vazia':>9}")
        from screens.lote import LoteScreen
        from screens.requests import RequestsScreen

        views = (
            ("Minhas solicitações", "action_requests", RequestsScreen),
            ("Meu lote", "action_lote", LoteScreen),
        )
        for label, action, screen_type in views:
            app = app_on(empty)
            base = asyncio.run(time_open(app, getattr(app, action), screen_type, runs + 1))
            baseline = statistics.median(base[1:])
            print(line(f"{label} (vazia)", base, None, OPEN_TARGET_MS))
            app = app_on(full)
            times = asyncio.run(time_open(app, getattr(app, action), screen_type, runs + 1))
            print(line(label, times, baseline, OPEN_TARGET_MS))
        panel, core = asyncio.run(time_recompute(app_on(full)))
        for label, times in (("painel: recompute", panel), ("  dos quais preview (core)", core)):
            ordered = sorted(times)
            p95 = ordered[int(len(ordered) * 0.95) - 1]
            verdict = "ok" if statistics.median(times) <= RECOMPUTE_TARGET_MS else "ACIMA DA META"
            print(
                f"{label:<28} mediana {statistics.median(times):6.2f} ms · p95 {p95:6.2f} ms "
                f"({len(times)} mudanças)   meta ≤ {RECOMPUTE_TARGET_MS:.0f} ms: {verdict}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
