"""Properties of the cancellation rules for any valid term, with the numbers taken from POLICY."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from _rules import RULES_SETTINGS
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.business_days import BusinessCalendar
from helpdesk.errors import InputError
from helpdesk.policy import POLICY, Policy
from helpdesk.renewal import (
    add_months,
    evaluate_cancellation,
    notice_deadline,
    renewal_after,
    renewal_fits,
    withdrawal_deadline,
)

CALENDARS = st.sampled_from([BusinessCalendar(), BusinessCalendar(optional_days_are_holidays=True)])
DAYS = st.dates(min_value=date(2001, 1, 1), max_value=date(2058, 12, 31))
POLICIES = st.builds(
    lambda w, n, r: replace(POLICY, withdrawal_days=w, notice_days=n, retention_days=r),
    st.integers(1, 30),
    st.integers(1, 90),
    st.integers(1, 365),
)
"""Other figures than today's, to show every rule reads them from the policy object."""


@st.composite
def running_terms(draw: st.DrawFn) -> tuple[date, date, date, int]:
    """``(today, term_start, renews_on, cycle_months)`` that rule 8 accepts."""
    start = draw(DAYS)
    cycle = draw(st.integers(1, 60))
    renews = add_months(start, cycle)
    today = start + timedelta(days=draw(st.integers(0, (renews - start).days)))
    return today, start, renews, cycle


@RULES_SETTINGS
@given(DAYS, CALENDARS, POLICIES)
def test_withdrawal_deadline_is_the_first_business_day_from_start_plus_days(
    start: date, cal: BusinessCalendar, policy: Policy
) -> None:
    """A business day, never before start + withdrawal_days, and no business day skipped."""
    nominal = start + timedelta(days=policy.withdrawal_days)
    deadline = withdrawal_deadline(start, cal, policy)
    assert cal.is_business_day(deadline)
    assert deadline >= nominal
    assert all(
        not cal.is_business_day(nominal + timedelta(n)) for n in range((deadline - nominal).days)
    )


@RULES_SETTINGS
@given(DAYS, CALENDARS, POLICIES)
def test_notice_deadline_is_the_last_business_day_by_renewal_minus_days(
    renews: date, cal: BusinessCalendar, policy: Policy
) -> None:
    """A business day, never after renewal − notice_days, and never more than a few days back."""
    nominal = renews - timedelta(days=policy.notice_days)
    deadline = notice_deadline(renews, cal, policy)
    assert cal.is_business_day(deadline)
    assert nominal - timedelta(days=7) < deadline <= nominal
    assert all(
        not cal.is_business_day(nominal - timedelta(n)) for n in range((nominal - deadline).days)
    )


@RULES_SETTINGS
@given(running_terms(), CALENDARS, POLICIES)
def test_cancellation_terms_follow_rules_2_to_7(
    term: tuple[date, date, date, int], cal: BusinessCalendar, policy: Policy
) -> None:
    """Every derived field agrees with its rule, whatever the dates and the figures."""
    today, start, renews, cycle = term
    t = evaluate_cancellation(today, start, renews, cycle, cal, policy)
    assert t.withdrawal_deadline == withdrawal_deadline(start, cal, policy)
    assert t.notice_deadline == notice_deadline(renews, cal, policy)
    assert t.refund_eligible == (start <= today <= t.withdrawal_deadline)
    assert t.charged_at_next_renewal == (not t.refund_eligible and today > t.notice_deadline)
    assert t.full_amount_due == (not t.refund_eligible)
    assert t.effective_on >= today
    assert t.data_deleted_on == t.effective_on + timedelta(days=policy.retention_days)
    if t.refund_eligible:
        assert t.effective_on == today
    elif t.charged_at_next_renewal:
        assert t.effective_on == renewal_after(start, renews, cycle) > renews
    else:
        assert t.effective_on == renews


@RULES_SETTINGS
@given(running_terms(), CALENDARS)
def test_transfer_never_refunds_and_keeps_the_notice_timing(
    term: tuple[date, date, date, int], cal: BusinessCalendar
) -> None:
    """Without refunds the effect is the renewal, or one cycle later when late (rules 3–7)."""
    today, start, renews, cycle = term
    t = evaluate_cancellation(today, start, renews, cycle, cal, allow_refund=False)
    assert not t.refund_eligible and t.full_amount_due
    late = today > t.notice_deadline
    assert t.effective_on == (renewal_after(start, renews, cycle) if late else renews)


@RULES_SETTINGS
@given(DAYS, st.integers(0, 120))
def test_add_months_keeps_the_day_or_clamps_it(day: date, months: int) -> None:
    """The month advances exactly; the day stays unless the month is shorter."""
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + timedelta(1)).day == 1)


@RULES_SETTINGS
@given(DAYS, DAYS, DAYS)
def test_any_three_dates_give_terms_or_a_named_error(
    today: date, start: date, renews: date
) -> None:
    """Rule 8 rejects exactly the impossible terms, naming a field; nothing else escapes."""
    valid = start <= today <= renews and start < renews and renewal_fits(start, renews, 12)
    if valid:
        evaluate_cancellation(today, start, renews)
        return
    with pytest.raises(InputError) as caught:
        evaluate_cancellation(today, start, renews)
    assert caught.value.field in {"Início da vigência", "Renovação"}
