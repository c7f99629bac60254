"""Exports on standard output are the file itself, byte for byte; only a terminal gets them escaped."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from _store import NOW, ROOT, sample_licenses

from helpdesk.compose.cli import main
from store.database import Database

HOSTILE = 'Padaria\rNova\nLoja; "Pão" \x1b[2J\u202eLtda'
"""A client name (as if edited into the data file) with CR, LF, the separator, quotes, ESC, bidi."""


def run_bytes(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, str]:
    """Run ``helpdesk`` in-process; return (exit code, stdout bytes, stderr text)."""
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsysbinary.readouterr()
    return code, out, err.decode("utf-8")


def seed(db_path: Path, client: str | None = None) -> None:
    """The two sample licenses, each with an e-mail; the first named ``client`` if given."""
    licenses = sample_licenses()
    if client is not None:
        licenses[0] = replace(licenses[0], client=client)
    with Database(db_path) as db:
        db.licenses.import_licenses(licenses, NOW)


def preview(capsysbinary: pytest.CaptureFixture[bytes], path: Path) -> dict[str, list[str]]:
    """What ``lote import --dry-run --json`` would change."""
    code, out, err = run_bytes(capsysbinary, "lote", "import", str(path), "--dry-run", "--json")
    assert code == 0, err
    return dict(json.loads(out))


@pytest.mark.parametrize("output", [(), ("--output", "-")])
@pytest.mark.parametrize("separator", [";", ","])
def test_lote_csv_on_stdout_imports_back_with_no_change(
    db_path: Path,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    output: tuple[str, ...],
    separator: str,
) -> None:
    seed(db_path)
    code, out, err = run_bytes(capsysbinary, "lote", "export", "--separator", separator, *output)
    assert (code, err) == (0, "")
    assert b"\\u000d" not in out and out.count(b"\r\n") == 3  # header and two licenses
    assert b"contato@paoquente.com.br\r\n" in out
    saved = tmp_path / "x.csv"
    saved.write_bytes(out)
    found = preview(capsysbinary, saved)
    assert (found["new"], found["changed"], found["missing"]) == ([], [], [])
    assert sorted(found["unchanged"]) == ["100200", "300400"]


def test_redirected_by_the_shell_the_round_trip_holds(db_path: Path, tmp_path: Path) -> None:
    """The reported session: ``helpdesk lote export > x.csv`` in a real process, then import."""
    seed(db_path)
    target = tmp_path / "x.csv"
    env = {**os.environ, "HELPDESK_DB": str(db_path)}
    with target.open("wb") as redirected:
        done = subprocess.run(
            [sys.executable, "-m", "helpdesk", "lote", "export"],
            stdout=redirected,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            check=False,
        )
    assert done.returncode == 0 and done.stderr == b""
    imported = subprocess.run(
        [sys.executable, "-m", "helpdesk", "lote", "import", str(target), "--dry-run"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    assert "0 novas, 0 alteradas, 2 iguais" in imported.stdout
    assert "→" not in imported.stdout  # no e-mail (or anything) becomes "—"


def test_dash_is_standard_output_not_a_file_named_dash(
    db_path: Path,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(db_path)
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())
    for args in (("lote", "export"), ("lote", "calendar"), ("requests", "export", "--format")):
        extra = ("csv",) if args[0] == "requests" else ()
        code, out, err = run_bytes(capsysbinary, *args, *extra, "--output", "-")
        assert code == 0 and err == ""
        assert out.startswith((b"id_suporte;", b"BEGIN:VCALENDAR\r\n", b"protocolo;"))
        assert b"exportad" not in out and b"gravad" not in out  # no message inside the data
    assert not (tmp_path / "-").exists()
    assert sorted(tmp_path.iterdir()) == before  # no file written at all


def test_json_on_stdout_is_exact(db_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """A JSON export keeps a control character as JSON escapes it, not as the filter would."""
    seed(db_path, client=HOSTILE)
    code, out, _ = run_bytes(capsysbinary, "lote", "export", "--format", "json")
    assert code == 0
    assert json.loads(out)[0]["client"] == HOSTILE
    assert b"\x1b" not in out  # json.dumps writes ESC as \u001b itself


def test_a_control_character_in_a_name_is_quoted_and_comes_back_whole(
    db_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """Redirected, the data is kept as stored: the CSV quotes the cell, nothing is lost or added.

    The line-breaking characters sit inside the quotes, so the rows stay two, and the cell a
    spreadsheet reads is the stored name; rows and columns of the other license are untouched.
    """
    seed(db_path, client=HOSTILE)
    code, out, _ = run_bytes(capsysbinary, "lote", "export")
    assert code == 0
    quoted = HOSTILE.replace('"', '""')
    assert f';"{quoted}";'.encode() in out
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline=""), delimiter=";"))
    assert [row[1] for row in rows[1:]] == [HOSTILE, "Oficina Roda Viva ME"]
    assert len(rows) == 3 and {len(row) for row in rows} == {8}


class _Terminal(io.StringIO):
    """Standard output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_csv_is_for_reading(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ``\\u000d`` at each line's end; a stored ESC, CR or U+202E is still shown escaped."""
    seed(db_path, client=HOSTILE)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["lote", "export"]) == 0
    shown = terminal.getvalue()
    assert "\x1b" not in shown and "\r" not in shown and "\u202e" not in shown
    assert "\\u001b[2J" in shown and "\\u202e" in shown
    assert shown.startswith("id_suporte;cliente;") and shown.endswith("roda@viva.com.br\n")
    # The CR inside the quoted name is shown escaped; the line ends carry none.
    assert '"Padaria\\u000dNova\nLoja;' in shown and shown.count("\\u000d") == 1
