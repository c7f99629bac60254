"""Helpers for the rules-core tests: literal dates and moments, and an independent CNPJ oracle."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hypothesis import settings

SP = ZoneInfo("America/Sao_Paulo")
"""Brasília time, spelled out here rather than imported so the tests also check the code's zone."""

RULES_SETTINGS = settings(max_examples=150, deadline=None)
"""Hypothesis settings for the rules: enough examples to find edges, fast enough for every run."""


def d(text: str) -> date:
    """A date written as in the issue and the articles: ``DD/MM/AAAA``."""
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def at(text: str) -> datetime:
    """An aware São Paulo moment written ``DD/MM/AAAA HH:MM``."""
    day_part, hour_part = text.split()
    hour, minute = (int(part) for part in hour_part.split(":"))
    return datetime.combine(d(day_part), datetime.min.time(), SP).replace(hour=hour, minute=minute)


def cnpj_check_digits(body: str) -> str:
    """The two check digits of a 12-character CNPJ body, computed from the Receita's description.

    Written independently of ``helpdesk.documents``: weights 2..9 from the right, restarting after
    9; each character worth its ASCII code minus 48; digit = 0 when the remainder is below 2,
    else 11 − remainder.
    """

    def digit(chars: str) -> int:
        weights = [2 + (i % 8) for i in range(len(chars))]
        total = sum((ord(c) - 48) * w for c, w in zip(reversed(chars), weights, strict=True))
        return 0 if total % 11 < 2 else 11 - total % 11

    first = digit(body)
    return f"{first}{digit(body + str(first))}"
