"""The store's command line: exit codes, JSON, masking, import reports, recovery, erasure."""

from __future__ import annotations

import csv
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from _cli import TODAY, run
from _store import ROOT

from helpdesk.request_kinds import KINDS

# Requests are registered at the present moment: pinned to 10/03/2026 10:00 here.
pytestmark = pytest.mark.usefixtures("pinned_now")


def test_submit_json_after_save(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "submit", "cancel", "--support-id", "100200", "--json")
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
    code, out, _ = run(capsys, "submit", "backup", "--support-id", "300400", "--slot", "19:30")
    assert code == 0
    assert "Pedido registrado: HD-2026-000001" in out
    assert "Mensagem para enviar ao suporte" in out


def test_bad_input_exits_2_and_saves_nothing(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "submit", "cancel", "--support-id", "999", "--json")
    assert (code, out) == (2, "")
    assert "--term-start" in err and "Traceback" not in err
    code, _, err = run(capsys, "submit", "backup", "--support-id", "1", "--slot", "25:00", "--json")
    assert code == 2 and "Horário" in err
    code, out, _ = run(capsys, "requests", "--json")
    assert json.loads(out) == []


def test_refused_exits_3_with_the_reason(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "submit", "refund", "--support-id", "100200", "--json")
    assert (code, out) == (3, "")
    assert "recusado" in err and "arrependimento" in err
    code, out, _ = run(capsys, "requests", "--json")
    assert json.loads(out) == []


def test_duplicate_needs_force(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("submit", "cancel", "--support-id", "100200", "--json")
    assert run(capsys, *args)[0] == 0
    code, out, err = run(capsys, *args)
    assert (code, out) == (3, "")
    assert "HD-2026-000001" in err and "--force" in err
    code, out, _ = run(capsys, *args, "--force")
    assert code == 0 and json.loads(out)["protocol"] == "HD-2026-000002"


def test_requests_list_filters_and_masks(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    run(capsys, "submit", "backup", "--support-id", "300400", "--slot", "20:00")
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
    run(capsys, "submit", "cancel", "--support-id", "100200")
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
    run(capsys, "submit", "cancel", "--support-id", "100200")
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
    run(capsys, "submit", "cancel", "--support-id", "100200")
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
    run(capsys, "submit", "cancel", "--support-id", "100200")
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


def test_requests_list_names_kinds_in_portuguese(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    run(capsys, "submit", "block-conta-pj", "--support-id", "9", "--license-cancelled", "sim",
        "--company-name", "Empresa Nove Ltda", "--cnpj", "11.222.333/0001-81")  # fmt: skip
    code, out, _ = run(capsys, "requests")
    assert code == 0
    assert "Cancelamento" in out and "Bloqueio Conta PJ" in out
    assert " cancel " not in out and "block-conta-pj" not in out


def test_every_kind_has_a_short_portuguese_name() -> None:
    for kind in KINDS.values():
        assert kind.short_title and kind.short_title != kind.id
        assert len(kind.short_title) <= 20


def test_an_empty_filtered_list_says_it_is_the_filter(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    code, out, _ = run(capsys, "requests", "--status", "concluida")
    assert code == 0 and "Nenhum pedido com esses filtros" in out


def test_db_info_names_tables_in_portuguese(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "db", "info")
    assert code == 0
    assert "licenças do lote: 2 registros" in out
    assert "licenses" not in out and "meta" not in out


def test_recover_counts_only_what_was_salvaged(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text("isto não é json", encoding="utf-8")
    db_path.chmod(0o644)
    code, out, _ = run(capsys, "db", "recover")
    assert code == 0
    assert "com 0 registros aproveitados" in out and "meta" not in out
    # The damaged copy is renamed, never re-permissioned: it keeps its owner's choice.
    kept = next(db_path.parent.glob("helpdesk.json.danificado-*"))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o644


def test_erasing_an_unknown_id_says_nothing_was_found(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "privacy", "erase", "--yes", "--support-id", "999999")
    assert code == 0 and "Nada a apagar" in out and "999999" in out


def test_counts_and_day_spans_agree_in_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "lote.csv"
    csv.write_text(
        "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n"
        "1,Mensal Ltda,11.222.333/0001-81,09/03/2026,09/04/2026,1,nao\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "lote", "import", str(csv))
    assert (
        code == 0
        and "1 licença lida: 1 nova, 0 alteradas, 0 iguais" in out
        and "; 0 linhas com erro." in out
    )
    _, out, _ = run(capsys, "lote", "list", *TODAY)
    assert "1 mês" in out and "1 meses" not in out
    _, out, _ = run(capsys, "lote", "deadlines", "--today", "2026-03-13")
    assert "3 dias" in out
    _, out, _ = run(capsys, "lote", "deadlines", "--today", "2026-03-15")
    assert "1 dia " in out or out.rstrip().endswith("1 dia") or " 1 dia  " in out
    assert "1 dias" not in out


@pytest.mark.parametrize("command", ["lote", "db", "privacy"])
def test_a_group_without_its_action(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, command)
    assert code == 2 and out == ""
    assert "faltam argumentos obrigatórios: AÇÃO" in err


@pytest.mark.parametrize("action", ["show", "withdraw"])
def test_a_blank_protocol(action: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "requests", action, "  ")
    assert code == 2 and out == ""
    assert (
        err == "helpdesk: erro: PROTOCOLO: informe o protocolo do pedido (ex.: HD-2026-000001).\n"
    )


def test_an_unknown_protocol_says_where_to_find_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "requests", "show", "HD-2026-000042")
    assert code == 2
    assert "Pedido HD-2026-000042 não encontrado" in err and "helpdesk requests" in err


def test_csv_export_is_for_people(
    lote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    target = tmp_path / "pedidos.csv"
    code, _, err = run(capsys, "requests", "export", "--format", "csv", "--output", str(target))
    assert code == 0 and "1 pedido exportado" in err
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the accents as UTF-8 only with a BOM
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0]["tipo"] == "Cancelamento"
    assert rows[0]["situacao"] == "registrada"
    assert rows[0]["cliente"] == "Padaria Pão Quente Ltda"
    assert rows[0]["data_chave"] == "2026-06-01"


def test_json_export_has_no_bom(
    lote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    target = tmp_path / "pedidos.json"
    assert run(capsys, "requests", "export", "--format", "json", "--output", str(target))[0] == 0
    assert target.read_bytes().startswith(b"[")


def test_csv_on_screen_has_no_bom(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    code, out, _ = run(capsys, "requests", "export", "--format", "csv")
    assert code == 0 and out.startswith("protocolo;tipo;")


def test_options_show_short_value_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "submit", "substitute", "--help")
    assert code == 0
    for usage in ("--support-id ID", "--new-client-cnpj CNPJ", "--new-client-email EMAIL",
                  "--new-client-name TEXTO"):  # fmt: skip
        assert usage in out
    assert "ex.:" not in out and "[--new-client-cnpj 00." not in out
    _, out, _ = run(capsys, "submit", "cancel", "--help")
    assert "--term-start DATA" in out and "--cycle-months N" in out
    assert "--conta-pj sim|nao" in out and "VALOR" not in out
    assert "?." not in out and "preenchidos com os dados da licença" in out


def test_an_optional_fields_error_says_opcional_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "submit", "substitute", "--support-id", "9", "--new-client-name", "A",
        "--new-client-cnpj", "11.222.333/0001-81", "--new-client-email", "a@@b",
    )  # fmt: skip
    assert code == 2
    assert err.startswith("helpdesk: erro: E-mail do novo cliente (--new-client-email): ")
