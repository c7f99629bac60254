"""The data file's links and permissions: resolved once, never widened, reads need only reading."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from _cli import run

from store import disk

BACKUP: tuple[str, ...] = ("submit", "backup", "--support-id", "100200", "--slot", "20:00")
BACKUP += ("--force",)

# ``submit`` registers at the present moment: pinned to 10/03/2026 10:00 here.
pytestmark = pytest.mark.usefixtures("pinned_now")


def mode(path: Path) -> int:
    """The permission bits of ``path`` (following links)."""
    return stat.S_IMODE(path.stat().st_mode)


def test_a_data_file_behind_a_symlink_stays_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real" / "helpdesk.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run(capsys, "--db", str(real), *BACKUP)[0] == 0
    real.chmod(0o640)  # the owner's choice, kept whatever the app does through the link
    assert run(capsys, *BACKUP, "--db", str(link))[0] == 0
    for command in (("requests",), ("db", "compact"), ("db", "recover"), ("db", "info")):
        code, _, err = run(capsys, *command, "--db", str(link))
        assert code == 0, err
    assert link.is_symlink() and link.resolve() == real
    assert not (tmp_path / "link.json.journal").exists()
    assert not (tmp_path / "link.json.lock").exists()
    code, out, _ = run(capsys, "requests", "--json", "--db", str(real))
    assert [item["protocol"] for item in json.loads(out)] == ["HD-2026-000002", "HD-2026-000001"]
    assert mode(real.parent / "helpdesk.json.journal") == 0o600


def test_reads_never_change_permissions(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, *BACKUP)[0] == 0
    db_path.chmod(0o400)
    for command in (("requests",), ("db", "info"), ("db", "recover"), ("lote", "list")):
        code, _, err = run(capsys, *command)
        assert code == 0, err
    assert mode(db_path) == 0o400


def test_a_read_only_data_file_refuses_writes_without_widening(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *BACKUP)[0] == 0
    db_path.chmod(0o400)
    before = db_path.read_bytes()
    code, out, err = run(capsys, *BACKUP)
    assert code == 1 and out == "" and "só permite leitura" in err
    assert mode(db_path) == 0o400 and db_path.read_bytes() == before


def test_a_read_only_journal_still_reads(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, *BACKUP)[0] == 0
    assert run(capsys, *BACKUP)[0] == 0
    journal = db_path.with_name(db_path.name + ".journal")
    journal.chmod(0o400)
    real_open = os.open

    def as_a_normal_user(path: object, flags: int, *args: int) -> int:
        # Tests may run as root, who writes anything: refuse writing a read-only file as the
        # kernel refuses it to anyone else.
        writing = flags & (os.O_WRONLY | os.O_RDWR)
        if writing and Path(str(path)).exists() and not os.stat(str(path)).st_mode & 0o200:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(disk.os, "open", as_a_normal_user)
    code, out, err = run(capsys, "requests", "--json")
    assert code == 0, err
    assert len(json.loads(out)) == 2
    assert mode(journal) == 0o400
