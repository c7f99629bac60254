"""Brazilian business days ("dias úteis"): Monday to Friday, not a public holiday.

Holidays come from the ``holidays`` package (BR, subdivision SC — Conta Azul is in Joinville). Importing
that package costs ~0.2 s, which would triple the start-up of ``helpdesk rules``; so the years the app
deals with are read from a table generated from the package (``data/holidays_br_sc.json``, checked
against the package by the tests) and the package itself is imported only for years outside it.
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from functools import cache

from helpdesk.policy import POLICY

SUBDIVISION = "SC"
TABLE_PATH = os.path.join(os.path.dirname(__file__), "data", "holidays_br_sc.json")
"""The shipped table; read with plain ``open`` because ``importlib.resources`` costs ~3 ms to import."""
TABLE_YEARS = range(2000, 2061)
"""Years stored in the shipped table."""


def holidays_from_package(years: range | list[int], category: str) -> dict[date, str]:
    """Holidays of ``category`` ("public" or "optional") for ``years``, straight from the package."""
    import holidays

    found = holidays.country_holidays(
        "BR", subdiv=SUBDIVISION, years=list(years), language="pt_BR", categories=(category,)
    )
    return {day: str(name) for day, name in found.items()}


def build_table() -> dict[str, object]:
    """The JSON-able table shipped with the package (run ``python -m helpdesk.business_days``)."""
    import holidays

    return {
        "source": f"holidays {holidays.__version__}",
        "subdivision": SUBDIVISION,
        "first_year": TABLE_YEARS.start,
        "last_year": TABLE_YEARS.stop - 1,
        "public": {
            d.isoformat(): n
            for d, n in sorted(holidays_from_package(TABLE_YEARS, "public").items())
        },
        "optional": {
            d.isoformat(): n
            for d, n in sorted(holidays_from_package(TABLE_YEARS, "optional").items())
        },
    }


@cache
def _table() -> dict[str, dict[str, str]]:
    """The shipped table as stored (ISO date → name, per category), read once."""
    with open(TABLE_PATH, encoding="utf-8") as file:
        raw: dict[str, dict[str, str]] = json.load(file)
    return raw


@cache
def year_holidays(year: int, category: str) -> dict[date, str]:
    """Holidays of one year and category, from the table or, outside it, from the package."""
    if year in TABLE_YEARS:
        # Only the year asked for is converted: a command evaluates one or two years, not sixty.
        prefix = f"{year:04d}-"
        return {
            date.fromisoformat(day): name
            for day, name in _table()[category].items()
            if day.startswith(prefix)
        }
    return holidays_from_package([year], category)


class BusinessCalendar:
    """Answers which days are business days, and moves dates to the nearest one."""

    def __init__(
        self, optional_days_are_holidays: bool = POLICY.optional_days_are_holidays
    ) -> None:
        self.optional_days_are_holidays = optional_days_are_holidays

    def holiday_name(self, day: date) -> str | None:
        """The name of the holiday on ``day`` (optional days only when they count), else None."""
        name = year_holidays(day.year, "public").get(day)
        if name is None and self.optional_days_are_holidays:
            name = year_holidays(day.year, "optional").get(day)
        return name

    def is_business_day(self, day: date) -> bool:
        """True on Monday–Friday when the day is not a holiday."""
        return day.weekday() < 5 and self.holiday_name(day) is None

    def on_or_after(self, day: date) -> date:
        """``day`` itself if it is a business day, else the next business day."""
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def on_or_before(self, day: date) -> date:
        """``day`` itself if it is a business day, else the previous business day."""
        while not self.is_business_day(day):
            day -= timedelta(days=1)
        return day

    def why_not_business(self, day: date) -> str | None:
        """A Portuguese reason why ``day`` is not a business day, or None when it is."""
        if day.weekday() == 5:
            return "sábado"
        if day.weekday() == 6:
            return "domingo"
        name = self.holiday_name(day)
        return f"feriado: {name}" if name else None


DEFAULT_CALENDAR = BusinessCalendar()
"""The calendar used when none is passed."""


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    with open(TABLE_PATH, "w", encoding="utf-8") as output:
        output.write(json.dumps(build_table(), ensure_ascii=False, indent=0) + "\n")
    print(f"tabela gravada em {TABLE_PATH}")
