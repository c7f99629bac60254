"""The store's command line: exit codes, JSON, masking, import reports, recovery, erasure."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from _store import ROOT

from helpdesk.compose.cli import main

LOTE = (
    "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n"
    "100200,Padaria Pão Quente Ltda,11.222.333/0001-81,01/06/2025,01/06/2026,12,sim\n"
    "300400,Oficina Roda Viva ME,12.ABC.345/01DE-35,2026-03-05,2027-03-05,,nao\n"
    "500600,,11.222.333/0001-81,01/06/2025,01/06/2026,12,sim\n"
)
TODAY = ("--today", "2026-03-10")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``helpdesk`` in-process; return (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The sample lote imported into the test database."""
    path = tmp_path / "lote.csv"
    path.write_text(LOTE, encoding="utf-8")
    code, out, err = run(capsys, "lote", "import", str(path))
    assert code == 2  # one bad row
    assert "linha 4: cliente: campo obrigatório." in err
    assert "2 novas" in out
    return path


def test_submit_json_after_save(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["protocol"] == "HD-2026-000001"
    assert (data["kind"], data["support_id"], data["status"]) == ("cancel", "100200", "registrada")
    assert data["outcome"]["accepted"] is True and data["outcome"]["effective_on"] == "2026-06-01"
    assert data["message"]["url"].startswith("https://wa.me/")
    code, out, _ = run(capsys, "requests", "show", "HD-2026-000001", "--json")
    assert code == 0 and json.loads(out)["protocol"] == "HD-2026-000001"


def test_submit_text_shows_protocol_and_message(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "submit", "backup", "--support-id", "300400", "--slot", "19:30", *TODAY
    )
    assert code == 0
    assert "Pedido registrado: HD-2026-000001" in out
    assert "Mensagem para enviar ao suporte" in out


def test_bad_input_exits_2_and_saves_nothing(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "submit", "cancel", "--support-id", "999", *TODAY, "--json")
    assert (code, out) == (2, "")
    assert "--term-start" in err and "Traceback" not in err
    code, _, err = run(capsys, "submit", "backup", "--support-id", "1", "--slot", "25:00", "--json")
    assert code == 2 and "Horário" in err
    code, _, err = run(
        capsys, "submit", "backup", "--support-id", "1", "--slot", "20:00", *TODAY, "--now", "x"
    )
    assert code == 2
    code, out, _ = run(capsys, "requests", "--json")
    assert json.loads(out) == []


def test_refused_exits_3_with_the_reason(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "submit", "refund", "--support-id", "100200", *TODAY, "--json")
    assert (code, out) == (3, "")
    assert "recusado" in err and "arrependimento" in err
    code, out, _ = run(capsys, "requests", "--json")
    assert json.loads(out) == []


def test_duplicate_needs_force(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("submit", "cancel", "--support-id", "100200", *TODAY, "--json")
    assert run(capsys, *args)[0] == 0
    code, out, err = run(capsys, *args)
    assert (code, out) == (3, "")
    assert "HD-2026-000001" in err and "--force" in err
    code, out, _ = run(capsys, *args, "--force")
    assert code == 0 and json.loads(out)["protocol"] == "HD-2026-000002"


def test_requests_list_filters_and_masks(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY)
    run(capsys, "submit", "backup", "--support-id", "300400", "--slot", "20:00", *TODAY)
    code, out, _ = run(capsys, "requests", "--json")
    items = json.loads(out)
    assert code == 0 and [i["kind"] for i in items] == ["backup", "cancel"]
    for item in items:
        assert {"protocol", "kind", "support_id", "status", "created_at"} <= set(item)
    assert "Padaria Pão Quente Ltda" not in out and "Padaria P. Q. L." in out
    code, out, _ = run(capsys, "requests", "--kind", "cancel", "--json")
    assert [i["kind"] for i in json.loads(out)] == ["cancel"]
    code, out, _ = run(capsys, "requests")
    assert "HD-2026-000002" in out and "Padaria Pão Quente" not in out


def test_mark_withdraw_and_wrong_moves(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY)
    code, out, _ = run(capsys, "requests", "mark", "HD-2026-000001", "enviada")
    assert code == 0 and "enviada ao suporte" in out
    code, out, _ = run(capsys, "requests", "--status", "enviada", "--json")
    assert len(json.loads(out)) == 1
    code, out, _ = run(capsys, "requests", "withdraw", "HD-2026-000001", "--json")
    assert code == 0 and json.loads(out)["status"] == "retirada"
    code, _, err = run(capsys, "requests", "mark", "HD-2026-000001", "concluida")
    assert code == 2 and "retirada" in err
    code, _, err = run(capsys, "requests", "show", "HD-2026-000042")
    assert code == 2 and "não encontrado" in err


def test_export_csv_and_json(
    lote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY)
    target = tmp_path / "out.csv"
    code, _, _ = run(capsys, "requests", "export", "--format", "csv", "--output", str(target))
    assert code == 0
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("protocolo;tipo;id_suporte") and lines[1].startswith(
        "HD-2026-000001"
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    code, out, _ = run(capsys, "requests", "export", "--format", "json")
    assert json.loads(out)[0]["outcome"]["effective_on"] == "2026-06-01"


def test_lote_list_and_deadlines(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lote", "list", *TODAY, "--json")
    items = json.loads(out)
    assert code == 0 and [i["support_id"] for i in items] == ["100200", "300400"]
    assert items[0]["cnpj"] == "11.•••.•••/0001-81" and "Padaria Pão" not in out
    code, out, _ = run(capsys, "lote", "deadlines", *TODAY, "--json")
    assert [(i["support_id"], i["deadline"]) for i in json.loads(out)] == [
        ("300400", "2026-03-12"),
        ("100200", "2026-04-30"),
    ]
    code, out, _ = run(capsys, "lote", "deadlines", *TODAY, "--within", "10", "--json")
    assert [i["support_id"] for i in json.loads(out)] == ["300400"]
    code, out, _ = run(capsys, "lote", "deadlines", *TODAY)
    assert code == 0 and out.index("300400") < out.index("100200")


def test_lote_import_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "lote", "import", str(tmp_path / "nope.csv"))
    assert code == 2 and "nope.csv" in err


def test_damaged_file_message_and_recover(
    db_path: Path, lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY)
    run(capsys, "db", "compact")
    db_path.write_bytes(db_path.read_bytes()[:-40])
    code, out, err = run(capsys, "requests")
    assert code == 1 and str(db_path) in err and "helpdesk db recover" in err
    code, out, _ = run(capsys, "db", "recover")
    assert code == 0 and "danificado" in out
    code, out, _ = run(capsys, "requests", "--json")
    assert code == 0 and [i["protocol"] for i in json.loads(out)] == ["HD-2026-000001"]
    code, out, _ = run(capsys, "db", "recover")
    assert "íntegro" in out


def test_privacy_erase(lote: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY)
    code, out, _ = run(capsys, "privacy", "erase", "--yes", "--support-id", "100200", "--json")
    assert code == 0 and json.loads(out)["requests_anonymised"] == 1
    assert b"Padaria" not in db_path.read_bytes()
    code, out, _ = run(capsys, "db", "info", "--json")
    assert json.loads(out)["tables"]["requests"] == 1


def test_command_modules_do_not_import_the_store() -> None:
    code = (
        "import sys, helpdesk.compose.cli; helpdesk.compose.cli.build_parser();"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('tinydb', 'store', 'filelock')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
