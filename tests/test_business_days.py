"""Business days: the shipped holiday table, national holidays, pontos facultativos, shifting."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from _rules import RULES_SETTINGS, d
from hypothesis import given
from hypothesis import strategies as st

from helpdesk import business_days
from helpdesk.business_days import TABLE_YEARS, BusinessCalendar, holidays_from_package

DEFAULT = BusinessCalendar()
WITH_OPTIONAL = BusinessCalendar(optional_days_are_holidays=True)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@pytest.mark.parametrize(("category", "at_least_per_year"), [("public", 10), ("optional", 4)])
def test_shipped_table_equals_the_holidays_package(category: str, at_least_per_year: int) -> None:
    """The table read at run time holds exactly what the package says, for every year it covers."""
    with open(business_days.TABLE_PATH, encoding="utf-8") as file:
        raw = json.load(file)
    assert (raw["first_year"], raw["last_year"]) == (TABLE_YEARS.start, TABLE_YEARS.stop - 1)
    assert raw["subdivision"] == "SC"
    shipped = {day: name for year in TABLE_YEARS for day, name in _year(year, category).items()}
    assert shipped == holidays_from_package(TABLE_YEARS, category)
    assert len(shipped) >= at_least_per_year * len(TABLE_YEARS)


def _year(year: int, category: str) -> dict[date, str]:
    """One year of the shipped table, through the same function the calendar uses."""
    return business_days.year_holidays(year, category)


@pytest.mark.parametrize(
    ("day", "name_part"),
    [
        ("01/01/2026", "Confraternização"),
        ("03/04/2026", "Sexta-feira Santa"),
        ("21/04/2026", "Tiradentes"),
        ("01/05/2026", "Trabalhador"),
        ("07/09/2026", "Independência"),
        ("12/10/2026", "Aparecida"),
        ("02/11/2026", "Finados"),
        ("20/11/2026", "Consciência Negra"),
        ("25/12/2026", "Natal"),
    ],
)
def test_national_holidays_of_2026_are_not_business_days(day: str, name_part: str) -> None:
    """Each national holiday of 2026 (all on weekdays) is named and is not a business day."""
    name = DEFAULT.holiday_name(d(day))
    assert name is not None and name_part in name
    assert d(day).weekday() < 5
    assert not DEFAULT.is_business_day(d(day))
    assert DEFAULT.why_not_business(d(day)) == f"feriado: {name}"


def test_consciencia_negra_is_national_only_since_2024() -> None:
    """Lei 14.759/2023: 20/11 became a national holiday from 2024 (not an SC holiday before)."""
    assert DEFAULT.is_business_day(d("20/11/2023"))  # a Monday
    assert not DEFAULT.is_business_day(d("20/11/2024"))  # a Wednesday


@pytest.mark.parametrize("day", ["16/02/2026", "17/02/2026", "18/02/2026", "04/06/2026"])
def test_pontos_facultativos_are_business_days_unless_the_setting_says_otherwise(day: str) -> None:
    """Carnaval (Mon, Tue), Quarta-feira de Cinzas and Corpus Christi 2026."""
    assert DEFAULT.is_business_day(d(day))
    assert DEFAULT.holiday_name(d(day)) is None
    assert not WITH_OPTIONAL.is_business_day(d(day))
    assert WITH_OPTIONAL.holiday_name(d(day)) is not None


def test_weekends_are_named() -> None:
    """Saturday and Sunday are never business days and say why."""
    assert DEFAULT.why_not_business(d("14/03/2026")) == "sábado"
    assert DEFAULT.why_not_business(d("15/03/2026")) == "domingo"
    assert DEFAULT.why_not_business(d("16/03/2026")) is None


@pytest.mark.parametrize(
    ("day", "forward", "back"),
    [
        ("10/03/2026", "10/03/2026", "10/03/2026"),  # Tuesday: stays
        ("14/03/2026", "16/03/2026", "13/03/2026"),  # Saturday
        ("03/04/2026", "06/04/2026", "02/04/2026"),  # Good Friday
        ("20/11/2026", "23/11/2026", "19/11/2026"),  # Consciência Negra, a Friday
        ("25/12/2026", "28/12/2026", "24/12/2026"),  # Christmas, a Friday
        ("16/02/2026", "16/02/2026", "16/02/2026"),  # Carnival Monday: a business day by default
    ],
)
def test_moving_to_the_nearest_business_day(day: str, forward: str, back: str) -> None:
    """``on_or_after`` and ``on_or_before`` against the 2026 calendar, computed by hand."""
    assert DEFAULT.on_or_after(d(day)) == d(forward)
    assert DEFAULT.on_or_before(d(day)) == d(back)


def test_moving_with_pontos_facultativos_as_holidays() -> None:
    """Carnival Monday → Thursday after Ash Wednesday; back → the Friday before."""
    assert WITH_OPTIONAL.on_or_after(d("16/02/2026")) == d("19/02/2026")
    assert WITH_OPTIONAL.on_or_before(d("16/02/2026")) == d("13/02/2026")
    # 24/12 (Véspera de Natal) is in the optional category too.
    assert WITH_OPTIONAL.on_or_before(d("25/12/2026")) == d("23/12/2026")


def test_years_outside_the_table_come_from_the_package() -> None:
    """1999 is not in the table and still has its holidays (Natal on a Saturday)."""
    assert 1999 not in TABLE_YEARS
    assert DEFAULT.holiday_name(d("21/04/1999")) is not None
    assert not DEFAULT.is_business_day(d("21/04/1999"))


@RULES_SETTINGS
@given(DAYS, st.booleans())
def test_shifted_days_are_the_nearest_business_days(day: date, optional: bool) -> None:
    """The result is a business day, on the right side of ``day``, with none in between."""
    cal = BusinessCalendar(optional_days_are_holidays=optional)
    after, before = cal.on_or_after(day), cal.on_or_before(day)
    assert cal.is_business_day(after) and cal.is_business_day(before)
    assert before <= day <= after
    assert (after - before).days < 7
    for gap in range(1, (after - day).days):
        assert not cal.is_business_day(day + timedelta(days=gap))
    if cal.is_business_day(day):
        assert after == before == day


@RULES_SETTINGS
@given(DAYS)
def test_optional_setting_only_removes_business_days(day: date) -> None:
    """Counting pontos facultativos as holidays never turns a non-business day into one."""
    if WITH_OPTIONAL.is_business_day(day):
        assert DEFAULT.is_business_day(day)
