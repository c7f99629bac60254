"""A bad environment or path is refused up front with exit 2: nothing is saved under it."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cli import run

BACKUP = ("submit", "backup", "--support-id", "100200", "--slot", "20:00")


@pytest.mark.parametrize("now", ["0001-01-01T00:00", "9999-12-31T23:59", "1999-12-31T23:59"])
def test_helpdesk_now_outside_2000_to_2100_is_refused(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, now: str
) -> None:
    monkeypatch.setenv("HELPDESK_NOW", now)
    for command in (BACKUP, ("requests",)):
        code, out, err = run(capsys, *command)
        assert code == 2 and out == "" and "HELPDESK_NOW" in err and "2000–2100" in err
    assert not db_path.exists()


@pytest.mark.parametrize("option", ["--now", "--today"])
def test_submit_refuses_a_date_option_and_saves_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    code, out, err = run(capsys, *BACKUP, option, "2100-06-01T10:00")
    assert (code, out) == (2, "") and option in err and not db_path.exists()


def test_limits_are_accepted(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPDESK_NOW", "2100-06-01T10:00")
    code, out, _ = run(capsys, *BACKUP)
    assert code == 0 and "HD-2100-000001" in out


@pytest.mark.parametrize(
    ("db", "words"),
    [("~nouser_hd/x.json", "pasta pessoal de '~nouser_hd'"), ("", "está vazio"), ("  ", "vazio")],
)
def test_bad_db_paths_are_refused(
    db_path: Path, capsys: pytest.CaptureFixture[str], db: str, words: str
) -> None:
    for args in (("--db", db, "requests"), ("requests", "--db", db), ("--db", db, *BACKUP)):
        code, _, err = run(capsys, *args)
        assert code == 2 and words in err and "Traceback" not in err
    assert not db_path.exists()  # the default file is never used instead
