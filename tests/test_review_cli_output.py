"""What the command line prints for a person: Portuguese words, tidy tables, honest counts."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from test_cli_store import TODAY, lote, run

from helpdesk.request_kinds import KINDS

__all__ = ["lote"]  # the fixture, imported to be used by name


def test_requests_list_names_kinds_in_portuguese(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY)
    run(capsys, "submit", "block-conta-pj", "--support-id", "9", "--license-cancelled", "sim",
        "--company-name", "Empresa Nove Ltda", "--cnpj", "11.222.333/0001-81", *TODAY)  # fmt: skip
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
    run(capsys, "submit", "cancel", "--support-id", "100200", *TODAY)
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
