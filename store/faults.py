"""Fault points inside the write path, used by the tests to kill or fail a process mid-write.

``HELPDESK_STORE_FAULT=<point>[@<n>]`` makes the process SIGKILL itself the ``n``-th time (default
first) it reaches ``<point>``; ``<point>[@<n>]=<ERRNO>`` (e.g. ``=ENOSPC``) makes that write fail
with that error instead, as a full disk would. Unset, a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import errno
import os
import signal
from dataclasses import dataclass

from helpdesk.errors import InputError

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
"""Every checkpoint of the file engine, in the order a write reaches them."""
SERVER_POINTS = ("server-before-commit",)
"""Checkpoints of the PostgreSQL engine (a submit's rows written, its commit not yet sent)."""

_hits: dict[str, int] = {}


@dataclass(frozen=True)
class Fault:
    """A parsed ``HELPDESK_STORE_FAULT``: where, at which hit, and what happens there."""

    point: str
    nth: int
    error: int | None
    """An errno to raise as OSError, or None to SIGKILL the process."""


def parse(spec: str) -> Fault:
    """The fault ``spec`` describes; InputError (exit 2) for anything malformed."""
    where, _, error_name = spec.partition("=")
    point, at, nth_text = where.partition("@")
    if point not in (*POINTS, *SERVER_POINTS):
        known = ", ".join((*POINTS, *SERVER_POINTS))
        raise InputError(ENV, f"ponto desconhecido {point!r}; use um de: {known}.")
    nth = 1
    if at:
        if not nth_text.isdigit() or not nth_text.isascii() or int(nth_text) < 1:
            raise InputError(ENV, f"contagem inválida {nth_text!r}; use um número inteiro ≥ 1.")
        nth = int(nth_text)
    code = None
    if error_name:
        code = getattr(errno, error_name, None) if error_name.isupper() else None
        if not isinstance(code, int):
            raise InputError(ENV, f"erro desconhecido {error_name!r}; use por exemplo ENOSPC.")
    return Fault(point, nth, code)


def configured() -> Fault | None:
    """The fault the environment asks for (None when unset); InputError when malformed."""
    spec = os.environ.get(ENV)
    return parse(spec) if spec else None


def armed(point: str) -> Fault | None:
    """The fault to trigger now at ``point``, if any (counts the hit)."""
    if not os.environ.get(ENV):
        return None
    fault = configured()
    if fault is None or fault.point != point:
        return None
    _hits[point] = _hits.get(point, 0) + 1
    return fault if _hits[point] == fault.nth else None


def checkpoint(point: str) -> None:
    """Kill the process here (or fail this write) when the environment asks for it."""
    fault = armed(point)
    if fault is None:
        return
    if fault.error is not None:
        raise OSError(fault.error, os.strerror(fault.error))
    os.kill(os.getpid(), signal.SIGKILL)
