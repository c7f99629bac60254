"""Crash points inside the write path, used by the crash tests to kill a process mid-write.

``HELPDESK_STORE_FAULT=<point>[@<n>]`` makes the process SIGKILL itself the ``n``-th time (default
first) it reaches ``<point>``. Unset, a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

ENV = "HELPDESK_STORE_FAULT"
POINTS = (
    "journal-partial",
    "journal-before-fsync",
    "journal-after-fsync",
    "snapshot-temp-written",
    "snapshot-before-replace",
    "snapshot-after-replace",
    "compact-before-journal-reset",
)
"""Every checkpoint name, in the order a write reaches them."""

_hits: dict[str, int] = {}


def armed(point: str) -> bool:
    """Whether reaching ``point`` now must kill the process (counts the hit)."""
    spec = os.environ.get(ENV)
    if not spec:
        return False
    name, _, nth = spec.partition("@")
    if name != point:
        return False
    _hits[point] = _hits.get(point, 0) + 1
    return _hits[point] == (int(nth) if nth else 1)


def checkpoint(point: str) -> None:
    """Kill the process here, without any clean-up, when the environment asks for it."""
    if armed(point):
        os.kill(os.getpid(), signal.SIGKILL)
