"""The command line takes words as people type them: with or without accents and capitals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from _cli import TODAY, run

from helpdesk.licenses import DEADLINE_WHAT, Deadline
from helpdesk.search import build_engine


@pytest.mark.usefixtures("pinned_now")
def test_mark_concluida_with_accent(lote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "submit", "cancel", "--support-id", "100200")
    for status in ("enviada", "Confirmada"):
        assert run(capsys, "requests", "mark", "HD-2026-000001", status)[0] == 0
    code, out, err = run(capsys, "requests", "mark", "HD-2026-000001", "concluída")
    assert code == 0, err
    assert "concluída" in out
    code, out, _ = run(capsys, "requests", "--status", "concluída", "--json")
    assert code == 0 and [r["protocol"] for r in json.loads(out)] == ["HD-2026-000001"]


def test_an_unknown_status_is_still_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "requests", "mark", "HD-2026-000001", "pronta")
    assert code == 2 and "opção inválida" in err


def test_partner_pays_nao_with_accent(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--term-start", "2026-03-01", "--renews-on", "2027-03-01", "--json", *TODAY)
    code, out, _ = run(capsys, "rules", "transfer", "--partner-pays", "não", *args)
    assert code == 0 and json.loads(out)["transferable"] is False


def test_suggestions_keep_accents(capsys: pytest.CaptureFixture[str]) -> None:
    engine = build_engine()
    assert engine.suggestions("renovasaum")[0] == "renovação"
    assert engine.shown_corrections("licensa renovação") == {"licensa": "licença"}
    code, out, _ = run(capsys, "search", "licensa")
    assert code == 0 and "licensa → licença" in out


def test_lote_deadlines_what_column_has_no_dangling_word(
    lote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "lote", "deadlines", *TODAY)
    assert code == 0
    rows = [row.rstrip() for row in out.splitlines()[1:]]
    assert rows[0].endswith("último dia para pedir estorno")
    assert rows[1].endswith("último dia para pedir o cancelamento")


def test_every_deadline_label_has_its_column_wording() -> None:
    """A label read beside its date never ends in the word that needed the date."""
    for label in DEADLINE_WHAT:
        what = Deadline(date(2026, 1, 1), label, None).what
        assert not what.endswith((" até", " em")) and what != label
