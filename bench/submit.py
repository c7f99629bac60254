"""Whole-process ``helpdesk submit`` against history size, and bytes stored per request.

Usage: ``.venv/bin/python bench/submit.py [--rounds N] [--sizes 100,1000,10000,50000]
[--pg URL] [--bytes-only | --time-only]``

**Submit.** For each size a data file is seeded with that many stored requests (real documents:
one request saved through the repository, cloned with its own protocol, ID Suporte and moment,
then compacted). Then, in interleaved rounds (each round runs every size once, in turn), the
console script ``helpdesk submit cancel …`` runs in a fresh process with a private bytecode cache
(``PYTHONPYCACHEPREFIX`` in a temporary folder, warmed by one untimed run per size), as
``bench/cli.py`` does. Wall time and the child's peak RSS (``wait4``) are taken per run; the table
gives min and median per size and each size's median round-by-round ratio to the 100-stored run
of the same round (the target: ≤ 2× at 10,000, and not growing with history). Each round also
runs ``python -c pass``: the interpreter's own start-up, the floor under every figure.

**Bytes per request.** On the TinyDB file: requests saved through the repository (cancel
requests on distinct days, so their dates and texts vary as a real history's would), then a
compaction; the file size divided by the count. On PostgreSQL (``--pg URL`` or
``HELPDESK_TEST_PG_URL``; a schema of its own, dropped at the end): the growth of the total
relation size (tables, indexes and TOAST, main data only) between two points of the same kind of
history, divided by the requests added between them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
CONSOLE_SCRIPT = BIN / "helpdesk"
PYTHON = str(BIN / "python") if (BIN / "python").exists() else sys.executable
TARGET_RATIO = 2.0
BYTES_BAR = 2048
BYTES_GOAL = 1536
FIELDS = {
    "term_start": "01/03/2026",
    "renews_on": "01/03/2027",
    "cycle_months": "12",
    "conta_pj": "sim",
    "reason": "cliente encerrou as atividades",
}
CLI_FIELDS = [
    "--term-start",
    "01/03/2026",
    "--renews-on",
    "01/03/2027",
    "--cycle-months",
    "12",
    "--conta-pj",
    "sim",
    "--reason",
    "cliente encerrou as atividades",
]
CLI_NOW = "2026-03-10T10:00"
"""The present of every timed submit (``HELPDESK_NOW``: ``submit`` has no date option)."""


def moment() -> datetime:
    """The pinned moment of the seeded requests."""
    from helpdesk.clock import SAO_PAULO

    return datetime(2026, 3, 10, 10, 0, tzinfo=SAO_PAULO)


# ------------------------------------------------------------------------------- seeding


def seed(path: Path, size: int) -> None:
    """A data file holding ``size`` stored requests (one real, cloned), compacted."""
    from _seed import seed_requests

    from store.database import Database

    db = Database(path)
    seed_requests(db, size, moment(), FIELDS)
    db.close()


# ------------------------------------------------------------------------------- timing


def run_submit(path: Path, tag: str, env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one ``helpdesk submit cancel`` in a fresh process."""
    argv = [str(CONSOLE_SCRIPT), "submit", "cancel", "--db", str(path)]
    return run_timed([*argv, "--support-id", tag, *CLI_FIELDS], env)


def run_timed(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one run of ``argv``; fails loudly if it fails."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{argv[0]} falhou (código {child.returncode})")
    return elapsed, usage.ru_maxrss


def time_submits(sizes: list[int], rounds: int) -> None:
    """Seed each size, then time interleaved rounds of whole-process submits."""
    with tempfile.TemporaryDirectory(prefix="helpdesk-bench-submit-") as folder:
        base = Path(folder)
        paths = {}
        for size in sizes:
            started = time.perf_counter()
            paths[size] = base / f"s{size}" / "helpdesk.json"
            paths[size].parent.mkdir(mode=0o700)
            # Seeded in a process of its own: a child's peak RSS counts the pages of the
            # process it was forked from, so this one must stay small.
            subprocess.run([PYTHON, __file__, "--seed", str(size), str(paths[size])], check=True)
            mb = paths[size].stat().st_size / 1e6
            print(
                f"  semeado: {size:>6,} pedidos, {mb:6.1f} MB ({time.perf_counter() - started:.1f} s)"
            )
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
        env.pop("HELPDESK_DB", None)
        env["HELPDESK_NOW"] = CLI_NOW
        env["PYTHONPYCACHEPREFIX"] = str(base / "pycache")
        for size in sizes:
            run_submit(paths[size], "WARM", env)
        times: dict[int, list[float]] = {size: [] for size in sizes}
        rss: dict[int, list[int]] = {size: [] for size in sizes}
        bare: list[float] = []
        for round_no in range(rounds):
            bare.append(run_timed([PYTHON, "-c", "pass"], env)[0])
            for size in sizes:
                seconds, peak = run_submit(paths[size], f"R{round_no}", env)
                times[size].append(seconds)
                rss[size].append(peak)
    first = sizes[0]
    print(
        f"\nhelpdesk submit cancel (processo inteiro, script de console), {rounds} rodadas "
        f"intercaladas; razão = mediana, rodada a rodada, contra {first:,} pedidos"
    )
    print("   pedidos   mín ms  mediana ms  razão (mediana por rodada)  RSS pico MiB")
    print(
        f"  python -c pass (piso do interpretador): mín {min(bare) * 1000:.1f} ms, "
        f"mediana {statistics.median(bare) * 1000:.1f} ms"
    )
    for size in sizes:
        ratios = [t / b for t, b in zip(times[size], times[first], strict=True)]
        print(
            f"  {size:>8,}  {min(times[size]) * 1000:7.1f}  {statistics.median(times[size]) * 1000:10.1f}"
            f"  {statistics.median(ratios):26.2f}×  {max(rss[size]) / 1024:12.1f}"
        )
    if 10000 in times:
        ratio = statistics.median(t / b for t, b in zip(times[10000], times[first], strict=True))
        verdict = "dentro da meta" if ratio <= TARGET_RATIO else "ACIMA da meta"
        print(
            f"meta: a 10.000 pedidos ≤ {TARGET_RATIO:.0f}× o submit a {first:,} → {ratio:.2f}× ({verdict})"
        )


# ------------------------------------------------------------------------- bytes per request


def _varied(count: int) -> list[tuple[str, dict[str, str], datetime]]:
    """``count`` cancel requests on distinct days (their dates and texts vary)."""
    requests = []
    for n in range(count):
        at = moment() + timedelta(days=n % 300, minutes=n)
        start = at.date() - timedelta(days=(n * 7) % 330)
        renews = start.replace(year=start.year + 1)
        fields = {
            "support_id": f"B{n:05d}",
            "term_start": start.strftime("%d/%m/%Y"),
            "renews_on": renews.strftime("%d/%m/%Y"),
            "cycle_months": "12",
            "conta_pj": "sim" if n % 2 else "nao",
            "reason": f"cliente encerrou as atividades ({n})",
        }
        requests.append(("cancel", fields, at))
    return requests


def tinydb_bytes(count: int) -> float:
    """Bytes per request of the TinyDB file after a compaction."""
    from store.database import Database

    with tempfile.TemporaryDirectory(prefix="helpdesk-bench-bytes-") as folder:
        path = Path(folder) / "helpdesk.json"
        db = Database(path)
        for kind, fields, at in _varied(count):
            db.requests.submit(kind, fields, at)
        db.compact()
        size = path.stat().st_size
        db.close()
    return size / count


def postgres_bytes(url: str, count: int) -> float:
    """Growth of every helpdesk relation's size per request, on a schema of its own.

    Measured between two points (after ``count // 4`` requests and after ``count`` more), each
    after a ``VACUUM``, over the main data of every table, index and TOAST table: what each row
    adds, without the few fixed pages every relation has (free-space and visibility maps).
    """
    import secrets
    from urllib.parse import quote

    import psycopg

    from store.postgres.database import PostgresDatabase

    schema = f"bench_{secrets.token_hex(4)}"
    size_sql = (
        "SELECT coalesce(sum(pg_relation_size(c.oid, 'main')), 0) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname IN (%s, 'pg_toast') AND c.relkind IN ('r', 'i', 't') "
        "AND (n.nspname = %s OR c.oid IN (SELECT reltoastrelid FROM pg_class k "
        "JOIN pg_namespace m ON m.oid = k.relnamespace WHERE m.nspname = %s) "
        "OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT reltoastrelid "
        "FROM pg_class k JOIN pg_namespace m ON m.oid = k.relnamespace WHERE m.nspname = %s)))"
    )
    requests = _varied(count + count // 4)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            joiner = "&" if "?" in url else "?"
            scoped = url + joiner + "options=" + quote(f"-c search_path={schema}")
            db = PostgresDatabase(scoped)
            for kind, fields, at in requests[: count // 4]:
                db.requests.submit(kind, fields, at)
            admin.execute("VACUUM")
            before = _scalar(admin, size_sql, schema, schema, schema, schema)
            for kind, fields, at in requests[count // 4 :]:
                db.requests.submit(kind, fields, at)
            db.close()
            admin.execute("VACUUM")
            after = _scalar(admin, size_sql, schema, schema, schema, schema)
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
    return (after - before) / count


def _scalar(conn: Any, sql: str, *params: object) -> int:
    """The single value of a query."""
    row = conn.execute(sql, params).fetchone()
    return int(row[0])


def report_bytes(count: int, pg_url: str | None) -> None:
    """Print bytes per request on each engine."""
    print(f"\nbytes por pedido ({count} pedidos de cancelamento em dias distintos)")
    figures = {"arquivo TinyDB (após compactar)": tinydb_bytes(count)}
    if pg_url:
        figures["PostgreSQL (crescimento das relações)"] = postgres_bytes(pg_url, count)
    else:
        print("  PostgreSQL: sem --pg nem HELPDESK_TEST_PG_URL, não medido")
    for label, value in figures.items():
        verdict = "meta" if value <= BYTES_GOAL else "barra" if value <= BYTES_BAR else "ACIMA"
        print(f"  {label:<42} {value:8.0f} B  ({verdict}: barra {BYTES_BAR}, meta {BYTES_GOAL})")


def main(argv: list[str]) -> int:
    """Run the measurements the options ask for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--pg", default=os.environ.get("HELPDESK_TEST_PG_URL"))
    parser.add_argument("--count", type=int, default=1000, help="pedidos da medida de bytes")
    parser.add_argument("--bytes-only", action="store_true")
    parser.add_argument("--time-only", action="store_true")
    parser.add_argument("--seed", nargs=2, metavar=("N", "ARQUIVO"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seed:
        seed(Path(args.seed[1]), int(args.seed[0]))
        return 0
    print(f"bench/submit.py  (interpretador: {PYTHON}; carga: {os.getloadavg()[0]:.2f})")
    if not args.bytes_only:
        time_submits([int(size) for size in args.sizes.split(",")], args.rounds)
    if not args.time_only:
        report_bytes(args.count, args.pg)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
