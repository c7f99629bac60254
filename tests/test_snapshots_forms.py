"""Snapshots of the cancellation form beside its outcome panel, and of the confirmation screen.

Fixed clock, fixed data, 120×36. Update after a deliberate change of the look with
``.venv/bin/pytest tests/test_snapshots_forms.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from _pilot import SIZE, make_app
from textual.pilot import Pilot

FILLED = {
    "support_id": "1001",
    "term_start": "01/03/2026",
    "renews_on": "01/03/2027",
    "conta_pj": "sim",
}


async def open_filled_form(pilot: Pilot[None]) -> None:
    """The cancellation form filled as a link from an article would fill it."""
    pilot.app.open_form("cancel", dict(FILLED))  # type: ignore[attr-defined]
    await pilot.pause()


async def submit_filled_form(pilot: Pilot[None]) -> None:
    """The same form, sent."""
    await open_filled_form(pilot)
    await pilot.press("ctrl+s")
    await pilot.pause()


def test_form_with_its_outcome_panel(snap_compare: Callable[..., bool], db_path: Path) -> None:
    """Fields on the left; decision, warnings and timeline on the right."""
    assert snap_compare(make_app(db_path), terminal_size=SIZE, run_before=open_filled_form)


def test_confirmation_screen(snap_compare: Callable[..., bool], db_path: Path) -> None:
    """Protocol, the message ready to send, and the outcome."""
    assert snap_compare(make_app(db_path), terminal_size=SIZE, run_before=submit_filled_form)
