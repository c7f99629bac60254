"""Pilot tests of the outcome panel's "Em vez disso" button: its whole label shows at 80 and at
120 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pilot import make_app
from textual.geometry import Region
from textual.widgets import Button

from helpdesk.request_kinds import KINDS

LATE_REFUND = {
    "support_id": "1001",
    "term_start": "01/03/2026",
    "renews_on": "01/03/2027",
    "conta_pj": "nao",
}
"""A refund asked long after the withdrawal period: the rules offer the cancellation instead."""


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_alternative_label_is_shown_whole(db_path: Path, size: tuple[int, int]) -> None:
    app = make_app(db_path)
    async with app.run_test(size=size) as pilot:
        app.open_form("refund", LATE_REFUND)
        await pilot.pause()
        button = app.screen.query_one("#outcome-alternative", Button)
        button.scroll_visible(animate=False)
        await pilot.pause()
        assert button.display
        width, height = button.size
        shown = " ".join(
            strip.text.strip() for strip in button.render_lines(Region(0, 0, width, height))
        )
        words = " ".join(shown.split())
        assert f"Em vez disso: {KINDS['cancel'].title}" in words
        assert "(mesmos dados)" in words
        panel = app.screen.query_one("#outcome-panel")
        assert button.region.right <= panel.region.right
