"""The CSV export opens right in a spreadsheet: Portuguese values, accents kept (BOM)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_cli_store import TODAY, lote, run

__all__ = ["lote"]  # the fixture, imported to be used by name


def test_csv_export_is_for_people(
    lote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY)
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
    run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY)
    target = tmp_path / "pedidos.json"
    assert run(capsys, "requests", "export", "--format", "json", "--output", str(target))[0] == 0
    assert target.read_bytes().startswith(b"[")


def test_csv_on_screen_has_no_bom(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY)
    code, out, _ = run(capsys, "requests", "export", "--format", "csv")
    assert code == 0 and out.startswith("protocolo;tipo;")
