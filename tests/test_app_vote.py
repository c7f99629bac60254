"""Pilot test of the article vote at 80×24: after “Não”, the reason box is in view and focused."""

from __future__ import annotations

from pathlib import Path

from _pilot import make_app

from screens.article import ArticleBody
from store.database import Database


async def test_the_reason_box_is_in_view_and_focused_at_80x24(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_article("estorno")
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        await pilot.press("end")  # the vote sits at the end of the text
        for _ in range(40):  # tab past the links to “Não”, as a keyboard user does
            if app.focused is not None and app.focused.id == "vote-no":
                break
            await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "vote-no"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        reason = app.screen.query_one("#vote-reason")
        assert reason.has_focus
        visible = body.scrollable_content_region
        assert visible.contains_region(reason.region), (visible, reason.region)
        await pilot.press(*"faltou exemplo", "enter")
        await pilot.pause()
    votes = Database(db_path).votes.list("estorno")
    assert [(v.useful, v.reason) for v in votes] == [(False, "faltou exemplo")]
