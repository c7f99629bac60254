"""Shared by the in-process benches: when did the screen finish changing, and how many layouts.

An action counts as done at the last frame the app produced before everything went quiet: every
message queue drained, no layout, repaint or after-refresh callback pending. Polling with
``pilot.pause()`` would add its own idle detection (~20 ms) to each figure; waiting only for the
next refresh would miss a second reflow. Headless, Textual still lays out and renders every line
of a frame (only the write to a terminal is skipped), and ``App._display`` is called once per frame.

Two clocks: wall time (what a person waits) and the process's CPU time up to that last frame
(the work done). On a machine shared with other busy processes the wall time stretches with the
load while the CPU time barely moves, so the ratios are quoted on CPU time, wall time beside.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Sequence
from typing import Any

from textual.app import App
from textual.screen import Screen


class FrameClock:
    """Notes the time of every frame the app produces and counts the screen layouts."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.frames: list[float] = []
        self.cpu_frames: list[float] = []
        self.cpu = 0.0
        self._cpu_start = 0.0
        self.layouts = 0
        self.first = 0.0
        display = app._display

        def noted(screen: Screen[Any], renderable: Any) -> None:
            self.frames.append(time.perf_counter())
            self.cpu_frames.append(time.process_time())
            display(screen, renderable)

        app._display = noted  # type: ignore[method-assign]
        refresh_layout = Screen._refresh_layout
        clock = self

        def counted(screen: Screen[Any], *args: Any, **kwargs: Any) -> None:
            clock.layouts += 1
            refresh_layout(screen, *args, **kwargs)

        Screen._refresh_layout = counted  # type: ignore[method-assign]
        self._restore = refresh_layout

    def close(self) -> None:
        """Stop counting layouts."""
        Screen._refresh_layout = self._restore  # type: ignore[method-assign]

    def _busy(self) -> bool:
        """True while a message, a layout, a repaint or an after-refresh call is pending."""
        app = self.app
        screen = app.screen
        if screen._layout_required or screen._repaint_required or screen._dirty_widgets:
            return True
        if screen._recompose_required or screen._callbacks:
            return True
        return any(
            not node._message_queue.empty() or node._next_callbacks
            for node in (app, *screen.walk_children(with_self=True))
        )

    def start(self) -> float:
        """Note the start of an action (wall and CPU clocks); returns the wall time."""
        self._cpu_start = time.process_time()
        return time.perf_counter()

    async def settled(self, start: float) -> tuple[float, int]:
        """Wait until nothing is left to do; return (seconds to the last frame, layouts since).

        The seconds to the first frame since ``start`` are left in :attr:`first`, and the
        process's CPU seconds from :meth:`start` to the last frame in :attr:`cpu`.
        """
        layouts = self.layouts
        while True:
            await asyncio.sleep(0)
            if self._busy():
                continue
            done = asyncio.Event()
            self.app.screen.call_after_refresh(done.set)
            await done.wait()
            await asyncio.sleep(0)
            if not self._busy():
                break
        frames = [t for t in self.frames if t >= start]
        end = frames[-1] if frames else time.perf_counter()
        cpu_frames = [t for t in self.cpu_frames if t >= self._cpu_start]
        self.cpu = (cpu_frames[-1] if cpu_frames else time.process_time()) - self._cpu_start
        self.first = (frames[0] if frames else end) - start
        return end - start, self.layouts - layouts


def summary(label: str, values: Sequence[float], unit: float = 1000.0, suffix: str = "ms") -> str:
    """``label  min … median … (n=…)`` in milliseconds by default."""
    return (
        f"{label:<46} min {min(values) * unit:7.1f} {suffix}   "
        f"median {statistics.median(values) * unit:7.1f} {suffix}   (n={len(values)})"
    )


def ratio_line(label: str, ours: Sequence[float], base: Sequence[float], target: str) -> str:
    """Ratio of the medians and of the minimums, with the target."""
    return (
        f"{label:<46} median {statistics.median(ours) / statistics.median(base):5.2f}x   "
        f"min {min(ours) / min(base):5.2f}x   (target {target})"
    )
