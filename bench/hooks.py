"""What each hook of ``screens/textual_hooks.py`` saves: the app with it against the app without it.

Run: ``.venv/bin/python bench/hooks.py [ROUNDS]`` (default 5). Headless at 120×36. Each round
runs, one after the other, a fresh app with every hook and a fresh app with one hook undone
(the Textual behaviour restored), for each hook in turn. In each app: every shipped article is
opened from another article (first open), then each once more (its screen kept), then the
cancellation form is opened and 26 keys typed. Each action is timed from the call (or the key
posted as the terminal driver posts it) to the last frame before everything is done
(``bench/_paint.py``), in CPU time of the process (robust on a busy shared machine). Min and
median of all actions of a kind; then, per hook, the ratio without / with of the medians (above
1.00x: the hook saves time).
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, not bench/store.py, answer "import store"

from _paint import FrameClock, summary  # noqa: E402
from forms import figures, type_keys  # noqa: E402
from textual.widgets import Input  # noqa: E402

from helpdesk.clock import fixed_clock  # noqa: E402
from screens import textual_hooks  # noqa: E402
from screens.app import HelpdeskApp, create_app  # noqa: E402

SIZE = (120, 36)
NOW = datetime(2026, 11, 26, 10)


@contextmanager
def without(attribute: tuple[type, str] | None) -> Iterator[None]:
    """Undo one hook (delete its override, so the Textual method runs) for the duration."""
    if attribute is None:
        yield
        return
    owner, name = attribute
    saved = owner.__dict__[name]
    delattr(owner, name)
    try:
        yield
    finally:
        setattr(owner, name, saved)


def _frame_restyling_all(self: textual_hooks.FocusFrame) -> None:
    """``FocusFrame._frame`` restyling the whole box, as ``:focus-within`` does."""
    focused = self.screen.focused
    self.set_class(focused is not None and self in focused.ancestors, "-focus-inside")


def _no_preparation(self: HelpdeskApp) -> None:
    """``HelpdeskApp._prepare_form_styles`` doing nothing: the form brings its CSS on opening."""


REPLACED: dict[str, tuple[type, str, object]] = {
    "frame": (textual_hooks.FocusFrame, "_frame", _frame_restyling_all),
    "styles": (HelpdeskApp, "_prepare_form_styles", _no_preparation),
}
"""Hooks undone by a replacement rather than by deleting the override."""

HOOKS: dict[str, tuple[type, str] | None] = {
    "all hooks": None,
    "resume": (textual_hooks.StyledOnceScreen, "_on_screen_resume"),
    "prompt": (textual_hooks.PromptOpeningScreen, "_on_idle"),
    "sized": (textual_hooks.SizedOnceScreen, "_refresh_layout"),
    "mount styles": (textual_hooks.StyledOnMountApp, "update_styles"),
    "footer": (textual_hooks.QuietFooter, "bindings_changed"),
    "frame": (textual_hooks.FocusFrame, "_frame"),
    "styles": (HelpdeskApp, "_prepare_form_styles"),
    "header": (textual_hooks.FixedTitleHeader, "_on_mount"),
}
"""Each hook by the override that undoes it."""


async def one_app(found: dict[str, list[float]]) -> None:
    """First opens, reopens, a form and typing in a fresh app."""
    app = create_app(Path(tempfile.mkdtemp()) / "h.json", fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        while not app.warmed_up.is_set():
            await pilot.pause()
        await pilot.pause()
        clock = FrameClock(app)
        ids = list(app.catalog.articles)
        try:
            for label, order in (("first open", ids), ("reopen", ids)):
                for article_id in order:
                    start = clock.start()
                    app.open_article(article_id)
                    await clock.settled(start)
                    found[label].append(clock.cpu)
            start = clock.start()
            app.open_form("cancel")
            await clock.settled(start)
            found["form open"].append(clock.cpu)
            typed = figures()
            await type_keys(app, clock, typed)
            found["key"].extend(typed["key cpu"])
        finally:
            clock.close()


def measure(hook: str, found: dict[str, list[float]]) -> None:
    """One fresh app with ``hook`` undone."""
    attribute = HOOKS[hook]
    if hook in REPLACED:
        owner, name, replacement = REPLACED[hook]
        saved = owner.__dict__[name]
        setattr(owner, name, replacement)
        try:
            asyncio.run(one_app(found))
        finally:
            setattr(owner, name, saved)
    else:
        with without(attribute):
            asyncio.run(one_app(found))
    gc.collect()


def main() -> None:
    """Alternate every variant per round; print figures and the ratios."""
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]
    kinds = ("first open", "reopen", "form open", "key")
    found = {hook: {kind: [] for kind in kinds} for hook in HOOKS}  # type: ignore[var-annotated]
    measure("all hooks", {kind: [] for kind in kinds})  # imports and caches, not counted
    for _ in range(rounds):
        for hook in HOOKS:
            measure(hook, found[hook])
    print(f"headless {SIZE[0]}x{SIZE[1]}, {rounds} interleaved rounds, a fresh app each")
    for hook, noted in found.items():
        label = "with every hook" if hook == "all hooks" else f"without {hook}"
        for kind in kinds:
            print(summary(f"{label}: {kind} (CPU)", noted[kind]))
    base = found["all hooks"]
    median: Callable[[list[float]], float] = statistics.median
    print("median without / with (above 1.00x the hook saves time):")
    for hook in list(HOOKS)[1:]:
        cells = "   ".join(
            f"{kind} {median(found[hook][kind]) / median(base[kind]):4.2f}x" for kind in kinds
        )
        print(f"  {hook:<8} {cells}")


if __name__ == "__main__":
    main()
