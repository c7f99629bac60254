"""Crashes and concurrency: SIGKILL inside the write path, random kills, four writers at once.

After every kill the file must load, and every request whose protocol was printed (i.e. whose
save had returned) must be there exactly once.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _store import ROOT, start_writer

from store.database import Database
from store.faults import POINTS
from store.files import temp_glob

SMALL_COMPACTION = 1500
"""Compact every few commits, so the compaction crash points are reached too."""


def check_intact(db_path: Path, acknowledged: list[str]) -> list[str]:
    """Open the file, check every acknowledged protocol is present once; return all protocols."""
    protocols = [s.protocol for s in Database(db_path).requests.list()]
    assert len(protocols) == len(set(protocols)), "duplicated protocol"
    missing = set(acknowledged) - set(protocols)
    assert not missing, f"acknowledged requests lost: {sorted(missing)}"
    if db_path.exists() or acknowledged:
        json.loads(db_path.read_bytes())  # the snapshot is always complete JSON
    assert not list(db_path.parent.glob(temp_glob(db_path))), "temp file left after opening"
    return protocols


def run_until_killed(
    db_path: Path, tag: str, fault: str | None, count: int = 12
) -> tuple[list[str], int]:
    """Run a writer to completion or to its death; return the protocols it printed."""
    process = start_writer(db_path, tag, count, compact=SMALL_COMPACTION, fault=fault)
    out, err = process.communicate(timeout=60)
    assert "Traceback" not in err, err
    return out.split(), process.returncode


@pytest.mark.parametrize("point", POINTS)
def test_kill_inside_the_write_loses_no_acknowledged_request(db_path: Path, point: str) -> None:
    acknowledged: list[str] = []
    killed = 0
    for round_number, nth in enumerate((1, 2, 4)):
        printed, code = run_until_killed(db_path, f"{point}-{round_number}", f"{point}@{nth}")
        acknowledged += printed
        killed += code == -signal.SIGKILL
        check_intact(db_path, acknowledged)
    assert killed >= 2, f"fault point {point} was reached only {killed} times"
    # The file is still fully usable afterwards.
    printed, code = run_until_killed(db_path, f"{point}-after", None, count=3)
    assert code == 0
    assert len(set(check_intact(db_path, acknowledged + printed))) >= len(acknowledged) + 3


def test_random_kills_lose_no_acknowledged_request(db_path: Path) -> None:
    rng = random.Random(20260310)
    acknowledged: list[str] = []
    for round_number in range(8):
        process = start_writer(db_path, f"r{round_number}", 400, compact=SMALL_COMPACTION)
        # Kill at a random moment after the first save returned, however slow the machine is to
        # start the writer (other tests run beside this one).
        assert process.stdout is not None
        first = process.stdout.readline()
        time.sleep(rng.random() * 0.25)
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate(timeout=30)
        acknowledged += [first.strip(), *out.split()]
        check_intact(db_path, acknowledged)
    assert len(acknowledged) > 8


def test_four_processes_submitting_at_once(db_path: Path) -> None:
    Database(db_path)  # create the folder once, as the app would
    writers = [start_writer(db_path, f"w{n}", 25, compact=SMALL_COMPACTION * 4) for n in range(4)]
    printed: list[str] = []
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        printed += out.split()
    assert len(printed) == 100 == len(set(printed))
    protocols = check_intact(db_path, printed)
    assert sorted(protocols) == [f"HD-2026-{n:06d}" for n in range(1, 101)]
    support_ids = [s.support_id for s in Database(db_path).requests.list()]
    assert sorted(support_ids) == sorted(f"w{w}-{i}" for w in range(4) for i in range(25))


def cli(db_path: Path, *args: str, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``helpdesk`` in a subprocess on ``db_path``."""
    env = {k: v for k, v in os.environ.items() if k != "HELPDESK_STORE_FAULT"}
    env["HELPDESK_NOW"] = "2026-03-10T10:00"  # the present ``submit`` registers at
    if fault:
        env["HELPDESK_STORE_FAULT"] = fault
    return subprocess.run(
        [sys.executable, "-m", "helpdesk", "--db", str(db_path), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


SUBMIT = ("submit", "backup", "--support-id", "Z1", "--slot", "20:00")


def test_cli_prints_nothing_when_killed_before_the_save_is_durable(db_path: Path) -> None:
    assert cli(db_path, *SUBMIT, "--json").returncode == 0
    for point in ("journal-partial", "journal-before-fsync"):
        result = cli(db_path, *SUBMIT, "--json", "--force", fault=point)
        assert result.returncode == -signal.SIGKILL
        assert result.stdout == ""
    assert len(check_intact(db_path, ["HD-2026-000001"])) in (1, 2, 3)
    result = cli(db_path, *SUBMIT, "--json", "--force")
    assert result.returncode == 0
    saved = json.loads(result.stdout)["protocol"]
    check_intact(db_path, ["HD-2026-000001", saved])


def test_four_cli_submits_at_once(db_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "HELPDESK_STORE_FAULT"}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "helpdesk",
                "--db",
                str(db_path),
                "submit",
                "backup",
                "--support-id",
                f"C{n}",
                "--slot",
                "20:00",
                "--json",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for n in range(4)
    ]
    protocols = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        protocols.append(json.loads(out)["protocol"])
    assert len(set(protocols)) == 4
    check_intact(db_path, protocols)
