"""The command line on a PostgreSQL server: ``--db URL``, ``db info``, ``db migrate``, ``db copy``."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from _cli import run

from helpdesk.compose.engine import is_server_url, open_store, store_target
from store.postgres.errors import mask_url
from store.postgres.schema import CURRENT

LOTE = (
    "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n"
    "100200,Padaria Pão Quente Ltda,11.222.333/0001-81,01/06/2025,01/06/2026,12,sim\n"
    "300400,Oficina Roda Viva ME,12.ABC.345/01DE-35,2026-03-05,2027-03-05,,nao\n"
)


@pytest.fixture
def lote_csv(tmp_path: Path) -> Path:
    """The sample lote as a CSV file."""
    path = tmp_path / "lote.csv"
    path.write_text(LOTE, encoding="utf-8")
    return path


def test_a_url_chooses_the_server_and_a_path_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    assert is_server_url("postgresql://u@host/db") and is_server_url(" postgres://h/db")
    assert not is_server_url("/tmp/postgresql/helpdesk.json")
    monkeypatch.setenv("HELPDESK_DB", "postgresql:///escritorio?host=/var/run/postgresql")
    assert store_target(None) == "postgresql:///escritorio?host=/var/run/postgresql"
    assert store_target("~/dados.json") == Path("~/dados.json").expanduser()


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("postgresql://ana:s3cr%40t@db.local:5432/hd", "postgresql://ana:***@db.local:5432/hd"),
        ("postgresql://ana@db.local/hd?password=xyz&sslmode=require", "password=***&sslmode"),
        ("postgresql:///hd?host=/run/pg", "postgresql:///hd?host=/run/pg"),
    ],
)
def test_the_password_is_masked(url: str, masked: str) -> None:
    shown = mask_url(url)
    assert masked in shown
    assert "s3cr" not in shown and "xyz" not in shown


@pytest.mark.usefixtures("pinned_now")
def test_commands_work_the_same_on_the_server(
    pg_url: str, lote_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", pg_url, "lote", "import", str(lote_csv))
    assert code == 0, err
    code, out, err = run(capsys, "--db", pg_url, "submit", "cancel", "--support-id", "100200")
    assert code == 0, err
    assert "HD-2026-000001" in out
    code, out, err = run(capsys, "--db", pg_url, "submit", "cancel", "--support-id", "100200")
    assert code == 3 and "--force" in err
    code, out, _ = run(capsys, "--db", pg_url, "requests", "--json")
    assert [r["protocol"] for r in json.loads(out)] == ["HD-2026-000001"]


def test_db_info_masks_the_password(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    password = psycopg.conninfo.conninfo_to_dict(pg_url).get("password")
    code, out, err = run(capsys, "--db", pg_url, "db", "info")
    assert code == 0, err
    assert "Banco de dados PostgreSQL" in out and "***" in out
    assert password and str(password) not in out + err
    code, out, _ = run(capsys, "--db", pg_url, "db", "info", "--json")
    info = json.loads(out)
    assert info["engine"] == "postgresql" and info["tables"]["requests"] == 0
    assert str(password) not in out


def test_migrate_creates_the_schema_once(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", pg_url, "db", "migrate")
    assert code == 0 and f"da versão 0 para a {CURRENT}" in out
    code, out, _ = run(capsys, "--db", pg_url, "db", "migrate")
    assert code == 0 and f"já está na versão {CURRENT}" in out


def test_a_newer_schema_is_refused_untouched(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", pg_url, "db", "migrate")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE helpdesk_schema SET version = 99")
    code, _, err = run(capsys, "--db", pg_url, "requests")
    assert code == 1 and "esquema 99" in err and "Atualize o helpdesk" in err
    assert "Traceback" not in err
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT version FROM helpdesk_schema").fetchone() == (99,)


def test_an_unreachable_server_is_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://ana:segredo@/hd?host={tmp_path}"
    code, _, err = run(capsys, "--db", url, "requests")
    assert code == 1 and "fora do ar ou inacessível" in err
    assert "segredo" not in err and "Traceback" not in err


@pytest.mark.usefixtures("pinned_now")
def test_copy_moves_an_office_and_back(
    pg_url: str, tmp_path: Path, lote_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(tmp_path / "escritorio.json")
    run(capsys, "--db", source, "lote", "import", str(lote_csv))
    run(capsys, "--db", source, "submit", "cancel", "--support-id", "100200")
    run(
        capsys,
        "--db",
        source,
        "submit",
        "backup",
        "--support-id",
        "300400",
        "--slot",
        "20:00",
    )

    code, out, err = run(capsys, "db", "copy", "--from", source, "--to", pg_url)
    assert code == 0, err
    assert "2 pedidos, 2 licenças" in out and "***" in out
    code, out, _ = run(capsys, "db", "copy", "--from", source, "--to", pg_url)
    assert code == 0 and "nada a copiar" in out  # idempotent

    run(
        capsys,
        "--db",
        pg_url,
        "submit",
        "backup",
        "--support-id",
        "100200",
        "--slot",
        "21:00",
    )
    code, _, err = run(capsys, "db", "copy", "--from", source, "--to", pg_url)
    assert code == 3 and "--force" in err and "3 pedidos" in err
    back = str(tmp_path / "de-volta.json")
    code, out, err = run(capsys, "db", "copy", "--from", pg_url, "--to", back, "--json")
    assert code == 0, err
    assert json.loads(out)["copied"]["requests"] == 3
    server, file = open_store(pg_url), open_store(back)
    try:
        assert server.dump() == file.dump()
        assert (
            file.requests.submit(
                "backup",
                {"support_id": "X", "slot": "20:00"},
                server.requests.get("HD-2026-000003").created_at,
            ).protocol
            == "HD-2026-000004"
        )
    finally:
        server.close()
        file.close()
    code, _, err = run(capsys, "db", "copy", "--from", source, "--to", pg_url, "--force")
    assert code == 0, err


def test_copy_refuses_a_missing_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys,
        "db",
        "copy",
        "--from",
        str(tmp_path / "nada.json"),
        "--to",
        str(tmp_path / "b.json"),
    )
    assert code == 2 and "não existe" in err


def test_serve_hands_the_url_to_each_tab_without_showing_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpdesk.compose import serve

    started: list[str] = []

    class Recorder:
        """Stands for the web server: records the command each tab would run."""

        def __init__(self, command: str, **options: object) -> None:
            started.append(command)

        def run(self) -> None:
            """Return at once instead of serving."""

    monkeypatch.setattr(serve, "HelpdeskServer", Recorder)
    url = "postgresql://ana:segredo@servidor/escritorio"
    code, _, err = run(capsys, "--db", url, "serve", "--host", "127.0.0.1", "--port", "0")
    assert code == 0, err
    assert "segredo" not in started[0] and "--db" not in started[0]
    import os

    assert os.environ["HELPDESK_DB"] == url


def test_the_password_can_come_from_pgpassfile(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from urllib.parse import urlsplit, urlunsplit

    params = psycopg.conninfo.conninfo_to_dict(pg_url)
    parts = urlsplit(pg_url)
    without = urlunsplit(parts._replace(netloc=f"{params['user']}@"))
    assert str(params["password"]) not in without
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"*:*:*:{params['user']}:{params['password']}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    code, out, err = run(capsys, "--db", without, "db", "info")
    assert code == 0, err
    assert "Banco de dados PostgreSQL" in out
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "nenhum"))
    code, _, err = run(capsys, "--db", without, "requests")
    assert code == 1 and "recus" in err


def test_a_refused_operation_is_a_portuguese_message(
    pg_worker_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A search path naming no schema leaves the tables nowhere to be created."""
    from urllib.parse import urlsplit

    from _pg import with_database

    dbname = urlsplit(pg_worker_url).path.lstrip("/")
    url = with_database(pg_worker_url, dbname, "esquema_que_nao_existe")
    code, out, err = run(capsys, "--db", url, "requests")
    assert code == 1 and not out
    assert "recusou a operação" in err and "esquema indicado" in err and "Nada foi salvo" in err
    assert "Traceback" not in err and "psycopg" not in err
