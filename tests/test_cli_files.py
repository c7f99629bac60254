"""The files the command line is given: ``--db`` anywhere, and unusable files named in Portuguese."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from _cli import run

from helpdesk.compose.cli import main
from helpdesk.errors import os_reason
from store.database import Database
from store.errors import StoreError

CSV = "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n1,Ana,11.222.333/0001-81,01/03/2026,01/03/2027,12,nao\n"


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_db_option_on_either_side(
    tmp_path: Path, before: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "outro" / "dados.json"
    csv = tmp_path / "lote.csv"
    csv.write_text(CSV, encoding="utf-8")
    option = ["--db", str(target)]
    argv = (
        [*option, "lote", "import", str(csv)] if before else ["lote", "import", str(csv), *option]
    )
    assert main(argv) == 0
    capsys.readouterr()
    assert main(["lote", "list", "--json", *option]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["support_id"] for item in listed] == ["1"]
    # the default data file (HELPDESK_DB, set by the test fixture) was not touched
    assert main(["lote", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


BACKUP = ("submit", "backup", "--support-id", "100200", "--slot", "20:00")


def test_os_reasons_are_portuguese() -> None:
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file")) == "não existe"
    assert os_reason(IsADirectoryError(errno.EISDIR, "Is a directory")) == (
        "é uma pasta, não um arquivo"
    )
    assert "permissão" in os_reason(PermissionError(errno.EACCES, "Permission denied"))
    assert "disco" in os_reason(OSError(errno.ENOSPC, "No space left on device"))
    assert "No space" not in os_reason(OSError(errno.ENOSPC, "No space left on device"))


@pytest.mark.parametrize("command", [BACKUP, ("requests",), ("db", "recover")])
def test_a_folder_given_as_data_file(
    command: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pasta"
    folder.mkdir()
    code, out, err = run(capsys, "--db", str(folder), *command)
    assert code == 1 and out == ""
    assert f"O arquivo de dados {folder} não pode ser usado: é uma pasta" in err
    assert "Traceback" not in err
    # Nothing is created beside the folder (no lock file in its parent).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "pasta"]
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_data_folder_that_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The tests may run as root, who writes anywhere: refuse the lock file's creation instead.
    import filelock

    def refuse(self: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/x/helpdesk.json.lock")

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    code, out, err = run(capsys, *BACKUP)
    assert code == 1 and out == ""
    assert "não pode ser usado: sem permissão de acesso" in err
    assert "Permission denied" not in err


def test_a_data_file_that_cannot_be_read_is_not_called_damaged(db_path: Path) -> None:
    db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    db_path.write_text("{}", encoding="utf-8")
    real_open = os.open

    def refuse(path: object, *args: int) -> int:
        if Path(str(path)) == db_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", refuse)
        with pytest.raises(StoreError) as caught:
            Database(db_path)
    message = str(caught.value)
    assert "sem permissão de acesso" in message
    assert "danificado" not in message and "db recover" not in message


def test_export_to_a_folder_or_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *BACKUP)[0] == 0
    code, _, err = run(capsys, "requests", "export", "--format", "csv", "--output", str(tmp_path))
    assert code == 2
    assert err.startswith("helpdesk: erro: --output: não foi possível gravar")
    assert "é uma pasta" in err and "Traceback" not in err
    missing = tmp_path / "nao-existe" / "x.csv"
    code, _, err = run(capsys, "requests", "export", "--format", "json", "--output", str(missing))
    assert code == 2 and "não existe" in err
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_lote_import_reasons_in_portuguese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "lote", "import", str(tmp_path / "nada.csv"))
    assert code == 2 and "nada.csv: não existe." in err
    code, _, err = run(capsys, "lote", "import", str(tmp_path))
    assert code == 2 and "é uma pasta, não um arquivo" in err
    assert "No such file" not in err and "Is a directory" not in err


def test_a_closed_pipe_is_not_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # ``helpdesk lote list | head -3``: the reader goes away; that is no reason to complain.
    import helpdesk.compose.cli_support

    def closed(*args: object, **kwargs: object) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr(helpdesk.compose.cli_support, "print_table", closed)
    assert run(capsys, *BACKUP)[0] == 0
    code, _, err = run(capsys, "requests")
    assert (code, err) == (0, "")
