"""Stopping ``helpdesk serve`` with ctrl+c ends every app it started, through their normal exit."""

from __future__ import annotations

import signal
from pathlib import Path

from _browser import (
    alive,
    chromium,
    new_context,
    open_app,
    press,
    start_server,
    wait_for_text,
)


def test_ctrl_c_ends_every_app_and_tells_the_open_tabs(tmp_path: Path) -> None:
    """Two tabs, one mid-form: SIGINT stops the server, both apps end, the store stays sound."""
    served = start_server(tmp_path)
    with chromium() as browser:
        context = new_context(browser, served.url)
        reading = open_app(context, served.url)
        filling = open_app(context, served.url)
        press(filling, "1")
        wait_for_text(filling, "ID Suporte")
        filling.wait_for_timeout(400)  # a person's pause before typing on a new screen
        filling.keyboard.type("777001")
        wait_for_text(filling, "777001")
        pids = served.wait_for_apps(3)  # two tabs and the spare
        assert len(pids) == 3

        assert served.stop(signal.SIGINT) == 0

        assert not any(alive(pid) for pid in pids)
        for page in (reading, filling):
            page.wait_for_selector("#closed", state="visible", timeout=20_000)
            assert "A sessão terminou." in page.inner_text("#closed")
        context.close()

    output = "".join(served.output)
    assert "Encerrando" in output
    assert "à força" not in output  # each app quit by itself, none had to be killed
    assert "Traceback" not in output
    assert served.requests() == []
    assert served.cli("db", "info").returncode == 0
