"""Cancellation rules 1–8 at each edge, with dates computed by hand from the 2026–2029 calendar."""

from __future__ import annotations

from datetime import date

import pytest
from _rules import d

from helpdesk.business_days import BusinessCalendar
from helpdesk.errors import InputError
from helpdesk.renewal import (
    CancellationTerms,
    add_months,
    data_deleted_on,
    evaluate_cancellation,
    notice_deadline,
    withdrawal_deadline,
)

DEFAULT = BusinessCalendar()
WITH_OPTIONAL = BusinessCalendar(optional_days_are_holidays=True)


def terms(
    today: str, start: str, renews: str, cycle: int = 12, *, allow_refund: bool = True
) -> CancellationTerms:
    """Evaluate with DD/MM/AAAA strings."""
    return evaluate_cancellation(
        d(today), d(start), d(renews), cycle, DEFAULT, allow_refund=allow_refund
    )


# Rule 1: withdrawal deadline = start + 7 days, forward to a business day.


@pytest.mark.parametrize(
    ("start", "deadline", "cal"),
    [
        ("03/03/2026", "10/03/2026", DEFAULT),  # Tue + 7 = Tue: no shift
        ("07/03/2026", "16/03/2026", DEFAULT),  # + 7 = Sat 14/03 → Mon 16/03
        ("27/03/2026", "06/04/2026", DEFAULT),  # + 7 = Good Friday 03/04 → Mon 06/04
        ("13/11/2026", "23/11/2026", DEFAULT),  # + 7 = 20/11 (Consciência Negra, Fri) → Mon 23/11
        ("18/12/2026", "28/12/2026", DEFAULT),  # + 7 = Christmas (Fri) → Mon 28/12
        ("09/02/2026", "16/02/2026", DEFAULT),  # + 7 = Carnival Monday: a business day
        ("09/02/2026", "19/02/2026", WITH_OPTIONAL),  # Carnival Mon, Tue, Ash Wed → Thu 19/02
    ],
)
def test_withdrawal_deadline(start: str, deadline: str, cal: BusinessCalendar) -> None:
    """Start day excluded, seventh day included, then forward past non-business days."""
    assert withdrawal_deadline(d(start), cal) == d(deadline)


# Rule 3: notice deadline = renewal − 30 days, back to a business day.


@pytest.mark.parametrize(
    ("renews", "deadline", "cal"),
    [
        ("03/03/2027", "01/02/2027", DEFAULT),  # − 30 = Mon 01/02: no shift
        ("01/03/2027", "29/01/2027", DEFAULT),  # − 30 = Sat 30/01 → Fri 29/01
        ("03/05/2026", "02/04/2026", DEFAULT),  # − 30 = Good Friday 03/04 → Thu 02/04
        ("20/12/2026", "19/11/2026", DEFAULT),  # − 30 = 20/11 (Fri) → Thu 19/11
        ("24/01/2027", "24/12/2026", DEFAULT),  # − 30 = Christmas (Fri) → Thu 24/12
        ("24/01/2027", "23/12/2026", WITH_OPTIONAL),  # 24/12 is a ponto facultativo too
        ("18/03/2026", "16/02/2026", DEFAULT),  # − 30 = Carnival Monday: a business day
        ("18/03/2026", "13/02/2026", WITH_OPTIONAL),  # Carnival Monday → Fri 13/02
    ],
)
def test_notice_deadline(renews: str, deadline: str, cal: BusinessCalendar) -> None:
    """Moved back, never forward: forward would leave less than 30 days' notice."""
    assert notice_deadline(d(renews), cal) == d(deadline)


# Rules 2, 5, 6, 7 on day 0, 7 and 8 of the withdrawal period (deadline Tue 10/03/2026).


def test_day_0_is_refund_eligible() -> None:
    """Asking on the purchase day itself: refund, effective today, data kept 90 days."""
    t = terms("03/03/2026", "03/03/2026", "03/03/2027")
    assert t.refund_eligible and not t.full_amount_due and not t.charged_at_next_renewal
    assert t.effective_on == d("03/03/2026")
    assert t.data_deleted_on == d("01/06/2026")


def test_day_7_is_refund_eligible() -> None:
    """The seventh day is the last one (CC art. 132: last day included)."""
    t = terms("10/03/2026", "03/03/2026", "03/03/2027")
    assert t.withdrawal_deadline == d("10/03/2026")
    assert t.refund_eligible and not t.full_amount_due
    assert t.effective_on == d("10/03/2026")
    assert t.data_deleted_on == d("08/06/2026")


def test_day_8_is_too_late_for_a_refund() -> None:
    """Day 8: no refund, the full amount is due, the renewal is cancelled on time."""
    t = terms("11/03/2026", "03/03/2026", "03/03/2027")
    assert not t.refund_eligible and t.full_amount_due
    assert t.notice_deadline == d("01/02/2027")
    assert not t.charged_at_next_renewal
    assert t.effective_on == d("03/03/2027")
    assert t.data_deleted_on == d("01/06/2027")


def test_a_shifted_withdrawal_deadline_extends_the_refund() -> None:
    """Start Sat 07/03/2026: day 7 is Sat 14/03, the deadline Mon 16/03; Tue 17/03 is late."""
    assert terms("14/03/2026", "07/03/2026", "07/03/2027").refund_eligible
    assert terms("16/03/2026", "07/03/2026", "07/03/2027").refund_eligible
    assert not terms("17/03/2026", "07/03/2026", "07/03/2027").refund_eligible


def test_good_friday_extends_the_refund_to_monday() -> None:
    """Start 27/03/2026: day 7 is Good Friday; Monday 06/04 still refunds, Tuesday does not."""
    assert terms("06/04/2026", "27/03/2026", "27/03/2027").refund_eligible
    assert not terms("07/04/2026", "27/03/2026", "27/03/2027").refund_eligible


# Rules 3, 4, 6, 7: notice deadline exactly today, and one day late (renewal Mon 01/03/2027).


def test_notice_deadline_exactly_today_is_on_time() -> None:
    """Asking on Fri 29/01/2027 (01/03 − 30 = Sat 30/01, moved back): renewal not charged."""
    t = terms("29/01/2027", "01/03/2026", "01/03/2027")
    assert t.notice_deadline == d("29/01/2027")
    assert not t.charged_at_next_renewal and t.full_amount_due
    assert t.effective_on == d("01/03/2027")
    assert t.data_deleted_on == d("30/05/2027")


def test_notice_one_day_late_is_charged_for_another_cycle() -> None:
    """Asking on Sat 30/01/2027: the renewal is charged and the licence runs one more year."""
    t = terms("30/01/2027", "01/03/2026", "01/03/2027")
    assert t.charged_at_next_renewal and t.full_amount_due and not t.refund_eligible
    assert t.effective_on == d("01/03/2028")
    assert t.data_deleted_on == d("30/05/2028")


# Rule 6 with 29/02 and month-end clamping; monthly cycles.


def test_renewal_on_29_february_late_ends_on_28_february() -> None:
    """Renewal 29/02/2028 (notice Fri 28/01/2028), asked 01/02/2028: effective 28/02/2029."""
    t = terms("01/02/2028", "28/02/2027", "29/02/2028")
    assert t.notice_deadline == d("28/01/2028")
    assert t.charged_at_next_renewal
    assert t.effective_on == d("28/02/2029")
    assert t.data_deleted_on == d("29/05/2029")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("29/02/2028", 12, "28/02/2029"),
        ("29/02/2028", 48, "29/02/2032"),
        ("31/01/2026", 1, "28/02/2026"),
        ("31/01/2028", 1, "29/02/2028"),
        ("31/03/2026", 1, "30/04/2026"),
        ("15/12/2026", 1, "15/01/2027"),
        ("15/12/2026", 13, "15/01/2028"),
        ("10/03/2026", 0, "10/03/2026"),
    ],
)
def test_add_months_clamps_to_the_month_end(day: str, months: int, expected: str) -> None:
    """Calendar months, the day clamped to the length of the target month."""
    assert add_months(d(day), months) == d(expected)


def test_monthly_cycle_inside_the_withdrawal_period() -> None:
    """Monthly term 02/03/2026 → 02/04/2026, asked Thu 05/03: refund, effective that day."""
    t = terms("05/03/2026", "02/03/2026", "02/04/2026", cycle=1)
    assert t.withdrawal_deadline == d("09/03/2026")
    assert t.notice_deadline == d("03/03/2026")
    assert t.refund_eligible
    assert t.effective_on == d("05/03/2026")
    assert t.data_deleted_on == d("03/06/2026")


def test_monthly_cycle_after_the_withdrawal_period() -> None:
    """Day 8 of a monthly term is past its notice deadline (03/03): one more month is charged."""
    t = terms("10/03/2026", "02/03/2026", "02/04/2026", cycle=1)
    assert not t.refund_eligible and t.charged_at_next_renewal
    assert t.effective_on == d("02/05/2026")
    assert t.data_deleted_on == d("31/07/2026")


def test_transfer_applies_only_the_notice_rules() -> None:
    """``allow_refund=False`` (a transfer of billing): inside the withdrawal period, no refund."""
    t = terms("05/03/2026", "03/03/2026", "03/03/2027", allow_refund=False)
    assert not t.refund_eligible and t.full_amount_due and not t.charged_at_next_renewal
    assert t.effective_on == d("03/03/2027")


def test_data_deleted_on_counts_calendar_days() -> None:
    """10/03/2026 + 90 days is Mon 08/06/2026; 06/03/2026 + 90 is Thu 04/06 (not shifted)."""
    assert data_deleted_on(d("10/03/2026")) == d("08/06/2026")
    assert data_deleted_on(d("06/03/2026")) == d("04/06/2026")
    assert data_deleted_on(d("15/02/2026")) == d("16/05/2026")  # a Saturday, kept as is


def test_json_has_the_seven_rule_keys_as_iso_dates() -> None:
    """``to_json`` carries rules 1–7 by name, dates as ``AAAA-MM-DD``."""
    data = terms("11/03/2026", "03/03/2026", "03/03/2027").to_json()
    assert data["withdrawal_deadline"] == "2026-03-10"
    assert data["refund_eligible"] is False
    assert data["notice_deadline"] == "2027-02-01"
    assert data["charged_at_next_renewal"] is False
    assert data["full_amount_due"] is True
    assert data["effective_on"] == "2027-03-03"
    assert data["data_deleted_on"] == "2027-06-01"


# Rule 8: rejects, each naming the field at fault.


@pytest.mark.parametrize(
    ("today", "start", "renews", "cycle", "field"),
    [
        ("02/03/2026", "03/03/2026", "03/03/2027", 12, "Início da vigência"),  # today < start
        ("04/03/2027", "03/03/2026", "03/03/2027", 12, "Renovação"),  # renewal < today
        ("03/03/2026", "03/03/2026", "03/03/2026", 12, "Renovação"),  # renewal == start
        ("03/03/2026", "03/03/2026", "02/03/2026", 12, "Renovação"),  # renewal < start
        ("03/03/2026", "03/03/2026", "03/03/2027", 0, "Ciclo (meses)"),
        ("03/03/2026", "03/03/2026", "03/03/2027", 61, "Ciclo (meses)"),
        ("03/03/2026", "03/03/2026", "04/03/2027", 12, "Renovação"),  # one day past the cycle
        ("03/03/2026", "03/03/2026", "03/09/2026", 12, "Renovação"),  # a 6-month term
    ],
)
def test_impossible_terms_are_rejected(
    today: str, start: str, renews: str, cycle: int, field: str
) -> None:
    """Bad input raises InputError with the field's label and a Portuguese message."""
    with pytest.raises(InputError) as caught:
        terms(today, start, renews, cycle)
    assert caught.value.field == field
    assert caught.value.message and str(caught.value).startswith(field)


def test_the_first_and_last_accepted_days() -> None:
    """today == start and renewal == today are both valid terms."""
    assert terms("03/03/2026", "03/03/2026", "03/04/2026", cycle=1).refund_eligible
    on_the_day = terms("03/03/2027", "03/03/2026", "03/03/2027")
    assert on_the_day.charged_at_next_renewal
    assert on_the_day.refund_after_renewal_until == d("10/03/2027")
    t = terms("02/03/2027", "03/03/2026", "03/03/2027")
    assert t.charged_at_next_renewal and t.effective_on == date(2028, 3, 3)
