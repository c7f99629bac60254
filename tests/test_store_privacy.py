"""LGPD erasure: the client's data leaves every table and every file; anonymous counts stay."""

from __future__ import annotations

from pathlib import Path

from _store import CNPJ_A, NOW, sample_licenses

from helpdesk.documents import format_cnpj
from store.database import Database
from store.privacy import erase_client


def files_text(db_path: Path) -> str:
    """Everything the store keeps on disk, as text."""
    return "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in db_path.parent.iterdir()
        if path.is_file()
    )


def test_erase_removes_personal_data_everywhere_and_keeps_counts(db_path: Path) -> None:
    db = Database(db_path)
    db.licenses.import_licenses(sample_licenses(), NOW)
    cancel = db.requests.submit("cancel", {"support_id": "100200", "reason": "fechou"}, NOW)
    db.requests.submit(
        "block-conta-pj",
        {"support_id": "100200", "license_cancelled": "sim", "email": "dono@paoquente.com.br"},
        NOW,
    )
    db.requests.submit("backup", {"support_id": "300400", "slot": "20:00"}, NOW)
    db.votes.add("backup", False, "a Padaria Pão Quente Ltda não achou", NOW)
    db.requests.mark(cancel.protocol, "enviada", NOW, note="falei com Padaria Pão Quente Ltda")
    text = files_text(db_path)
    assert "Padaria Pão Quente" in text and CNPJ_A in text

    report = erase_client(db, "100200", NOW)

    assert (report.licenses, report.requests) == (1, 2)
    text = files_text(db_path)
    for value in ("Padaria Pão Quente", CNPJ_A, format_cnpj(CNPJ_A), "paoquente.com.br", "fechou"):
        assert value not in text
    reopened = Database(db_path)
    assert reopened.licenses.get("100200") is None
    assert reopened.licenses.get("300400") is not None
    summaries = reopened.requests.list()
    assert sorted(s.kind for s in summaries) == ["backup", "block-conta-pj", "cancel"]
    erased = reopened.requests.get(cancel.protocol)
    assert erased.support_id == "" and erased.client == "" and erased.message["text"] == ""
    assert erased.status == "enviada" and erased.outcome["effective_on"] == "2026-06-01"
    assert "reason" not in erased.fields and erased.fields["term_start"] == "01/06/2025"
    assert reopened.votes.tally("backup") == (0, 1)
    assert "[removido]" in reopened.votes.list()[0].reason
    other = reopened.requests.list(kind="backup")[0]
    assert other.support_id == "300400" and other.client == "Oficina Roda Viva ME"


def test_erase_of_unknown_client_changes_nothing(db_path: Path) -> None:
    db = Database(db_path)
    db.licenses.import_licenses(sample_licenses(), NOW)
    report = erase_client(db, "nope", NOW)
    assert (report.licenses, report.requests, report.other_documents) == (0, 0, 0)
    assert len(Database(db_path).licenses.list()) == 2
