"""What the CLI prints cannot drive the terminal, and any output encoding only degrades it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from _cli import run
from _store import NOW, ROOT, sample_licenses

from store.database import Database
from store.feedback import MissRepository

ESC_NAME = "Padaria \x1b[2J\x1b]52;c;ZXZpbA==\x07 \u202eLtda"


def store_hostile_name(db_path: Path) -> None:
    """A license whose name (as if edited into the data file) carries ESC, OSC 52 and U+202E."""
    with Database(db_path) as db:
        db.licenses.import_licenses([replace(sample_licenses()[0], client=ESC_NAME)], NOW)
        db.requests.submit("cancel", {"support_id": "100200", "conta_pj": "sim"}, NOW)


@pytest.mark.parametrize(
    "command",
    [
        ("lote", "list"),
        ("requests",),
        ("requests", "show", "HD-2026-000001"),
        ("lote", "list", "--json"),
    ],
)
def test_stored_text_is_printed_escaped(
    db_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    store_hostile_name(db_path)
    code, out, err = (
        run(capsys, *command, "--today", "2026-03-10")
        if command[0] == "lote"
        else run(capsys, *command)
    )
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    if "--json" in command:
        json.loads(out)  # the escapes keep JSON valid


def test_search_refuses_control_characters_and_misses_never_store_them(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "search", "\x1b[2Jxyzzy")
    assert code == 2 and "caracteres de controle" in err
    code, _, err = run(capsys, "search", "abc\u202exyzzyq")
    assert code == 2
    with Database(db_path) as db:
        assert db.misses.list() == []
        with pytest.raises(ValueError, match="caracteres de controle"):
            MissRepository(db).add("oi\x1b[2J", NOW)


@pytest.mark.parametrize(
    ("field", "value"),
    [("--client-name", "Empresa \u202eLtda"), ("--client-name", "Empresa\x1bLtda")],
)
def test_forms_refuse_bidi_and_control_characters(
    capsys: pytest.CaptureFixture[str], field: str, value: str
) -> None:
    code, _, err = run(
        capsys,
        "submit",
        "substitute",
        "--support-id",
        "100200",
        field,
        value,
        "--new-client-name",
        "Nova SA",
        "--new-client-cnpj",
        "11.444.777/0001-61",
    )
    assert code == 2 and "caracteres de controle" in err


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_any_output_encoding_degrades_never_crashes(db_path: Path, encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "HELPDESK_DB": str(db_path)}
    env["HELPDESK_NOW"] = "2026-03-10T10:00"  # the present ``submit`` registers at
    store_hostile_name(db_path)

    def helpdesk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "helpdesk", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )

    submit = helpdesk("submit", "backup", "--support-id", "100200", "--slot", "20:00")
    assert submit.returncode == 0 and "HD-2026-000002" in submit.stdout, submit.stderr
    for args in (
        ("requests",),
        ("requests", "show", "HD-2026-000001"),
        ("lote", "list", "--today", "2026-03-10"),
        (
            "rules",
            "cancel",
            "--today",
            "2026-03-10",
            "--term-start",
            "2025-06-01",
            "--renews-on",
            "2026-06-01",
        ),
    ):
        done = helpdesk(*args)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr and "UnicodeEncodeError" not in done.stderr
