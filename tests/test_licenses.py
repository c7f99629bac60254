"""A license of the lote: its running term and the next deadline the partner must mind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from _rules import d

from helpdesk.licenses import (
    CANCELLATION_SCHEDULED,
    CANCELLED,
    TRANSFERRED,
    Deadline,
    License,
    current_term,
    next_deadline,
)
from helpdesk.policy import POLICY

LICENSE = License(support_id="123456", term_start=d("03/03/2026"), renews_on=d("03/03/2027"))


def test_inside_the_withdrawal_period_the_deadline_is_the_refund() -> None:
    """Day 2: estorno until Tue 10/03/2026, five days left."""
    deadline = next_deadline(LICENSE, d("05/03/2026"))
    assert deadline == Deadline(d("10/03/2026"), "estorno até", "refund")
    assert deadline.days_left(d("05/03/2026")) == 5


def test_after_it_the_deadline_is_the_notice() -> None:
    """Day 8: ask by Mon 01/02/2027 (03/03/2027 − 30 days)."""
    assert next_deadline(LICENSE, d("11/03/2026")) == Deadline(
        d("01/02/2027"), "pedir cancelamento até", "cancel"
    )


def test_past_the_notice_the_renewal_refund_is_next() -> None:
    """On 02/02/2027 the renewal will be charged; its refund runs until Wed 10/03/2027."""
    deadline = next_deadline(LICENSE, d("02/02/2027"))
    assert deadline == Deadline(d("10/03/2027"), "estorno da renovação até", None)
    assert deadline.days_left(d("02/02/2027")) == 36


def test_stale_dates_roll_forward_by_whole_cycles() -> None:
    """A term stored a year ago is read as the one running today."""
    old = License(support_id="1", term_start=d("03/03/2025"), renews_on=d("03/03/2026"))
    assert current_term(old, d("10/03/2026")) == (d("03/03/2026"), d("03/03/2027"))
    assert next_deadline(old, d("05/03/2026")) == Deadline(d("10/03/2026"), "estorno até", "refund")


def test_rolling_keeps_the_renewal_day_of_month() -> None:
    """Monthly on the 31st: 31/01 → 28/02 → 31/03 (not 28/03: each step counts from 31/01)."""
    lic = License(
        support_id="1", term_start=d("31/12/2025"), renews_on=d("31/01/2026"), cycle_months=1
    )
    assert current_term(lic, d("15/03/2026")) == (d("28/02/2026"), d("31/03/2026"))
    leap = License(support_id="2", term_start=d("28/02/2027"), renews_on=d("29/02/2028"))
    assert current_term(leap, d("01/03/2032")) == (d("29/02/2032"), d("28/02/2033"))


def test_licenses_without_a_usable_term_have_no_deadline() -> None:
    """Missing dates, a zero cycle (which would never roll) or a term not yet started."""
    assert next_deadline(License(support_id="1"), d("10/03/2026")) is None
    zero = License(
        support_id="1", term_start=d("03/03/2025"), renews_on=d("03/03/2026"), cycle_months=0
    )
    assert current_term(zero, d("10/03/2026")) is None
    assert next_deadline(zero, d("10/03/2026")) is None
    assert next_deadline(LICENSE, d("02/03/2026")) is None


def test_status_decides_before_dates() -> None:
    """Cancelled and transferred licenses have nothing ahead; a scheduled one ends on its day."""
    for status in (CANCELLED, TRANSFERRED):
        lic = License(support_id="1", term_start=date(2026, 3, 3), renews_on=date(2027, 3, 3))
        assert next_deadline(_with(lic, status=status), d("05/03/2026")) is None
    scheduled = _with(LICENSE, status=CANCELLATION_SCHEDULED, cancels_on=d("03/03/2027"))
    assert next_deadline(scheduled, d("05/03/2026")) == Deadline(
        d("03/03/2027"), "acesso termina em", "backup"
    )


def test_a_transferred_license_counts_down_to_the_day_it_leaves_the_lote() -> None:
    """Transfer asked, effective at the renewal: that day is ahead until it has passed."""
    leaving = _with(LICENSE, status=TRANSFERRED, cancels_on=d("03/03/2027"))
    expected = Deadline(d("03/03/2027"), "sai do lote em", "backup")
    assert next_deadline(leaving, d("05/03/2026")) == expected
    assert next_deadline(leaving, d("03/03/2027")) == expected
    assert next_deadline(leaving, d("04/03/2027")) is None


def _with(lic: License, **changes: object) -> License:
    """A copy of ``lic`` with ``changes``."""
    return replace(lic, **changes)  # type: ignore[arg-type]


ENDED = date(2026, 3, 3)


DELETED = ENDED + timedelta(days=POLICY.retention_days)


def cancelled() -> License:
    """A license whose cancellation took effect on ``ENDED``."""
    return License(
        support_id="1",
        term_start=date(2025, 3, 3),
        renews_on=ENDED,
        status=CANCELLED,
        cancels_on=ENDED,
    )


def test_a_cancelled_license_shows_when_its_data_is_deleted() -> None:
    assert next_deadline(cancelled(), date(2026, 3, 10)) == Deadline(
        DELETED, "dados apagados em", "backup"
    )
    assert next_deadline(cancelled(), DELETED) == Deadline(DELETED, "dados apagados em", "backup")


def test_after_the_deletion_nothing_is_left() -> None:
    assert next_deadline(cancelled(), DELETED + timedelta(days=1)) is None
