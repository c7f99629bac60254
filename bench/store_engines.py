"""The TinyDB file and PostgreSQL side by side: submit latency as the store grows and under load.

Used by ``bench/store.py`` (which prints the table); each figure comes from a process of its own.

* **submit** — ``requests.submit`` (duplicate check, protocol number, lote effect, durable
  commit) on a store already holding N requests: median and 99th percentile of 200.
* **8 writers** — eight processes submitting 50 requests each at the same moment on a store
  holding 1,000: median and p99 of the 400 submits, and requests stored per second overall.

The PostgreSQL server is ``HELPDESK_BENCH_PG_URL`` (or ``HELPDESK_TEST_PG_URL``); without one, a
throwaway cluster is started when the PostgreSQL programs are installed. Each measurement gets
a fresh schema. The seeded rows are written in bulk (``COPY`` / one journal commit): what is
measured is the submit on a store of that size, not the seeding.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SUBMITS = 200
WRITERS = 8
PER_WRITER = 50
LOADED = 1000
FIELDS = {
    "term_start": "01/03/2026",
    "renews_on": "01/03/2027",
    "cycle_months": "12",
    "conta_pj": "sim",
    "reason": "cliente encerrou as atividades",
}


def now() -> datetime:
    """The pinned moment of every request."""
    from helpdesk.clock import SAO_PAULO

    return datetime(2026, 3, 10, 10, 0, tzinfo=SAO_PAULO)


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def figures(latencies: list[float]) -> dict[str, float]:
    """Median and p99 in milliseconds."""
    return {
        "median": statistics.median(latencies) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
    }


def seeded_docs(size: int, template: tuple[dict[str, Any], dict[str, Any]]) -> Iterator[tuple]:
    """``size`` request documents like ``template``, one minute apart, with distinct licenses."""
    summary, detail = template
    for n in range(1, size + 1):
        moment = (now() - timedelta(minutes=size - n)).isoformat()
        yield (
            n,
            {
                **summary,
                "protocol": f"HD-2026-{n:06d}",
                "support_id": f"S{n}",
                "created_at": moment,
                "status_history": [{"status": "registrada", "at": moment, "note": ""}],
                "effect": None,
            },
            {**detail, "protocol": f"HD-2026-{n:06d}"},
        )


def template_docs(target: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Submit one request on a scratch store of the same engine; its two documents."""
    from helpdesk.compose.engine import open_store

    db = open_store(target)
    request = db.requests.submit("cancel", {"support_id": "SEED", **FIELDS}, now())
    tables = db.dump()
    db.close()
    key = next(k for k, d in tables["requests"].items() if d["protocol"] == request.protocol)
    return tables["requests"][key], tables["request_details"][key]


def seed_file(path: Path, size: int) -> None:
    """A data file holding ``size`` requests (one journal commit)."""
    from store.database import Database

    template = template_docs(str(path.with_suffix(".seed.json")))
    db = Database(path)
    with db.transaction(compact=True):
        summaries, details = {}, {}
        for n, summary, detail in seeded_docs(size, template):
            summaries[str(n)], details[str(n)] = summary, detail
        db.storage.apply("requests", summaries)
        db.storage.apply("request_details", details)
        db.storage.apply("meta", {"2": {"protocols": {"2026": size}}})
    db.close()


def seed_server(url: str, size: int) -> None:
    """A PostgreSQL schema holding ``size`` requests, written with COPY."""
    import psycopg

    from helpdesk.compose.engine import open_store
    from store.postgres.rows import DETAIL_COLUMNS, detail_row

    template = template_docs(url)
    open_store(url).close()
    with psycopg.connect(url) as conn:
        conn.execute(
            "TRUNCATE requests, request_status_changes, request_details, request_effects, "
            "protocol_counters, licenses, license_events, license_event_changes"
        )
        with conn.cursor() as cur:
            docs = list(seeded_docs(size, template))
            with cur.copy(
                "COPY requests (id, protocol, kind, support_id, client, status, created_at, "
                "decision, key_date_label, key_date_on) FROM STDIN"
            ) as copy:
                for n, s, _ in docs:
                    key = s.get("key_date") or {}
                    copy.write_row(
                        (
                            n,
                            s["protocol"],
                            s["kind"],
                            s["support_id"],
                            s["client"],
                            s["status"],
                            s["created_at"],
                            s["decision"],
                            key.get("label"),
                            key.get("when"),
                        )
                    )
            with cur.copy(
                "COPY request_status_changes (request_id, position, status, at) FROM STDIN"
            ) as copy:
                for n, s, _ in docs:
                    copy.write_row((n, 0, "registrada", s["created_at"]))
            # Every seeded detail is the template's: packed once, the way the engine stores it.
            detail = detail_row(0, template[1])[1:]
            with cur.copy(f"COPY request_details ({DETAIL_COLUMNS}) FROM STDIN") as copy:
                for n, _, _ in docs:
                    copy.write_row((n, *detail))
        conn.execute("INSERT INTO protocol_counters VALUES (2026, %s)", (size,))
        conn.execute("SELECT setval(pg_get_serial_sequence('requests', 'id'), %s)", (size,))
        conn.execute("ANALYZE")


def worker_submit(target: str, size: int) -> dict[str, float]:
    """Seed ``size`` requests, then time ``SUBMITS`` submits in this process."""
    from helpdesk.compose.engine import is_server_url, open_store

    if is_server_url(target):
        seed_server(target, size)
    else:
        seed_file(Path(target), size)
    db = open_store(target)
    db.requests.list()
    latencies = []
    for n in range(SUBMITS):
        start = time.perf_counter()
        db.requests.submit("cancel", {"support_id": f"B{n}", **FIELDS}, now())
        latencies.append(time.perf_counter() - start)
    db.close()
    return figures(latencies)


def worker_writer(target: str, tag: str, start_file: str) -> list[float]:
    """One of the concurrent writers: wait for the start, submit, return each latency."""
    from helpdesk.compose.engine import open_store

    db = open_store(target)
    db.requests.list()
    print("ready", flush=True)
    while not os.path.exists(start_file):
        time.sleep(0.001)
    latencies = []
    for n in range(PER_WRITER):
        begin = time.perf_counter()
        db.requests.submit("cancel", {"support_id": f"{tag}-{n}", **FIELDS}, now())
        latencies.append(time.perf_counter() - begin)
    db.close()
    return latencies


def concurrent(target: str, folder: Path) -> dict[str, float]:
    """``WRITERS`` processes submitting at once on a store holding ``LOADED`` requests."""
    run_worker("seed", target, str(LOADED))
    start = folder / f"start-{secrets.token_hex(4)}"
    writers = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", "writer", target, f"w{n}", str(start)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for n in range(WRITERS)
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    began = time.perf_counter()
    start.touch()
    latencies: list[float] = []
    for writer in writers:
        out, _ = writer.communicate()
        latencies += json.loads(out)
    elapsed = time.perf_counter() - began
    return {**figures(latencies), "per_second": len(latencies) / elapsed}


def run_worker(*args: str) -> Any:
    """Run this file as a worker process and return what it prints."""
    result = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout.splitlines()[-1])


@contextmanager
def server() -> Iterator[Callable[[], str] | None]:
    """Yields a maker of fresh-schema URLs on a PostgreSQL server, or None without one."""
    sys.path.insert(0, str(ROOT / "tests"))
    from _pg import bindir, start_cluster, with_database

    url = os.environ.get("HELPDESK_BENCH_PG_URL") or os.environ.get("HELPDESK_TEST_PG_URL")
    cluster = None
    if not url:
        binaries = bindir()
        if binaries is None:
            yield None
            return
        cluster = start_cluster(binaries)
        url = cluster.url
    from urllib.parse import urlsplit

    import psycopg

    dbname = urlsplit(url).path.lstrip("/")
    schemas: list[str] = []

    def fresh() -> str:
        schema = f"bench_{secrets.token_hex(4)}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        return with_database(url, dbname, schema)

    try:
        yield fresh
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        if cluster is not None:
            cluster.remove()


def compare(sizes: list[int]) -> None:
    """Print the side-by-side table."""
    with server() as fresh_url, tempfile.TemporaryDirectory(prefix="helpdesk-bench-") as name:
        folder = Path(name)
        if fresh_url is None:
            print("PostgreSQL: sem servidor nem programas instalados; só o arquivo é medido.")

        def targets(tag: str) -> list[tuple[str, str]]:
            found = [("arquivo", str(folder / f"{tag}-{secrets.token_hex(3)}.json"))]
            if fresh_url is not None:
                found.append(("PostgreSQL", fresh_url()))
            return found

        print()
        print("motor        pedidos  submit mediana ms  submit p99 ms")
        for size in sizes:
            for engine, target in targets(str(size)):
                f = run_worker("submit", target, str(size))
                print(f"{engine:<11} {size:>8,}  {f['median']:>17.2f}  {f['p99']:>13.2f}")
        print()
        print(f"{WRITERS} processos × {PER_WRITER} submits ao mesmo tempo (com {LOADED:,} pedidos)")
        print("motor        submit mediana ms  submit p99 ms  pedidos/s")
        for engine, target in targets("writers"):
            f = concurrent(target, folder)
            print(f"{engine:<11}  {f['median']:>17.2f}  {f['p99']:>13.2f}  {f['per_second']:>9.0f}")


def main(argv: list[str]) -> int:
    """Worker entry points (``--worker KIND …``) or the comparison for the sizes given."""
    if argv[:1] == ["--worker"]:
        kind = argv[1]
        if kind == "submit":
            print(json.dumps(worker_submit(argv[2], int(argv[3]))))
        elif kind == "seed":
            target = argv[2]
            from helpdesk.compose.engine import is_server_url

            if is_server_url(target):
                seed_server(target, int(argv[3]))
            else:
                seed_file(Path(target), int(argv[3]))
            print("{}")
        else:
            print(json.dumps(worker_writer(argv[2], argv[3], argv[4])))
        return 0
    compare([int(arg) for arg in argv] or [1000, 10000, 100000])
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
