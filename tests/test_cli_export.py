"""``requests export``: `;` and a BOM by default for pt-BR spreadsheets, saved to Documents."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from _cli import run


class _Terminal:
    """Standard output that says it is a terminal, holding what was written."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.usefixtures("pinned_now")
def test_default_separator_is_semicolon_with_bom(
    lote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    target = tmp_path / "p.csv"
    assert run(capsys, "requests", "export", "--format", "csv", "--output", str(target))[0] == 0
    data = target.read_bytes()
    assert data.startswith("\ufeffprotocolo;tipo;id_suporte;".encode())
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0]["cliente"] == "Padaria Pão Quente Ltda"


@pytest.mark.usefixtures("pinned_now")
def test_comma_on_request(lote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    target = tmp_path / "p.csv"
    args = ("requests", "export", "--format", "csv", "--separator", ",", "--output", str(target))
    assert run(capsys, *args)[0] == 0
    assert target.read_bytes().startswith("\ufeffprotocolo,tipo,".encode())
    code, _, err = run(capsys, "requests", "export", "--format", "csv", "--separator", "|")
    assert code == 2 and "--separator" in err


@pytest.mark.usefixtures("pinned_now")
def test_on_a_terminal_it_saves_to_documents_and_prints_the_full_path(
    lote: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    documents = Path.home() / "Documents"
    documents.mkdir()
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    code, _, err = run(capsys, "requests", "export", "--format", "csv")
    target = documents / "solicitacoes-20260310.csv"
    assert code == 0 and terminal.text == ""
    assert err.strip() == f"1 pedido exportado para {target}"
    assert target.read_bytes().startswith(b"\xef\xbb\xbfprotocolo;")
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_relative_output_is_reported_in_full(
    lote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "requests", "export", "--format", "json", "--output", "x.json")
    assert code == 0 and err.strip().endswith(f"para {tmp_path / 'x.json'}")


@pytest.mark.usefixtures("pinned_now")
def test_dash_writes_to_standard_output(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    code, out, _ = run(capsys, "requests", "export", "--format", "csv", "--output", "-")
    assert code == 0 and out.startswith("protocolo;tipo;")
