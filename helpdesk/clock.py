"""Civil time of the app: São Paulo, read through an injectable clock."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from helpdesk.errors import InputError

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
"""Every date and hour the app shows or reasons about is local to Brasília time."""

Clock = Callable[[], datetime]
"""A callable returning the present moment as an aware datetime."""


def system_clock() -> datetime:
    """The real present moment in São Paulo; honours ``HELPDESK_NOW`` for demos."""
    pinned = os.environ.get("HELPDESK_NOW")
    if pinned:
        try:
            return to_sao_paulo(datetime.fromisoformat(pinned))
        except ValueError:
            raise InputError(
                "HELPDESK_NOW", f"momento inválido: {pinned!r}; use AAAA-MM-DDTHH:MM."
            ) from None
    return datetime.now(SAO_PAULO)


def fixed_clock(moment: datetime) -> Clock:
    """A clock stopped at ``moment`` (naive values are taken as São Paulo time)."""
    pinned = to_sao_paulo(moment)
    return lambda: pinned


def to_sao_paulo(moment: datetime) -> datetime:
    """Attach or convert ``moment`` to São Paulo time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=SAO_PAULO)
    return moment.astimezone(SAO_PAULO)


def today(clock: Clock = system_clock) -> date:
    """The civil date in São Paulo according to ``clock``."""
    return clock().date()
