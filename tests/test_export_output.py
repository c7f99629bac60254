"""``requests export --output`` writes a new regular file, or replaces one only with --force."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pytest
from _cli import run

from store.export import spreadsheet_safe

BACKUP = ("submit", "backup", "--support-id", "100200", "--slot", "20:00")

# ``submit`` registers at the present moment: pinned to 10/03/2026 10:00 here.
pytestmark = pytest.mark.usefixtures("pinned_now")
EXPORT = ("requests", "export", "--format", "csv", "--output")


@pytest.fixture(autouse=True)
def one_request(capsys: pytest.CaptureFixture[str]) -> None:
    """One saved request to export."""
    assert run(capsys, *BACKUP)[0] == 0


def test_new_file_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "novo.csv"
    code, _, err = run(capsys, *EXPORT, str(target))
    assert code == 0 and "1 pedido exportado" in err
    assert "HD-2026-000001" in target.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_existing_regular_file_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "velho.csv"
    target.write_text("meus dados", encoding="utf-8")
    code, _, err = run(capsys, *EXPORT, str(target))
    assert code == 2 and "--force" in err and target.read_text(encoding="utf-8") == "meus dados"
    code, _, _ = run(capsys, *EXPORT, str(target), "--force")
    assert code == 0 and "HD-2026-000001" in target.read_text(encoding="utf-8-sig")


def test_symlink_fifo_and_folder_are_refused_even_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("não mexa", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(precious)
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    for target, reason in ((link, "link simbólico"), (fifo, "não é um arquivo comum")):
        for force in ((), ("--force",)):
            code, _, err = run(capsys, *EXPORT, str(target), *force)
            assert code == 2 and reason in err and "Traceback" not in err
    assert link.is_symlink() and precious.read_text(encoding="utf-8") == "não mexa"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    code, _, err = run(capsys, *EXPORT, str(tmp_path), "--force")
    assert code == 2 and "é uma pasta" in err


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\tx", "\rx", "=90"],
)
def test_formula_cells_are_neutralized(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("Padaria =1") == "Padaria =1"


def test_every_csv_the_app_writes_is_neutralized_and_the_lote_round_trips(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    from _store import NOW, sample_licenses

    from store.database import Database
    from store.lote_csv import parse

    hostile = '=HYPERLINK("http://x.invalid","abrir")'
    with Database(db_path) as db:
        lic = replace(sample_licenses()[0], support_id="=90", client=hostile)
        db.licenses.import_licenses([lic, replace(lic, support_id="+91", client="@SUM(1+1)")], NOW)
        db.requests.submit("backup", {"support_id": "=90", "slot": "20:00"}, NOW)
    requests_file, lote_file = tmp_path / "pedidos.csv", tmp_path / "lote.csv"
    assert run(capsys, *EXPORT, str(requests_file))[0] == 0
    assert run(capsys, "lote", "export", "--output", str(lote_file))[0] == 0
    for path in (requests_file, lote_file):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
        cells = [cell for row in rows[1:] for cell in row]
        assert cells and not any(
            cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells
        )
    assert f"'{hostile}" in lote_file.read_text(encoding="utf-8-sig").replace('""', '"')
    parsed = parse(lote_file.read_text(encoding="utf-8-sig"))
    assert {(lic.support_id, lic.client) for lic in parsed.licenses} == {
        ("=90", hostile),
        ("+91", "@SUM(1+1)"),
    }
