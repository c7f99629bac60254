"""Pilot tests of the backup form: worded as what follows once the partner schedules in Conta
Azul, durations rounded down, and a second backup for the same license is never a duplicate."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from _pilot import SIZE, choose, make_app, panel_text
from textual.widgets import Select

from screens.confirmation import ConfirmationScreen
from screens.dialogs import ConfirmDialog
from screens.widgets.timeline import relative_text
from store.database import Database

NOW = datetime(2026, 11, 26, 20, 56)
"""A Thursday evening: the 00:00 slot is 3 h 04 min away."""


async def test_the_panel_says_what_happens_once_scheduled_in_conta_azul(db_path: Path) -> None:
    app = make_app(db_path, now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("backup", {"support_id": "B-1"})
        await pilot.pause()
        await choose(pilot, "slot", "00")
        text = panel_text(app)
        assert "Agende na Conta Azul Pro do cliente a geração do backup para as 00:00" in text
        assert "o horário agendado chega em 27/11/2026 às 00:00" in " ".join(text.split())
        assert "fica pronto em" not in text and "Backup pronto" not in text
        assert "Agendar na Conta Azul" in text and "Horário agendado" in text
        assert "em 3 h" in text and "em 4 h" not in text


def test_durations_are_rounded_down() -> None:
    assert relative_text(datetime(2026, 11, 27, 0, 0), NOW) == "em 3 h"
    assert relative_text(datetime(2026, 11, 26, 21, 40), NOW) == "em 44 min"
    assert relative_text(datetime(2026, 11, 28, 20, 55), NOW) == "em 47 h"
    assert relative_text(NOW, NOW) == "agora"


async def test_a_second_backup_for_the_same_license_is_saved_without_asking(
    db_path: Path,
) -> None:
    """The first is sent to support; the second goes straight to its confirmation."""
    with Database(db_path) as db:
        first = db.requests.submit("backup", {"support_id": "B-1", "slot": "21:00"}, NOW)
        db.requests.mark(first.protocol, "enviada", NOW)
    app = make_app(db_path, now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("backup", {"support_id": "B-1"})
        await pilot.pause()
        await choose(pilot, "slot", "22")
        assert app.screen.query_one("#input-slot", Select).value == "22:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert isinstance(app.screen, ConfirmationScreen)
    kinds = [r.kind for r in Database(db_path).requests.list()]
    assert kinds == ["backup", "backup"]


def test_other_kinds_still_ask_before_a_duplicate(db_path: Path) -> None:
    from store.errors import DuplicateRequest

    raw = {"support_id": "1001", "conta_pj": "nao", "term_start": "20/11/2026"}
    raw |= {"renews_on": "20/11/2027"}
    with Database(db_path) as db:
        db.requests.submit("cancel", raw, NOW)
        with pytest.raises(DuplicateRequest) as duplicate:
            db.requests.submit("cancel", raw, NOW)
    assert duplicate.value.support_id == "1001"
