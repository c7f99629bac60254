"""Erasing one client leaves every other license and request exactly as it was."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from _store import NOW, sample_licenses

from store.database import Database
from store.privacy import erase_client


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
