"""Meu lote says "ordem: prazos próximos primeiro": the rows are in that order, urgent or not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from _pilot import make_app, screen_text, seed_licenses
from textual.widgets import DataTable

from helpdesk.licenses import License


async def test_soonest_deadline_first_even_beyond_the_notice_period(db_path: Path) -> None:
    """On 26/11/2026: 123456 asks for cancellation by 28/01/2027 (63 days), 200001 by
    06/01/2027 (41 days), 300002 by 25/12/2026 (29 days, urgent); 400003 has no deadline."""
    seed_licenses(
        db_path,
        License("123456", "Padaria", term_start=date(2026, 3, 1), renews_on=date(2027, 3, 1)),
        License("200001", "Oficina", term_start=date(2026, 2, 5), renews_on=date(2027, 2, 5)),
        License("300002", "Mercado", term_start=date(2026, 1, 25), renews_on=date(2027, 1, 25)),
        License("400003", "Loja"),
    )
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.action_lote()
        await pilot.pause()
        assert "prazos próximos primeiro" in screen_text(app)
        table = app.screen.query_one(DataTable)
        ids = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert ids == ["300002", "200001", "123456", "400003"]
