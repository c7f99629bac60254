"""The answer tells the truth: a durable journal entry is a saved request, whatever follows."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from _cli import run

from helpdesk.compose import engine
from store import faults
from store.database import Database

BACKUP: tuple[str, ...] = ("submit", "backup", "--support-id", "100200", "--slot", "20:00")
BACKUP += ("--force",)

# ``submit`` registers at the present moment: pinned to 10/03/2026 10:00 here.
pytestmark = pytest.mark.usefixtures("pinned_now")


@pytest.fixture(autouse=True)
def compact_every_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every commit past the first compacts; fault hits start counting afresh."""
    monkeypatch.setattr(engine, "Database", functools.partial(Database, compact_min_bytes=0))
    monkeypatch.setattr(faults, "_hits", {})


def listed(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The protocols ``requests --json`` lists."""
    code, out, _ = run(capsys, "requests", "--json")
    assert code == 0
    return [item["protocol"] for item in json.loads(out)]


def test_failed_compaction_after_a_durable_entry_is_a_saved_request(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, *BACKUP)[0] == 0
    monkeypatch.setenv(faults.ENV, "snapshot-temp-written=ENOSPC")
    code, out, err = run(capsys, *BACKUP)
    assert code == 0 and "HD-2026-000002" in out
    assert "salvos" in err and "o disco está cheio" in err and "tentado de novo" in err
    monkeypatch.delenv(faults.ENV)
    assert listed(capsys) == ["HD-2026-000002", "HD-2026-000001"]
    journal = db_path.with_name(db_path.name + ".journal")
    assert b"HD-2026-000002" in journal.read_bytes()
    # The next write retries the compaction, which now succeeds.
    code, _, err = run(capsys, *BACKUP)
    assert code == 0 and err == ""
    assert b"HD-2026-000002" in db_path.read_bytes()
    assert b"HD-2026-000002" not in journal.read_bytes()


def test_an_entry_that_is_not_durable_saves_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, *BACKUP)[0] == 0
    monkeypatch.setenv(faults.ENV, "journal-before-fsync=ENOSPC")
    code, out, err = run(capsys, *BACKUP)
    assert code == 1 and out == ""
    assert "o disco está cheio" in err and "Nada foi salvo" in err
    monkeypatch.delenv(faults.ENV)
    assert listed(capsys) == ["HD-2026-000001"]
    assert run(capsys, *BACKUP)[1].startswith("Pedido registrado: HD-2026-000002")


@pytest.mark.parametrize(
    "spec", ["nowhere", "journal-partial@0", "journal-partial@x", "journal-partial=nope"]
)
def test_a_bad_fault_spec_is_bad_input(
    spec: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(faults.ENV, spec)
    code, _, err = run(capsys, *BACKUP)
    assert code == 2 and err.startswith("helpdesk: erro: HELPDESK_STORE_FAULT:")
    assert "Traceback" not in err
