"""The PostgreSQL engine under pressure on a real server: many writers, killed writers.

8 processes × 50 submits at once store 400 requests with unique, gap-free protocols; racing
submits for one license store exactly one; writers killed with SIGKILL in the middle of a
submit's transaction lose nothing acknowledged and leave nothing half-written.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from _store import ROOT

WRITER = r"""
import sys
from datetime import datetime
from helpdesk.clock import SAO_PAULO
from helpdesk.compose.engine import open_store
from store.errors import DuplicateRequest

url, tag, count, force, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1", sys.argv[5]
db = open_store(url)
db.counts()  # connected and migrated before the start line
print("ready", flush=True)
import os, time
while not os.path.exists(start):
    time.sleep(0.005)
now = datetime(2026, 3, 10, 10, 0, tzinfo=SAO_PAULO)
for i in range(count):
    support_id = tag if not force and count == 1 else f"{tag}-{i}"
    try:
        # Not a backup: backups may be repeated, so they are never duplicates.
        request = db.requests.submit("block-conta-pj", {"support_id": support_id, "license_cancelled": "sim", "company_name": "Empresa", "cnpj": "11.222.333/0001-81"}, now, force=force)
    except DuplicateRequest:
        print("duplicate", flush=True)
        continue
    print(request.protocol, flush=True)
db.close()
"""
"""Submits ``count`` requests once the start file exists; prints each protocol once committed."""


def start_writers(
    url: str, tmp_path: Path, tags: list[str], count: int, *, force: bool = True, fault: str = ""
) -> tuple[list[subprocess.Popen[str]], Path]:
    """Start one writer per tag, wait until each is connected; returns them and the start file."""
    start = tmp_path / f"start-{tags[0]}"
    env = dict(os.environ)
    env.pop("HELPDESK_STORE_FAULT", None)
    if fault:
        env["HELPDESK_STORE_FAULT"] = fault
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, tag, str(count), "1" if force else "0", str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for tag in tags
    ]
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready", process.stderr
    return processes, start


def finish(processes: list[subprocess.Popen[str]]) -> list[str]:
    """Wait for every writer; the protocols they acknowledged."""
    printed: list[str] = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert "Traceback" not in err, err
        printed += out.split()
    return printed


def stored(url: str) -> list[str]:
    """Every stored protocol, checking that no request is half-written."""
    with psycopg.connect(url) as conn:
        protocols = [row[0] for row in conn.execute("SELECT protocol FROM requests ORDER BY id")]
        (incomplete,) = conn.execute(
            "SELECT count(*) FROM requests r WHERE NOT EXISTS "
            "(SELECT 1 FROM request_details d WHERE d.request_id = r.id) OR NOT EXISTS "
            "(SELECT 1 FROM request_status_changes s WHERE s.request_id = r.id)"
        ).fetchone()  # type: ignore[misc]
        counter = conn.execute("SELECT last_number FROM protocol_counters").fetchone()
    assert incomplete == 0
    numbers = sorted(int(p.rsplit("-", 1)[1]) for p in protocols)
    assert numbers == list(range(1, len(numbers) + 1))  # unique and gap-free
    assert (counter[0] if counter else 0) == len(numbers)  # a rolled-back number is reused
    return protocols


def test_eight_processes_submitting_at_once(pg_url: str, tmp_path: Path) -> None:
    processes, start = start_writers(pg_url, tmp_path, [f"w{n}" for n in range(8)], 50)
    start.touch()
    acknowledged = finish(processes)
    assert len(acknowledged) == 400 and len(set(acknowledged)) == 400
    assert sorted(stored(pg_url)) == sorted(acknowledged)


def test_racing_submits_for_one_license_store_one(pg_url: str, tmp_path: Path) -> None:
    processes, start = start_writers(pg_url, tmp_path, ["777"] * 6, 1, force=False)
    start.touch()
    printed = finish(processes)
    assert printed.count("duplicate") == 5
    assert stored(pg_url) == [p for p in printed if p != "duplicate"]


def test_a_writer_killed_before_its_commit_leaves_nothing(pg_url: str, tmp_path: Path) -> None:
    processes, start = start_writers(pg_url, tmp_path, ["k"], 10, fault="server-before-commit@4")
    start.touch()
    out, err = processes[0].communicate(timeout=60)
    assert processes[0].returncode == -signal.SIGKILL, err
    assert out.split() == [f"HD-2026-00000{n}" for n in (1, 2, 3)]
    assert stored(pg_url) == out.split()
    processes, start = start_writers(pg_url, tmp_path, ["after"], 1)
    start.touch()
    assert finish(processes) == ["HD-2026-000004"]  # the killed one's number was never used


def test_random_kills_lose_no_acknowledged_request(pg_url: str, tmp_path: Path) -> None:
    rng = random.Random(20260310)
    acknowledged: list[str] = []
    for round_number in range(3):
        tags = [f"r{round_number}-{n}" for n in range(4)]
        processes, start = start_writers(pg_url, tmp_path, tags, 400)
        start.touch()
        time.sleep(0.3 + rng.random() * 0.4)
        for process in processes:
            process.send_signal(signal.SIGKILL)
        for process in processes:
            out, _ = process.communicate(timeout=60)
            acknowledged += [line for line in out.split() if line.startswith("HD-")]
        protocols = stored(pg_url)
        assert set(acknowledged) <= set(protocols)
    assert acknowledged  # the writers did get through some submits before dying
