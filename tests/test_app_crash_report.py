"""If the app ever crashes, its report shows where, never the values of local variables."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from _pilot import make_app

SECRET = "Zeferino Quixadá Segredo"


async def test_crash_report_has_no_locals(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test():
        client_name = SECRET.upper()
        try:
            raise RuntimeError(f"falha ao importar {len(client_name)}")
        except RuntimeError:
            app._fatal_error()
        report = "".join(
            segment.text
            for renderable in cast("list[Any]", app._exit_renderables)
            for segment in renderable.segments
        )
    assert "RuntimeError" in report and "falha ao importar" in report
    assert "ZEFERINO" not in report  # the value of a local variable
