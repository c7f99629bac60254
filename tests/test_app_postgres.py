"""The app on a PostgreSQL server: the server stopping mid-work, colleagues' changes appearing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _engines import OpenStore
from _pg import Cluster, bindir, start_cluster, unavailable
from _pilot import SIZE, screen_text
from textual.pilot import Pilot

from helpdesk.clock import fixed_clock
from screens.app import HelpdeskApp, create_app
from screens.confirmation import ConfirmationScreen
from screens.forms import FormScreen
from screens.widgets.change_watcher import ChangeWatcher
from store.postgres.database import PostgresDatabase


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    """A server of this test alone, which it may stop and start again."""
    binaries = bindir()
    if binaries is None:
        unavailable("sem os programas do PostgreSQL para um servidor descartável")
        raise AssertionError("unreachable")
    server = start_cluster(binaries)
    yield server
    server.remove()


async def test_the_server_stopping_keeps_the_form_and_retry_works(
    cluster: Cluster, tmp_path: Path
) -> None:
    from _pilot import NOW

    store = PostgresDatabase(cluster.url)
    app = create_app(
        tmp_path / "local" / "helpdesk.json", fixed_clock(NOW), open_store=lambda: store
    )
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("backup", {"support_id": "1", "slot": "20:00"})
        await pilot.pause()
        assert app.database.requests.list() == []  # connected while the server ran
        cluster.stop()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.raw()["slot"] == "20:00"
        messages = [n.message for n in app._notifications]
        assert any("banco de dados PostgreSQL" in m and "tente de novo" in m for m in messages)
        assert not any("Traceback" in m or "psycopg" in m for m in messages)
        cluster.start()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert app.screen.request.protocol == "HD-2026-000001"
        assert "HD-2026-000001" in screen_text(app)
    with PostgresDatabase(cluster.url) as again:
        assert [s.protocol for s in again.requests.list()] == ["HD-2026-000001"]
    store.close()


async def test_colleagues_changes_appear_in_the_open_lists(
    store_target: str, open_store: OpenStore, tmp_path: Path
) -> None:
    """Another app (a colleague) submits and changes the lote: both lists show it unasked."""
    from _pilot import NOW
    from _store import sample_licenses

    from helpdesk.clock import to_sao_paulo

    mine = open_store()
    colleague = open_store()
    app = create_app(
        Path(store_target) if not store_target.startswith("postgresql") else tmp_path / "l.json",
        fixed_clock(NOW),
        open_store=lambda: mine,
    )
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await settle(app, pilot)
        assert "HD-2026-000001" not in screen_text(app)
        colleague.requests.submit(
            "backup", {"support_id": "4242", "slot": "20:00"}, to_sao_paulo(NOW)
        )
        await look_again(app, pilot)
        assert "HD-2026-000001" in screen_text(app)

        app.action_lote()
        await settle(app, pilot)
        assert "100200" not in screen_text(app)
        colleague.licenses.import_licenses(sample_licenses(), to_sao_paulo(NOW))
        await look_again(app, pilot)
        assert "100200" in screen_text(app) and "300400" in screen_text(app)


async def settle(app: HelpdeskApp, pilot: Pilot[None]) -> None:
    """Let the screen read the store and its watcher take its first reading."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def look_again(app: HelpdeskApp, pilot: Pilot[None]) -> None:
    """What the watcher's timer does every few seconds, done now."""
    app.screen.query_one(ChangeWatcher).check()
    await settle(app, pilot)
