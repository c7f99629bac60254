"""Privacy erase: only the erased license's data goes, after a preview and a confirmation."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from _cli import run
from _store import CNPJ_A, NOW, ROOT, sample_licenses

from helpdesk.compose.commands import maintenance
from store.database import Database
from store.privacy import REMOVED, erase_client, plan_erasure

SHARED = "11.222.333/0001-81"


def two_licenses_one_company(db_path: Path) -> Database:
    """200001 and 200002 belong to one company (same CNPJ and e-mail); 300400 is another."""
    base = sample_licenses()[0]
    db = Database(db_path)
    db.licenses.import_licenses(
        [
            replace(base, support_id="200001", client="Zeferino Quixadá Comércio"),
            replace(base, support_id="200002", client="Padaria Pão Quente Ltda"),
            sample_licenses()[1],
        ],
        NOW,
    )
    return db


def test_erase_keeps_the_cnpj_another_license_still_carries(db_path: Path) -> None:
    db = two_licenses_one_company(db_path)
    kept = db.requests.submit("backup", {"support_id": "200002", "slot": "20:00"}, NOW)
    erase_client(db, "200001", NOW)

    reopened = Database(db_path)
    sibling = reopened.licenses.get("200002")
    assert sibling is not None and sibling.cnpj == CNPJ_A
    assert sibling.email == "contato@paoquente.com.br"
    assert reopened.licenses.get("200001") is None
    assert reopened.requests.get(kept.protocol).to_json() == kept.to_json()
    assert b"Zeferino" not in db_path.read_bytes()


def test_plan_is_a_function_over_records_any_engine_can_apply() -> None:
    tables: dict[str, dict[str, dict[str, Any]]] = {
        "licenses": {
            "1": {"support_id": "1", "client": "Zeferino Quixadá", "cnpj": CNPJ_A, "email": ""},
            "2": {"support_id": "2", "client": "Outra Empresa", "cnpj": CNPJ_A, "email": ""},
        },
        "search_misses": {"7": {"query": "cancelar quixada", "count": 1, "last_at": "2026-03-10"}},
    }
    plan = plan_erasure(tables, "1", NOW.isoformat())
    assert plan.changes["licenses"] == ({}, ["1"])
    assert plan.changes["search_misses"][0]["7"]["query"] == f"cancelar {REMOVED}"
    assert plan.licenses == ("1",) and plan.others == ("buscas sem resultado nº 7",)
    assert SHARED in plan.kept  # the shared CNPJ is named as kept, not erased
    assert tables["licenses"]["2"]["cnpj"] == CNPJ_A  # the input is never mutated


def test_cli_shows_the_preview_and_needs_yes_outside_a_terminal(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = two_licenses_one_company(db_path)
    own = db.requests.submit("backup", {"support_id": "200001", "slot": "20:00"}, NOW)
    before = db_path.read_bytes()
    code, out, err = run(capsys, "privacy", "erase", "--support-id", "200001")
    assert code == 2 and "--yes" in err and "Nada foi apagado" in err
    assert "licença retirada do lote: 200001" in out and own.protocol in out
    assert "mantido: CNPJ 11.•••.•••/0001-81 (outra licença do lote ainda o usa)" in out
    assert db_path.read_bytes() == before and Database(db_path).licenses.get("200001")
    code, out, _ = run(capsys, "privacy", "erase", "--support-id", "200001", "--yes")
    assert code == 0 and Database(db_path).licenses.get("200001") is None


@pytest.mark.parametrize(("typed", "erased"), [("sim\n", True), ("não\n", False), ("", False)])
def test_cli_in_a_terminal_asks_for_a_typed_sim(
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    erased: bool,
) -> None:
    two_licenses_one_company(db_path)
    monkeypatch.setattr(maintenance, "_interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    code, _, err = run(capsys, "privacy", "erase", "--support-id", "200001")
    assert (Database(db_path).licenses.get("200001") is None) is erased
    assert "Digite sim" in err
    assert code == (0 if erased else 1)


def test_every_word_of_the_erased_name_leaves_free_text(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = two_licenses_one_company(db_path)
    other = db.requests.submit("backup", {"support_id": "300400", "slot": "20:00"}, NOW)
    db.requests.mark(other.protocol, "enviada", NOW, "falei com o zeferino por telefone")
    db.misses.add("cancelar QUIXADA", NOW)
    db.misses.add("renovação", NOW)
    code, _, _ = run(capsys, "privacy", "erase", "--yes", "--support-id", "200001")
    assert code == 0
    data = db_path.read_bytes().decode().casefold()
    assert "zeferino" not in data and "quixad" not in data
    reopened = Database(db_path)
    assert reopened.requests.get(other.protocol).history[-1].note == (
        f"falei com o {REMOVED} por telefone"
    )
    assert {miss.query for miss in reopened.misses.list()} == {f"cancelar {REMOVED}", "renovação"}


def test_a_crash_after_the_new_snapshot_leaves_nothing_in_the_journal(db_path: Path) -> None:
    db = two_licenses_one_company(db_path)
    db.requests.submit("backup", {"support_id": "200001", "slot": "20:00"}, NOW)
    journal = db_path.with_name(db_path.name + ".journal")
    assert b"Zeferino" in journal.read_bytes()
    script = (
        "import sys; from store.database import Database; from store.privacy import erase_client;"
        "from _store import NOW; erase_client(Database(sys.argv[1]), '200001', NOW)"
    )
    env = {**os.environ, "HELPDESK_STORE_FAULT": "compact-before-journal-reset"}
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{ROOT / 'tests'}"
    done = subprocess.run([sys.executable, "-c", script, str(db_path)], env=env, cwd=ROOT)
    assert done.returncode == -9  # killed right after the new snapshot replaced the old one
    Database(db_path)  # the next open, even a read, finishes the erasure
    assert b"Zeferino" not in journal.read_bytes()
    assert b"Zeferino" not in db_path.read_bytes()


def test_single_license_erasure_scrubs_its_unique_values(db_path: Path) -> None:
    db = Database(db_path)
    db.licenses.import_licenses(sample_licenses(), NOW)
    untouched = db.licenses.get("300400")
    erase_client(db, "100200", NOW)
    data = db_path.read_bytes()
    assert b"11222333000181" not in data and b"paoquente" not in data
    assert Database(db_path).licenses.get("300400") == untouched
