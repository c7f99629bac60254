"""Snapshots of the key help-center screens at the smallest supported size and a roomy one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from _pilot import make_app
from textual.pilot import Pilot

SIZES = [(80, 24), (120, 36)]


async def settle(pilot: Pilot[None]) -> None:
    """Wait for workers (the vote count) and pending refreshes."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare: Callable[..., bool], db_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(db_path), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article(snap_compare: Callable[..., bool], db_path: Path, size: tuple[int, int]) -> None:
    async def open_article(pilot: Pilot[None]) -> None:
        pilot.app.open_article("estorno")  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(make_app(db_path), terminal_size=size, run_before=open_article)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare: Callable[..., bool], db_path: Path, size: tuple[int, int]) -> None:
    async def open_help(pilot: Pilot[None]) -> None:
        pilot.app.open_article("backup")  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(db_path), terminal_size=size, run_before=open_help)
