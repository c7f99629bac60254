"""Cost of a durable submit and of listing, against plain TinyDB, at 1,000 / 10,000 / 50,000 requests.

Usage: ``.venv/bin/python bench/store.py [SIZES…]`` (default ``1000 10000 50000``).

For each size, in the same run and on the same disk, each engine in a process of its own (so
neither pays for the other's memory):

* **submit** — ``RequestRepository.submit`` on a database already holding N requests: file lock,
  fresh re-read, duplicate check, protocol number, journal append + fsync. Median of many.
* **plain insert** — TinyDB's own ``JSONStorage`` inserting the same request (as one document)
  into a file holding the same N documents: no lock, no atomic replace, the whole file rewritten.
* **list** — ``requests.list()`` on an open ``Database`` (what a screen pays once the app runs).
* **open+list** — a fresh process opening the file and listing (what a CLI call pays; interpreter
  start-up and imports excluded).
* **plain all()** — ``table.all()`` on the plain TinyDB file, already open.

Target at 10,000: a submit costs at most 0.5× the plain insert, and barely grows with N.

Then, in the same run, the two engines side by side (``bench/store_engines.py``): submit median
and p99 at 1,000 / 10,000 / 100,000 requests and with 8 concurrent writers, on the TinyDB file and
on PostgreSQL. ``--engines`` prints only that table.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 0.5
FIELDS = {
    "term_start": "01/03/2026",
    "renews_on": "01/03/2027",
    "cycle_months": "12",
    "conta_pj": "sim",
    "reason": "cliente encerrou as atividades",
}


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def now() -> datetime:
    """The pinned moment of every request."""
    from helpdesk.clock import SAO_PAULO

    return datetime(2026, 3, 10, 10, 0, tzinfo=SAO_PAULO)


def worker_durable(folder: Path, size: int) -> dict[str, Any]:
    """Seed the durable store with ``size`` real requests, then time submits and lists."""
    from _seed import seed_requests

    from store.database import Database

    db = Database(folder / "durable.json")
    summary, detail = seed_requests(db, size, now(), FIELDS)
    (folder / "template.json").write_text(json.dumps({**summary, **detail}), encoding="utf-8")
    db = Database(folder / "durable.json")
    db.requests.list()
    counter = iter(range(10**9))

    def submit() -> None:
        db.requests.submit("cancel", {"support_id": f"B{next(counter)}", **FIELDS}, now())

    return {
        "submit": median_ms(submit, 60),
        "list": median_ms(db.requests.list, 7),
        "file_mb": (folder / "durable.json").stat().st_size / 1e6,
    }


def worker_open(folder: Path) -> dict[str, Any]:
    """Open the durable file from scratch and list every request."""
    from store.database import Database
    from store.requests import RequestRepository

    start = time.perf_counter()
    RequestRepository(Database(folder / "durable.json")).list()
    return {"open_list": (time.perf_counter() - start) * 1000}


def worker_plain(folder: Path, size: int) -> dict[str, Any]:
    """Plain TinyDB JSONStorage with the same documents: time one insert and ``all()``."""
    from tinydb import TinyDB

    doc = json.loads((folder / "template.json").read_text(encoding="utf-8"))
    tiny = TinyDB(folder / "plain.json")
    table = tiny.table("requests")
    table.insert_multiple({**doc, "support_id": f"S{n}"} for n in range(size))
    figures = {
        "insert": median_ms(lambda: table.insert(dict(doc)), 5 if size > 10000 else 9),
        "all": median_ms(table.all, 3),
    }
    tiny.close()
    return figures


def run_worker(*args: str) -> dict[str, Any]:
    """Run this file as a worker process and return the figures it prints."""
    result = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return dict(json.loads(result.stdout))


def measure(size: int) -> dict[str, float]:
    """Every figure for one size."""
    with tempfile.TemporaryDirectory(dir=ROOT) as name:
        durable = run_worker("durable", name, str(size))
        opened = statistics.median(run_worker("open", name)["open_list"] for _ in range(3))
        plain = run_worker("plain", name, str(size))
    return {
        "submit": durable["submit"],
        "insert": plain["insert"],
        "list": durable["list"],
        "open_list": opened,
        "all": plain["all"],
        "file_mb": durable["file_mb"],
    }


def main(argv: list[str]) -> int:
    """Measure each size and print a table with the ratio to plain TinyDB."""
    if argv[:1] == ["--worker"]:
        kind, folder = argv[1], Path(argv[2])
        if kind == "durable":
            print(json.dumps(worker_durable(folder, int(argv[3]))))
        elif kind == "open":
            print(json.dumps(worker_open(folder)))
        else:
            print(json.dumps(worker_plain(folder, int(argv[3]))))
        return 0
    import store_engines

    if argv[:1] == ["--engines"]:
        store_engines.compare([int(arg) for arg in argv[1:]] or [1000, 10000, 100000])
        return 0
    sizes = [int(arg) for arg in argv] or [1000, 10000, 50000]
    print("pedidos  submit ms  TinyDB insert ms  razão   list ms  abrir+list ms  TinyDB all() ms")
    verdict = None
    for size in sizes:
        f = measure(size)
        ratio = f["submit"] / f["insert"]
        print(
            f"{size:>7,}  {f['submit']:>9.2f}  {f['insert']:>16.1f}  {ratio:>6.4f}"
            f"  {f['list']:>7.1f}  {f['open_list']:>13.1f}  {f['all']:>15.1f}"
            f"   (arquivo {f['file_mb']:.1f} MB)"
        )
        if size == 10000:
            verdict = ratio
    if verdict is not None:
        status = "OK" if verdict <= TARGET_RATIO else "ACIMA DA META"
        print(
            f"meta a 10.000: submit ≤ {TARGET_RATIO}× insert do TinyDB → {verdict:.4f} ({status})"
        )
    store_engines.compare([int(arg) for arg in argv] or [1000, 10000, 100000])
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
