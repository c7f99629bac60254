"""Importing the lote from CSV: documented columns, every bad row reported, one write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from _store import NOW

from helpdesk.policy import POLICY
from store import lote_csv
from store.database import Database

HEADER = "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n"


def test_template_imports_one_license() -> None:
    parsed = lote_csv.parse(lote_csv.TEMPLATE)
    assert parsed.errors == []
    [lic] = parsed.licenses
    assert (lic.support_id, lic.cnpj, lic.term_start, lic.cycle_months, lic.conta_pj) == (
        "123456",
        "11222333000181",
        date(2026, 3, 1),
        12,
        False,
    )


def test_every_bad_row_is_reported_with_its_line() -> None:
    text = (
        HEADER
        + "A1,Cliente Um,11.222.333/0001-81,01/03/2026,2027-03-01,,sim\n"
        + "A2,,11.222.333/0001-81,01/03/2026,01/03/2027,12,nao\n"
        + "A3,Cliente Três,11.222.333/0001-82,01/03/2026,01/03/2027,12,nao\n"
        + "\n"
        + "A4,Cliente Quatro,12.ABC.345/01DE-35,31/02/2026,01/03/2027,12,nao\n"
        + "A5,Cliente Cinco,12abc34501de35,01/03/2026,01/03/2025,12,nao\n"
        + "A6,Cliente Seis,12.ABC.345/01DE-35,01/03/2026,01/03/2027,doze,nao\n"
        + "A7,Cliente Sete,12.ABC.345/01DE-35,01/03/2026,01/03/2027,12,talvez\n"
        + "A1,Cliente Repetido,11.222.333/0001-81,01/03/2026,01/03/2027,12,nao\n"
        + '"A8","Cliente, com vírgula",12.ABC.345/01DE-35,01/03/2026,01/04/2026,1,\n'
        + "A9,Cliente Nove,12.ABC.345/01DE-35,01/03/2026,15/03/2027,12,nao\n"
    )
    parsed = lote_csv.parse(text)
    assert [lic.support_id for lic in parsed.licenses] == ["A1", "A8"]
    assert parsed.licenses[1].client == "Cliente, com vírgula"
    lines = {error.line: error.message for error in parsed.errors}
    assert sorted(lines) == [3, 4, 6, 7, 8, 9, 10, 12]
    assert lines[3].startswith("cliente:")
    assert lines[4].startswith("cnpj:")
    assert lines[6].startswith("inicio_vigencia:")
    assert lines[7].startswith("renovacao:")
    assert lines[8].startswith("ciclo_meses:")
    assert lines[9].startswith("conta_pj:")
    assert "repetido" in lines[10] and "linha 2" in lines[10]
    # The license form's rule: the renewal is the start plus the cycle.
    assert lines[12] == (
        "renovacao: com início em 01/03/2026 e ciclo de 12 meses, a renovação é em 01/03/2027."
    )


def test_semicolons_bom_and_windows_encoding() -> None:
    text = (
        HEADER.replace(",", ";")
        + "B1;Açougue São João;11.222.333/0001-81;01/03/2026;01/03/2027;12;não\n"
    )
    for data in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("cp1252")):
        parsed = lote_csv.parse(lote_csv.decode(data))
        assert parsed.errors == []
        assert parsed.licenses[0].client == "Açougue São João"


def test_missing_columns_are_named() -> None:
    parsed = lote_csv.parse("id_suporte,cliente\nA,B\n")
    assert parsed.licenses == []
    assert parsed.errors[0].line == 1 and "cnpj" in parsed.errors[0].message


def test_good_rows_are_imported_in_one_write(db_path: Path) -> None:
    db = Database(db_path)
    db.votes.add("x", True, None, NOW)  # the file and its journal exist
    journal = db_path.with_name(db_path.name + ".journal")
    before = journal.read_bytes().count(b"\n")
    rows = "".join(
        f"C{i},Cliente {i},11.222.333/0001-81,01/03/2026,01/03/2027,12,nao\n" for i in range(20)
    )
    parsed = lote_csv.parse(HEADER + rows + "bad,,,,,,\n")
    result = db.licenses.import_licenses(parsed.licenses, NOW)
    assert (result.added, result.updated, len(parsed.errors)) == (20, 0, 1)
    assert journal.read_bytes().count(b"\n") == before + 1
    assert len(Database(db_path).licenses.list()) == 20


def test_csv_refuses_a_cycle_the_rules_would_refuse() -> None:
    too_long = POLICY.max_cycle_months + 1
    parsed = lote_csv.parse(
        HEADER + f"1,Loja,11.222.333/0001-81,01/03/2026,01/03/2027,{too_long},nao\n"
        "2,Loja,11.222.333/0001-81,01/03/2026,01/03/2027,0,nao\n"
    )
    assert parsed.licenses == []
    messages = [e.message for e in parsed.errors]
    assert messages == [
        f"ciclo_meses: use um número de 1 a {POLICY.max_cycle_months}.",
        f"ciclo_meses: use um número de 1 a {POLICY.max_cycle_months}.",
    ]


def test_a_row_starting_after_today_is_a_bad_row() -> None:
    """NOW is 10/03/2026: a term starting that day is read, one starting the next day is not."""
    parsed = lote_csv.parse(
        HEADER
        + "1001,Loja Hoje,11.222.333/0001-81,10/03/2026,10/03/2027,12,nao\n"
        + "1002,Loja Amanhã,11.222.333/0001-81,11/03/2026,11/03/2027,12,nao\n",
        NOW.date(),
    )
    assert [lic.support_id for lic in parsed.licenses] == ["1001"]
    assert [(e.line, e.message) for e in parsed.errors] == [
        (
            3,
            "inicio_vigencia: o início da vigência (11/03/2026) não pode estar no futuro (hoje é "
            "10/03/2026): inclua a licença no lote a partir desse dia.",
        )
    ]
