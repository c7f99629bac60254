"""Screens showing stored data notice changes made elsewhere and show the data as it is now."""

from __future__ import annotations

from pathlib import Path

from _pilot import NOW, SIZE, lote_license, make_app, screen_text, seed_licenses
from textual.pilot import Pilot
from textual.widgets import Static

from screens.request_detail import RequestDetail
from screens.requests import RequestsScreen
from screens.widgets.change_watcher import ChangeWatcher
from store.database import Database
from store.privacy import erase_client


def seed(db_path: Path) -> str:
    """One license and one substitution naming its client; returns the protocol."""
    seed_licenses(db_path, lote_license("1001", client="Zeferino Quixadá Comércio"))
    with Database(db_path) as db:
        return db.requests.submit(
            "substitute",
            {
                "support_id": "1001",
                "client_name": "Zeferino Quixadá Comércio",
                "new_client_name": "Cliente Novo SA",
                "new_client_cnpj": "11.444.777/0001-61",
            },
            NOW,
        ).protocol


async def look_again(pilot: Pilot[None], detail: RequestDetail) -> None:
    """Make the detail's watcher look at the store now, and let its answer arrive."""
    detail.query_one(ChangeWatcher).check()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_an_open_detail_shows_an_erasure_made_elsewhere(db_path: Path) -> None:
    protocol = seed(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, RequestDetail) and detail.request.protocol == protocol
        await look_again(pilot, detail)  # the first reading
        assert "Zeferino" in str(detail.query_one("#detail-fields", Static).render())
        with Database(db_path) as other_process:
            erase_client(other_process, "1001", NOW)
        await look_again(pilot, detail)
        assert "Zeferino" not in screen_text(app)
        assert "Zeferino" not in detail.request.message.get("text", "")
        await pilot.press("m")  # copying now copies nothing of the erased client
        assert "Zeferino" not in (app.clipboard or "")


async def test_a_detail_whose_request_is_gone_closes_with_a_note(db_path: Path) -> None:
    seed(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_requests()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, RequestDetail)
        await look_again(pilot, detail)
        with Database(db_path) as other_process, other_process.transaction():
            other_process.storage.apply("requests", {}, ["1"])
            other_process.storage.apply("request_details", {}, ["1"])
        await look_again(pilot, detail)
        assert isinstance(app.screen, RequestsScreen)
        assert "não existe mais" in " ".join(str(n.message) for n in app._notifications)
