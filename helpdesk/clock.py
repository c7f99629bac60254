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


PRESENT_YEARS = range(2000, 2101)
"""Years a "now" or "today" may fall in: outside them a date is a typo, and the protocol
numbers (``HD-AAAA-…``) and date arithmetic near year 9999 would break."""


def check_present(moment: datetime, field: str) -> datetime:
    """``moment`` as the present, in São Paulo; InputError outside :data:`PRESENT_YEARS`."""
    if moment.year not in PRESENT_YEARS:
        raise InputError(
            field,
            f"ano {moment.year} fora do intervalo aceito "
            f"({PRESENT_YEARS.start}–{PRESENT_YEARS.stop - 1}).",
        )
    try:
        return to_sao_paulo(moment)
    except OverflowError:
        raise InputError(field, "momento fora do intervalo aceito.") from None


def system_clock() -> datetime:
    """The real present moment in São Paulo; honours ``HELPDESK_NOW`` for demos."""
    pinned = os.environ.get("HELPDESK_NOW")
    if pinned:
        try:
            parsed = datetime.fromisoformat(pinned)
        except ValueError:
            raise InputError(
                "HELPDESK_NOW", f"momento inválido: {pinned!r}; use AAAA-MM-DDTHH:MM."
            ) from None
        return check_present(parsed, "HELPDESK_NOW")
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
