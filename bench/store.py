"""Cost of a durable submit and of listing, against plain TinyDB, at 1,000 / 10,000 / 50,000 requests.

Usage: ``.venv/bin/python bench/store.py [SIZES…]`` (default ``1000 10000 50000``).

For each size, in the same run and on the same disk:

* **submit** — ``RequestRepository.submit`` on a database already holding N requests: file lock,
  fresh re-read, duplicate check, protocol number, journal append + fsync. Median of several.
* **plain insert** — TinyDB's own ``JSONStorage`` inserting the same request (as one document) into
  a file holding the same N documents: no lock, no atomic replace, and the whole file rewritten.
* **list (open app)** — ``requests.list()`` on an open ``Database``: what a screen pays.
* **list (new process)** — open the file from scratch and list: what a fresh CLI call pays.
* **plain list** — ``table.all()`` on the plain TinyDB file.

Target at 10,000: a submit costs at most 0.5× the plain insert, and barely grows with N.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tinydb import TinyDB  # noqa: E402

from helpdesk.clock import SAO_PAULO  # noqa: E402
from store.database import Database  # noqa: E402
from store.requests import DETAILS_TABLE, REQUESTS_TABLE  # noqa: E402

TARGET_RATIO = 0.5
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=SAO_PAULO)
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


def seed(folder: Path, size: int) -> tuple[Database, TinyDB]:
    """A durable database and a plain TinyDB file, each holding ``size`` real requests."""
    db = Database(folder / "durable.json")
    template = db.requests.submit("cancel", {"support_id": "SEED", **FIELDS}, NOW)
    summary = db.storage.table(REQUESTS_TABLE)["1"]
    detail = db.storage.table(DETAILS_TABLE)["1"]
    summaries, details, plain = {}, {}, []
    for n in range(1, size + 1):
        protocol = f"HD-2026-{n:06d}"
        moment = (NOW - timedelta(minutes=size - n)).isoformat()
        summaries[str(n)] = {
            **summary,
            "protocol": protocol,
            "support_id": f"S{n}",
            "created_at": moment,
            "status_history": [{"status": "registrada", "at": moment, "note": ""}],
        }
        details[str(n)] = {**detail, "protocol": protocol}
        plain.append({**summaries[str(n)], **details[str(n)]})
    with db.transaction(compact=True):
        db.storage.apply(REQUESTS_TABLE, summaries)
        db.storage.apply(DETAILS_TABLE, details)
        db.storage.apply("meta", {"2": {"protocols": {"2026": size}}})
    del template
    tiny = TinyDB(folder / "plain.json")
    tiny.table("requests").insert_multiple(plain)
    return db, tiny


def measure(size: int, runs: int) -> dict[str, float]:
    """Every figure for one size."""
    with tempfile.TemporaryDirectory(dir=ROOT) as name:
        folder = Path(name)
        db, tiny = seed(folder, size)
        counter = iter(range(10**9))

        def submit() -> None:
            db.requests.submit("cancel", {"support_id": f"B{next(counter)}", **FIELDS}, NOW)

        doc = {**db.storage.table(REQUESTS_TABLE)["1"], **db.storage.table(DETAILS_TABLE)["1"]}
        plain_table = tiny.table("requests")
        figures = {
            "submit": median_ms(submit, runs),
            "plain insert": median_ms(lambda: plain_table.insert(dict(doc)), max(3, runs // 4)),
            "list (open app)": median_ms(db.requests.list, 5),
            "list (new process)": median_ms(
                lambda: Database(folder / "durable.json").requests.list(), 3
            ),
            "plain list": median_ms(plain_table.all, 3),
            "file MB": (folder / "durable.json").stat().st_size / 1e6,
        }
        tiny.close()
        db.close()
    return figures


def main(argv: list[str]) -> int:
    """Measure each size and print a table with the ratio to plain TinyDB."""
    sizes = [int(arg) for arg in argv] or [1000, 10000, 50000]
    print("requests  submit ms  plain insert ms  ratio  list ms (open / new process)  plain list ms")
    verdict = None
    for size in sizes:
        runs = 40 if size <= 10000 else 15
        f = measure(size, runs)
        ratio = f["submit"] / f["plain insert"]
        print(
            f"{size:>8,}  {f['submit']:>9.2f}  {f['plain insert']:>15.1f}  {ratio:>5.3f}"
            f"  {f['list (open app)']:>13.1f} / {f['list (new process)']:<13.1f}"
            f"  {f['plain list']:>13.1f}   (file {f['file MB']:.1f} MB)"
        )
        if size == 10000:
            verdict = ratio
    if verdict is not None:
        status = "OK" if verdict <= TARGET_RATIO else "ACIMA DA META"
        print(f"meta a 10.000: submit ≤ {TARGET_RATIO}× insert do TinyDB puro → {verdict:.3f} ({status})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
