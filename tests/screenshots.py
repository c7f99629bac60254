"""PNG screenshots of ``helpdesk serve`` in Debian's Chromium: home (dark and light), an article,
a filled form. Run through ``python3 tasks.py screenshots [PASTA]``.

It drives the page exactly as the browser tests do (same server, same browser flags), on a
throw-away data file and the pinned demo clock.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "helpdesk" / "compose" / "web" / "screenshots"
VIEWPORT = {"width": 1100, "height": 640}
"""Small enough for the README, wide enough for the home's two columns."""


def take(output: Path) -> list[Path]:
    """Write the screenshots into ``output``; return their paths."""
    sys.path.insert(0, str(ROOT / "tests"))
    from _browser import (
        CATCH_TERMINAL,
        chromium,
        open_app,
        press,
        start_server,
        type_text,
        wait_for_text,
    )

    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="helpdesk-screenshots-") as folder:
        served = start_server(Path(folder))
        try:
            with chromium() as browser:
                context = browser.new_context(viewport=VIEWPORT)
                context.add_init_script(CATCH_TERMINAL)

                def shot(page: object, name: str) -> None:
                    path = output / f"{name}.png"
                    page.screenshot(path=str(path))  # type: ignore[attr-defined]
                    written.append(path)

                page = open_app(context, served.url)
                shot(page, "inicio")

                press(page, "ArrowDown", "Enter")
                wait_for_text(page, "Início ›")
                shot(page, "artigo")

                press(page, "Escape")
                wait_for_text(page, "Autoatendimento")
                press(page, "1")
                wait_for_text(page, "ID Suporte")
                type_text(page, "123456")
                wait_for_text(page, "123456")
                press(page, "Tab")
                page.wait_for_timeout(400)
                type_text(page, "01/02/2026")
                wait_for_text(page, "01/02/2026")
                press(page, "Tab")
                page.wait_for_timeout(400)
                type_text(page, "01/02/2027")
                wait_for_text(page, "31/12/2026")
                shot(page, "formulario")
                page.close()

                # The page takes the theme the app remembers (preferences next to the data).
                prefs = served.db_path.parent / "preferences.json"
                prefs.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                prefs.write_text(json.dumps({"theme": "textual-light", "recent": []}))
                page = open_app(context, served.url)
                shot(page, "inicio-claro")
                context.close()
        finally:
            served.stop()
    return written


def main(argv: list[str]) -> int:
    """``[PASTA]``: where to write (default: helpdesk/compose/web/screenshots)."""
    output = Path(argv[0]) if argv else DEFAULT_OUTPUT
    for path in take(output):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
