"""``helpdesk lote add|edit|remove|export|import --dry-run|deadlines``: fields, exit codes, files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from helpdesk.compose.cli import main
from store.database import Database

HEADER = "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n"
LOTE = (
    HEADER + "100200,Padaria Pão Quente Ltda,11.222.333/0001-81,01/06/2025,01/06/2026,12,sim\n"
    '300400,"Oficina, Roda Viva ME",12.ABC.345/01DE-35,2026-03-05,2027-03-05,,nao\n'
)
TODAY = ("--today", "2026-03-10")
NOW = ("--now", "2026-03-10T09:30")
ADD = (
    "lote",
    "add",
    "700800",
    "--client",
    "Mercado Sol",
    "--cnpj",
    "12.ABC.345/01DE-35",
    "--term-start",
    "31/01/2026",
    "--renews-on",
    "28/02/2026",
    "--cycle-months",
    "1",
    *NOW,
)


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
    """The sample lote imported; returns the CSV's path."""
    path = tmp_path / "lote.csv"
    path.write_text(LOTE, encoding="utf-8")
    assert run(capsys, "lote", "import", str(path))[0] == 0
    return path


def stored(db_path: Path, support_id: str):
    """The stored license and its history."""
    with Database(db_path) as db:
        return db.licenses.get(support_id), db.licenses.history(support_id)


def test_add_checks_every_field_and_records_the_moment(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *ADD)
    assert (code, err) == (0, "")
    assert "700800" in out
    lic, history = stored(db_path, "700800")
    assert lic.cnpj == "12ABC34501DE35" and lic.cycle_months == 1 and lic.conta_pj is False
    assert history[0]["at"].startswith("2026-03-10T09:30") and "à mão" in history[0]["event"]
    # The same ID again is refused, saying to edit it.
    code, _, err = run(capsys, *ADD)
    assert code == 2 and "já está no lote" in err


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--cnpj", "11.222.333/0001-82", "dígitos verificadores"),
        ("--renews-on", "01/03/2026", "a renovação é em 28/02/2026"),
        ("--cycle-months", "61", "de 1 a 60"),
        ("--client", "", "Cliente: campo obrigatório"),
        ("--term-start", "31/02/2026", "Início da vigência"),
    ],
)
def test_add_refuses_bad_fields_with_exit_2(
    db_path: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, message: str
) -> None:
    args = list(ADD)
    args[args.index(flag) + 1] = value
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err
    assert not db_path.exists() or stored(db_path, "700800")[0] is None


def test_edit_changes_only_the_given_fields_and_notes_them(
    lote: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "lote", "edit", "100200", "--email", "a@paoquente.com.br", "--conta-pj", "nao", *NOW
    )
    assert code == 0
    assert "E-mail: — → a@paoquente.com.br" in out and "Conta PJ" in out
    lic, history = stored(db_path, "100200")
    assert (lic.email, lic.conta_pj, lic.client) == (
        "a@paoquente.com.br",
        False,
        "Padaria Pão Quente Ltda",
    )
    last = history[-1]
    assert last["at"].startswith("2026-03-10T09:30")
    assert last["changes"]["email"] == ["", "a@paoquente.com.br"]
    # A renewal that no longer fits the start is refused and nothing changes.
    code, _, err = run(capsys, "lote", "edit", "100200", "--cycle-months", "6")
    assert code == 2 and "01/12/2025" in err
    assert stored(db_path, "100200")[0].cycle_months == 12
    code, _, err = run(capsys, "lote", "edit", "999", "--client", "X")
    assert code == 2 and "não está no lote" in err
    code, out, _ = run(capsys, "lote", "edit", "100200", "--conta-pj", "nao")
    assert code == 0 and "Nada mudou" in out


@pytest.mark.usefixtures("pinned_now")
def test_remove_needs_force_while_a_request_is_open(
    lote: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "submit", "cancel", "--support-id", "100200")[0] == 0
    code, _, err = run(capsys, "lote", "remove", "100200")
    assert code == 3 and "HD-2026-000001" in err and "--force" in err
    assert stored(db_path, "100200")[0] is not None
    code, out, _ = run(capsys, "lote", "remove", "100200", "--force")
    assert code == 0 and "HD-2026-000001" in out and "Padaria Pão" not in out
    assert stored(db_path, "100200")[0] is None
    code, out, _ = run(capsys, "requests", "--json")
    assert [r["protocol"] for r in json.loads(out)] == ["HD-2026-000001"]
    assert run(capsys, "lote", "remove", "300400")[0] == 0
    code, _, err = run(capsys, "lote", "remove", "300400")
    assert code == 2 and "não está no lote" in err


def test_export_csv_imports_back_unchanged(
    lote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, *ADD)
    run(capsys, "lote", "edit", "300400", "--email", "roda@viva.com.br")
    target = tmp_path / "exportado.csv"
    code, out, _ = run(capsys, "lote", "export", "--output", str(target))
    assert code == 0 and "3 licenças exportadas" in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0].split(";")[:7] == HEADER.strip().split(",")
    code, out, _ = run(capsys, "lote", "import", str(target), "--dry-run", "--json")
    preview = json.loads(out)
    assert code == 0
    assert (preview["new"], preview["changed"], preview["missing"]) == ([], [], [])
    assert sorted(preview["unchanged"]) == ["100200", "300400", "700800"]


def test_export_json_has_everything_with_history(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "lote", "export", "--format", "json")
    data = json.loads(out)
    assert code == 0 and [item["support_id"] for item in data] == ["100200", "300400"]
    assert data[1]["client"] == "Oficina, Roda Viva ME" and data[1]["renews_on"] == "2027-03-05"
    assert data[0]["history"][0]["event"] == "incluída no lote"


@pytest.mark.usefixtures("pinned_now")
def test_import_preview_protects_a_pending_substitution(
    lote: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reported bug: re-importing undid the new client of an open substitution."""
    code, _, _ = run(
        capsys,
        "submit",
        "substitute",
        "--support-id",
        "300400",
        "--new-client-name",
        "Nova Oficina Ltda",
        "--new-client-cnpj",
        "11.222.333/0001-81",
    )
    assert code == 0
    # Sent to support: only then does the lote show the new client.
    code, _, _ = run(
        capsys, "requests", "mark", "HD-2026-000001", "enviada", "--now", "2026-03-10T12:00"
    )
    assert code == 0
    edited = LOTE.replace("01/06/2026,12,sim", "01/06/2026,12,nao") + (
        "900100,Loja Nova,11.222.333/0001-81,01/03/2026,01/03/2027,12,nao\n"
    )
    lote.write_text(edited, encoding="utf-8")
    code, out, err = run(capsys, "lote", "import", str(lote), "--dry-run")
    assert code == 0 and "Nada foi gravado" in out
    assert "1 nova, 2 alteradas, 0 iguais, 1 com pedido aberto" in out
    assert "⚠ 300400 (pedido aberto HD-2026-000001): Cliente Nova Oficina Ltda → Oficina" in out
    assert "100200: Cliente tem Conta PJ ativa? sim → nao" in out
    code, out, err = run(capsys, "lote", "import", str(lote))
    assert code == 3 and "--force" in err
    assert stored(db_path, "300400")[0].client == "Nova Oficina Ltda"
    assert stored(db_path, "900100")[0] is None
    code, out, _ = run(capsys, "lote", "import", str(lote), "--force")
    assert code == 0 and "Gravado: 1 nova, 2 alteradas." in out
    assert stored(db_path, "300400")[0].client == "Oficina, Roda Viva ME"
    assert stored(db_path, "900100")[0] is not None
    history = stored(db_path, "100200")[1]
    assert history[-1]["changes"] == {"conta_pj": ["sim", "nao"]}


def test_import_never_deletes_licenses_missing_from_the_file(
    lote: Path, tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    only_one = tmp_path / "um.csv"
    only_one.write_text(LOTE.splitlines(keepends=True)[0] + LOTE.splitlines(keepends=True)[1])
    code, out, _ = run(capsys, "lote", "import", str(only_one), "--json")
    data = json.loads(out)
    assert code == 0 and data["missing"] == ["300400"] and data["written"] is True
    assert stored(db_path, "300400")[0] is not None


def test_deadlines_exit_4_when_something_is_due(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 100200 renews on 01/06/2026: its notice deadline is 30/04/2026 (a Thursday).
    code, out, _ = run(capsys, "lote", "deadlines", "--within", "20", "--today", "2026-04-10")
    assert code == 4 and "30/04/2026" in out and "100200" in out
    code, out, _ = run(capsys, "lote", "deadlines", "--within", "19", "--today", "2026-04-11")
    assert code == 4
    code, out, _ = run(capsys, "lote", "deadlines", "--within", "5", "--today", "2026-04-10")
    assert code == 0 and "Nenhum prazo" in out
    code, out, _ = run(
        capsys, "lote", "deadlines", "--within", "5", "--today", "2026-04-10", "--json"
    )
    assert (code, json.loads(out)) == (0, [])
    code, _, _ = run(capsys, "lote", "deadlines", "--today", "2026-04-10")
    assert code == 0


def test_calendar_file_is_private_and_masked_by_default(
    lote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "prazos.ics"
    code, out, _ = run(capsys, "lote", "calendar", "--output", str(target), *TODAY)
    assert code == 0 and "eventos gravados" in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_bytes().decode()
    assert "Padaria P. Q. L." in text and "Padaria Pão Quente" not in text
    run(capsys, "lote", "calendar", "--output", str(target), "--full-names", *TODAY)
    assert "Padaria Pão Quente Ltda" in target.read_bytes().decode()


def test_the_calendar_file_has_no_english_line(
    lote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The library's "COMMENT:This timezone only works from …" is not in the file; it still reads."""
    import icalendar

    target = tmp_path / "prazos.ics"
    code, out, _ = run(capsys, "lote", "calendar", "--output", str(target), *TODAY)
    assert code == 0
    data = target.read_bytes()
    assert b"This timezone" not in data and b"COMMENT" not in data
    parsed = icalendar.Calendar.from_ical(data)
    assert [str(zone["TZID"]) for zone in parsed.walk("VTIMEZONE")] == ["America/Sao_Paulo"]
    assert f"{len(parsed.walk('VEVENT'))} eventos gravados" in out


def test_lote_add_refuses_a_term_starting_after_today(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--now is 10/03/2026: a license starting on 11/03/2026 is refused with the reason."""
    future = ("lote", "add", "700900", "--client", "Mercado Lua", "--cnpj", "12.ABC.345/01DE-35",
              "--term-start", "11/03/2026", "--renews-on", "11/03/2027", *NOW)  # fmt: skip
    code, out, err = run(capsys, *future)
    assert (code, out) == (2, "")
    assert "o início da vigência (11/03/2026) não pode estar no futuro (hoje é 10/03/2026)" in err
    assert stored(db_path, "700900")[0] is None


def test_import_reports_a_term_starting_after_today_on_its_line_and_keeps_the_rest(
    tmp_path: Path,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Today is 10/03/2026: the row starting on 11/03/2026 is line 4's error; lines 2–3 go in."""
    monkeypatch.setenv("HELPDESK_NOW", "2026-03-10T09:30")
    path = tmp_path / "lote.csv"
    path.write_text(
        LOTE + "700900,Mercado Lua,12.ABC.345/01DE-35,11/03/2026,11/03/2027,12,nao\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "lote", "import", str(path))
    assert code == 2  # a line with a problem; the good ones are imported
    assert "Gravado: 2 novas" in out
    assert "linha 4: " in err and "11/03/2026" in err and "não pode estar no futuro" in err
    assert stored(db_path, "700900")[0] is None
    assert stored(db_path, "100200")[0] is not None and stored(db_path, "300400")[0] is not None
