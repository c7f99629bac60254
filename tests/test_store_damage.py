"""Damage is reported, never dropped in silence: journal checksums and document shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _cli import run

BACKUP: tuple[str, ...] = ("submit", "backup", "--support-id", "100200", "--slot", "20:00")
BACKUP += ("--force",)

# ``submit`` registers at the present moment: pinned to 10/03/2026 10:00 here.
pytestmark = pytest.mark.usefixtures("pinned_now")


def protocols(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The protocols ``requests --json`` lists (it must succeed)."""
    code, out, err = run(capsys, "requests", "--json")
    assert code == 0, err
    return [item["protocol"] for item in json.loads(out)]


def test_one_damaged_byte_in_the_last_journal_entry_is_reported(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(3):
        assert run(capsys, *BACKUP)[0] == 0
    journal = db_path.with_name(db_path.name + ".journal")
    data = journal.read_bytes()
    last = data.rindex(b"\n", 0, len(data) - 1) + 1
    assert b"HD-2026-000003" in data[last:]
    damaged = data[:last] + bytes([data[last] ^ 0x01]) + data[last + 1 :]
    journal.write_bytes(damaged)

    code, out, err = run(capsys, "requests")
    assert code == 1 and str(journal) in err and "danificado" in err and "db recover" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, *BACKUP)
    assert code == 1 and journal.read_bytes() == damaged  # nothing written over the damage

    code, out, _ = run(capsys, "db", "recover")
    assert code == 0 and "danificado" in out
    assert protocols(capsys) == ["HD-2026-000002", "HD-2026-000001"]
    # The lost entry's number was handed out once: it is never handed out again.
    code, out, _ = run(capsys, *BACKUP)
    assert code == 0 and "HD-2026-000004" in out


def _write_snapshot(db_path: Path, tables: dict[str, object]) -> bytes:
    """A hand-written data file (plain JSON, as TinyDB would write it)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(tables).encode()
    db_path.write_bytes(data)
    return data


GOOD_REQUEST = {
    "protocol": "HD-2026-000001",
    "kind": "backup",
    "support_id": "100200",
    "client": "",
    "status": "registrada",
    "status_history": [{"status": "registrada", "at": "2026-03-10T10:00:00-03:00", "note": ""}],
    "created_at": "2026-03-10T10:00:00-03:00",
    "decision": "ok",
    "key_date": None,
    "effect": None,
}


@pytest.mark.parametrize(
    "tables",
    [
        {"requests": {"1": GOOD_REQUEST, "2": {}}},
        {"requests": {"1": GOOD_REQUEST, "2": {**GOOD_REQUEST, "created_at": 5}}},
        {"requests": {"1": GOOD_REQUEST, "2": {**GOOD_REQUEST, "status_history": "x"}}},
        {"requests": {"1": GOOD_REQUEST}, "meta": {"1": {"schema_version": "abc"}}},
        {"requests": {"1": GOOD_REQUEST}, "licenses": {"1": {"support_id": 7}}},
        {"requests": {"1": GOOD_REQUEST}, "request_details": {"1": {"fields": 5}}},
    ],
    ids=["no-keys", "wrong-type", "bad-history", "schema-abc", "license", "detail"],
)
def test_valid_json_of_the_wrong_shape_is_damage(
    db_path: Path, capsys: pytest.CaptureFixture[str], tables: dict[str, object]
) -> None:
    data = _write_snapshot(db_path, {"meta": {"1": {"schema_version": 2}}, **tables})
    for command in (("requests",), ("requests", "show", "HD-2026-000001"), ("lote", "list")):
        code, _, err = run(capsys, *command)
        assert code in (0, 1) and "Traceback" not in err
    code, _, err = run(capsys, "requests", "show", "HD-2026-000001")
    assert code == 1 and "danificado" in err and str(db_path) in err
    assert db_path.read_bytes() == data  # left untouched

    code, out, _ = run(capsys, "db", "recover")
    assert code == 0 and "íntegro" not in out and "danificado" in out
    assert protocols(capsys) == ["HD-2026-000001"]  # every valid document salvaged
