"""The spare app: a new tab gets an app that is already up, sized to the tab, and never a stale one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from _browser import (
    FULL_WIDTH,
    Served,
    chromium,
    new_context,
    open_app,
    screen_text,
    start_server,
)

BACKGROUND_AT = """([x, y]) => {
  const cell = window.__terminal.buffer.active.getLine(y).getCell(x);
  return cell.getBgColor();
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module."""
    server = start_server(tmp_path_factory.mktemp("serve-spare"))
    yield server
    assert server.stop() == 0


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium for the module."""
    with chromium() as launched:
        yield launched


def test_a_new_tab_takes_the_spare_app_and_resizes_it_to_the_page(
    browser: Any, served: Served
) -> None:
    """The app already running becomes the tab's, drawn at the tab's own width."""
    (spare,) = served.wait_for_apps(1)
    context = new_context(browser, served.url)
    page = open_app(context, served.url)

    assert spare in served.wait_for_apps(2)  # the former spare, and a new one for the next tab
    columns = page.evaluate("window.__terminal.cols")
    assert columns != 120  # the spare started at 120 columns; the page is wider
    assert page.evaluate(FULL_WIDTH)  # open_app waited for the app to fill the page
    assert "Autoatendimento" in screen_text(page)
    context.close()
    (next_spare,) = served.wait_for_apps(1)
    assert next_spare != spare  # the former spare was this tab's app and ended with it


def test_after_a_theme_change_the_next_tab_gets_a_fresh_app_in_that_theme(
    browser: Any, served: Served
) -> None:
    """The spare read the theme when it started: a change since means a fresh app instead."""
    (spare,) = served.wait_for_apps(1)
    prefs = served.db_path.parent / "preferences.json"
    prefs.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    prefs.write_text(json.dumps({"theme": "textual-light", "recent": []}))

    context = new_context(browser, served.url)
    page = open_app(context, served.url)

    assert spare not in served.wait_for_apps(2)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(224, 224, 224)"
    assert page.evaluate(BACKGROUND_AT, [5, 1]) == 0xE0E0E0  # the app itself is light too
    context.close()
