"""LGPD erasure: the client's data leaves every table and every file; anonymous counts stay."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

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
    db.requests.submit("backup", {"support_id": "300400", "slot": "20:00"}, NOW)
    db.votes.add("backup", False, "a Padaria Pão Quente Ltda não achou", NOW)
    db.requests.mark(cancel.protocol, "enviada", NOW, note="falei com Padaria Pão Quente Ltda")
    # Once the cancellation has taken effect (01/06/2026), the Conta PJ can be blocked.
    db.requests.submit(
        "block-conta-pj",
        {"support_id": "100200", "license_cancelled": "sim", "email": "dono@paoquente.com.br"},
        NOW + timedelta(days=90),
    )
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
    reason = reopened.votes.list()[0].reason
    assert reason is not None and "[removido]" in reason
    other = reopened.requests.list(kind="backup")[0]
    assert other.support_id == "300400" and other.client == "Oficina Roda Viva ME"


def test_erase_of_unknown_client_changes_nothing(db_path: Path) -> None:
    db = Database(db_path)
    db.licenses.import_licenses(sample_licenses(), NOW)
    report = erase_client(db, "nope", NOW)
    assert (report.licenses, report.requests, report.other_documents) == (0, 0, 0)
    assert len(Database(db_path).licenses.list()) == 2


def test_erasure_scrubs_only_the_clients_own_words(db_path: Path) -> None:
    db = Database(db_path)
    db.licenses.import_licenses(sample_licenses(), NOW)
    # A cancellation records the license's status before it ("ativa") to undo on withdrawal: a
    # status word is not the client's data and must not be scrubbed from everyone else.
    db.requests.submit("cancel", {"support_id": "100200", "conta_pj": "sim"}, NOW)
    other = db.requests.submit("backup", {"support_id": "300400", "slot": "20:00"}, NOW)

    erase_client(db, "100200", NOW)

    reopened = Database(db_path)
    kept = reopened.licenses.get("300400")
    assert kept is not None and kept.status == "ativa"
    assert reopened.requests.get(other.protocol).decision == other.decision
    assert reopened.requests.get(other.protocol).message == other.message


def test_erasure_reaches_the_encoded_message_links_of_other_requests(db_path: Path) -> None:
    db = Database(db_path)
    db.licenses.import_licenses(sample_licenses(), NOW)
    # Another license's substitution names the erased client in its message and its wa.me link,
    # where the words are percent-encoded.
    db.requests.submit(
        "substitute",
        {
            "support_id": "300400",
            "new_client_name": "Nova Empresa SA",
            "new_client_cnpj": "11.444.777/0001-61",
            "client_name": "Padaria Pão Quente Ltda",
        },
        NOW,
    )
    substitution = db.requests.list(kind="substitute")[0]
    link = db.requests.get(substitution.protocol).message["url"]
    assert "Padaria Pão Quente Ltda" in unquote(link)

    erase_client(db, "100200", NOW)

    message = Database(db_path).requests.get(substitution.protocol).message
    assert "Padaria" not in message["text"]
    assert "Padaria" not in unquote(message["url"])
    assert "Nova Empresa SA" in unquote(message["url"])
    assert message["url"].startswith("https://wa.me/")
