"""How fast the lote's calendar is written and an import is previewed, for a large lote.

Usage: ``.venv/bin/python bench/lote.py [LICENSES] [RUNS]`` (default 2000 licenses, 5 runs).

* **calendar** — every license's events worked out from the rules (``lote_events``) and the
  iCalendar file written with the ``icalendar`` library (``to_ics``), as ``helpdesk lote
  calendar`` does. Baseline: the same events written as bare text lines by hand (no escaping,
  no folding, no alarms), the plainest file one could produce.
* **import preview** — a CSV of the whole lote, every fifth license changed, read and compared
  with the stored lote and its open requests (``read_file`` + ``preview_import``), as ``lote
  import --dry-run`` and the TUI preview do. Baseline: reading the same file with ``csv.reader``
  only.

Targets: calendar ≤ 1 s, import preview ≤ 1 s (medians).
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpdesk.clock import SAO_PAULO  # noqa: E402
from helpdesk.licenses import License  # noqa: E402
from helpdesk.lote_calendar import lote_events, to_ics  # noqa: E402
from helpdesk.renewal import add_months  # noqa: E402
from store.database import Database  # noqa: E402
from store.lote_csv import read_file  # noqa: E402
from store.lote_export import licenses_csv  # noqa: E402

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=SAO_PAULO)
TARGET_S = 1.0


def lote(size: int) -> list[License]:
    """``size`` licenses with terms spread over the year (every deadline kind shows up)."""
    licenses = []
    for n in range(size):
        start = date(2026, 1, 1) + timedelta(days=n % 365)
        licenses.append(
            License(
                support_id=f"{100000 + n}",
                client=f"Cliente {n} Comércio de Alimentos Ltda",
                cnpj="11222333000181",
                email=f"cliente{n}@exemplo.com.br",
                term_start=start,
                renews_on=add_months(start, 12),
                conta_pj=n % 3 == 0,
            )
        )
    return licenses


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """Median CPU time of ``work`` over ``runs`` runs.

    CPU time, not wall time: the machines these run on are often shared, and waiting for a core
    is not the code's cost. The wall time is printed too, for reference.
    """
    times, walls = [], []
    for _ in range(runs):
        started, wall = time.process_time(), time.perf_counter()
        work()
        times.append(time.process_time() - started)
        walls.append(time.perf_counter() - wall)
    median_seconds.last_wall = statistics.median(walls)  # type: ignore[attr-defined]
    return statistics.median(times)


def bare_calendar(licenses: list[License]) -> bytes:
    """The baseline: the same events as unescaped, unfolded text lines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    for event in lote_events(licenses, NOW.date()):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"SUMMARY:{event.summary}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines).encode()


def main() -> None:
    """Measure and print the figures with their ratios to the baselines."""
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    licenses = lote(size)

    events = lote_events(licenses, NOW.date())
    calendar_s = median_seconds(lambda: to_ics(lote_events(licenses, NOW.date()), NOW), runs)
    bare_s = median_seconds(lambda: bare_calendar(licenses), runs)
    print(f"calendar: {size} licenses, {len(events)} events")
    print(f"  icalendar file  {calendar_s * 1000:8.1f} ms  (target ≤ {TARGET_S * 1000:.0f} ms)")
    print(f"  bare text lines {bare_s * 1000:8.1f} ms  ratio {calendar_s / bare_s:.1f}×")

    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "helpdesk.json")
        db.licenses.import_licenses(licenses, NOW)
        for lic in licenses[:50]:
            db.requests.submit("backup", {"support_id": lic.support_id, "slot": "20:00"}, NOW)
        changed = [
            License(**{**lic.__dict__, "client": lic.client + " ME"}) if n % 5 == 0 else lic
            for n, lic in enumerate(licenses)
        ]
        source = Path(folder) / "lote.csv"
        source.write_text(licenses_csv(changed), encoding="utf-8-sig")

        def preview() -> object:
            return db.licenses.preview_import(read_file(source).licenses)

        result = db.licenses.preview_import(read_file(source).licenses)
        preview_s = median_seconds(preview, runs)
        text = source.read_text(encoding="utf-8-sig")
        plain_s = median_seconds(lambda: list(csv.reader(io.StringIO(text), delimiter=";")), runs)
        print(
            f"import preview: {size} rows, {len(result.changed)} changed "
            f"({len(result.conflicts)} with open requests), {len(result.unchanged)} unchanged"
        )
        print(f"  read + preview  {preview_s * 1000:8.1f} ms  (target ≤ {TARGET_S * 1000:.0f} ms)")
        print(f"  csv.reader only {plain_s * 1000:8.1f} ms  ratio {preview_s / plain_s:.1f}×")
        db.close()


if __name__ == "__main__":
    main()
