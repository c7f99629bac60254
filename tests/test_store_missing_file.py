"""A data file that does not exist yet: reading it creates nothing; the first write creates it all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from _cli import run
from _store import NOW, sample_licenses

from store.database import Database
from store.errors import NotFound
from store.files import temp_glob


def everything_under(folder: Path) -> list[str]:
    """Every path under ``folder``, relative to it (sorted)."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def read_everything(db: Database) -> None:
    """Every kind of read the repositories and the TinyDB tables offer."""
    assert db.requests.list() == []
    assert db.requests.all() == []
    assert db.requests.open_duplicates("backup", "100200") == []
    with pytest.raises(NotFound):
        db.requests.get("HD-2026-000001")
    assert db.licenses.list() == []
    assert db.licenses.get("100200") is None
    assert db.licenses.history("100200") == []
    assert db.licenses.deadlines(NOW.date()) == []
    assert db.votes.list() == []
    assert db.votes.tally("artigo") == (0, 0)
    assert db.misses.list() == []
    assert db.schema_version() is None
    assert db.storage.tables() == {}
    table = db.table("notes")
    assert (table.all(), len(table), table.get(doc_id=1)) == ([], 0, None)
    db.close()


def test_reading_a_missing_file_in_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    before = everything_under(tmp_path)
    path = tmp_path / "new" / "deep" / "helpdesk.json"
    read_everything(Database(path))
    read_everything(Database(path))
    assert everything_under(tmp_path) == before


def test_reading_a_missing_file_in_an_existing_folder_leaves_it_empty(db_path: Path) -> None:
    db_path.parent.mkdir()
    db = Database(db_path)
    read_everything(db)
    with db.storage.locked():
        read_everything(db)
    assert list(db_path.parent.iterdir()) == []


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_the_first_write_creates_a_private_folder_and_files(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "new" / "deep" / "helpdesk.json"
    db = Database(path)
    read_everything(db)
    old = os.umask(umask)
    try:
        db.table("notes").insert({"n": 1})
    finally:
        os.umask(old)
    for folder in (path.parent, path.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "helpdesk.json",
        "helpdesk.json.journal",
        "helpdesk.json.lock",
    ]
    for child in path.parent.iterdir():
        assert stat.S_IMODE(child.stat().st_mode) == 0o600, child.name
    assert [doc["n"] for doc in db.table("notes").all()] == [1]
    assert db.schema_version() is not None
    assert [doc["n"] for doc in Database(path).table("notes").all()] == [1]


def test_a_handle_that_read_nothing_sees_another_handles_first_write(db_path: Path) -> None:
    reader, writer = Database(db_path), Database(db_path)
    assert reader.table("notes").all() == []
    assert reader.licenses.get("100200") is None
    writer.table("notes").insert({"n": 1})
    writer.licenses.import_licenses(sample_licenses()[:1], NOW)
    assert [doc["n"] for doc in reader.table("notes").all()] == [1]
    found = reader.licenses.get("100200")
    assert found is not None and found.support_id == "100200"
    assert reader.table("notes").insert({"n": 2}) == 2


def test_a_write_inside_a_read_of_a_missing_file(db_path: Path) -> None:
    db = Database(db_path)
    with db.storage.locked():
        assert db.storage.tables() == {}
        db.table("notes").insert({"n": 1})
        assert [doc["n"] for doc in db.table("notes").all()] == [1]
    assert [doc["n"] for doc in Database(db_path).table("notes").all()] == [1]


def test_temp_files_of_a_crashed_first_write_are_swept_at_start(db_path: Path) -> None:
    # A writer takes the lock (creating its file) before anything else, so the lock file is there.
    db_path.parent.mkdir()
    db_path.with_name(db_path.name + ".lock").touch()
    leftover = db_path.with_name(f".{db_path.name}.deadbeef.tmp")
    leftover.write_bytes(b"half a snapshot")
    Database(db_path)
    assert not list(db_path.parent.glob(temp_glob(db_path)))
    assert not db_path.exists()


READS = [
    (("lote", "list"), 0),
    (("lote", "list", "--json"), 0),
    (("lote", "deadlines", "--today", "2026-03-10"), 0),
    (("requests",), 0),
    (("requests", "--json"), 0),
    (("requests", "--kind", "backup", "--status", "registrada"), 0),
    (("requests", "show", "HD-2026-000001"), 2),
    (("requests", "export", "--format", "csv"), 0),
    (("requests", "export", "--format", "json"), 0),
    (("search", "--misses"), 0),
    (("search", "--misses", "--json"), 0),
    (("db", "info"), 0),
    (("db", "info", "--json"), 0),
    (("db", "recover"), 0),
]


@pytest.mark.parametrize(("command", "expected"), READS, ids=[" ".join(c) for c, _ in READS])
def test_read_only_commands_create_nothing(
    command: tuple[str, ...],
    expected: int,
    tmp_path: Path,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = everything_under(tmp_path)
    code, _, err = run(capsys, *command)
    assert code == expected, err
    assert "Traceback" not in err
    assert not db_path.parent.exists()
    assert everything_under(tmp_path) == before


def test_read_only_commands_print_what_an_empty_store_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "requests")[1] == "Nenhum pedido registrado.\n"
    assert run(capsys, "requests", "--json")[1] == "[]\n"
    assert run(capsys, "lote", "list", "--json")[1] == "[]\n"
    assert run(capsys, "search", "--misses")[1] == "Nenhuma busca sem resultado registrada.\n"
    code, out, err = run(capsys, "requests", "show", "HD-2026-000001")
    assert (code, out) == (2, "")
    assert "Pedido HD-2026-000001 não encontrado" in err


def test_the_first_cli_write_creates_the_file(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "requests")[0] == 0
    code, _, err = run(capsys, "submit", "backup", "--support-id", "100200", "--slot", "20:00")
    assert code == 0, err
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert "100200" in run(capsys, "requests")[1]


async def test_starting_and_quitting_the_app_creates_nothing(tmp_path: Path, db_path: Path) -> None:
    from _pilot import make_app

    before = everything_under(tmp_path)
    app = make_app(db_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.database.requests.list() == []
        await pilot.press("ctrl+q")
    assert not db_path.parent.exists()
    assert everything_under(tmp_path) == before
