"""The renewal date fits the start and the cycle; Meu lote and the cancel outcome share its rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from _rules import RULES_SETTINGS, d
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.errors import InputError
from helpdesk.licenses import License, current_term
from helpdesk.renewal import add_months, evaluate_cancellation, renewal_after, renewal_fits


@pytest.mark.parametrize(
    ("start", "renews", "cycle", "fits"),
    [
        ("10/03/2026", "10/03/2027", 12, True),
        ("10/03/2026", "11/03/2027", 12, False),
        ("10/03/2026", "10/04/2026", 12, False),
        ("31/01/2027", "28/02/2027", 1, True),  # clamped to February's end
        ("28/02/2027", "31/03/2027", 1, True),  # a 31st contract back on its day
        ("28/02/2027", "28/03/2027", 1, True),  # a 28th contract
        ("15/02/2027", "31/03/2027", 1, False),  # 15/02 is no month's end
        ("29/02/2028", "28/02/2029", 12, True),
    ],
)
def test_renewal_fits(start: str, renews: str, cycle: int, fits: bool) -> None:
    assert renewal_fits(d(start), d(renews), cycle) is fits


def test_a_renewal_that_does_not_fit_names_the_expected_date() -> None:
    with pytest.raises(InputError) as caught:
        evaluate_cancellation(d("10/04/2026"), d("10/03/2026"), d("10/09/2026"), 12)
    assert caught.value.field == "Renovação"
    assert caught.value.message == (
        "com início em 10/03/2026 e ciclo de 12 meses, a renovação é em 10/03/2027."
    )


def test_a_monthly_license_started_on_the_31st() -> None:
    """Cancel late in February: effective on 31/03, the renewal Meu lote shows once it rolls."""
    lic = License(
        support_id="1", term_start=d("31/01/2027"), renews_on=d("28/02/2027"), cycle_months=1
    )
    terms = evaluate_cancellation(d("10/02/2027"), d("31/01/2027"), d("28/02/2027"), 1)
    assert terms.charged_at_next_renewal and terms.effective_on == d("31/03/2027")
    assert current_term(lic, d("01/03/2027")) == (d("28/02/2027"), d("31/03/2027"))
    assert current_term(lic, d("01/04/2027")) == (d("31/03/2027"), d("30/04/2027"))


@st.composite
def licenses(draw: st.DrawFn) -> License:
    """A license whose stored renewal is its start plus the cycle."""
    start = draw(st.dates(min_value=date(2001, 1, 1), max_value=date(2050, 12, 31)))
    cycle = draw(st.sampled_from([1, 2, 3, 6, 12, 24]))
    return License(
        support_id="1", term_start=start, renews_on=add_months(start, cycle), cycle_months=cycle
    )


@RULES_SETTINGS
@given(licenses(), st.integers(0, 2000))
def test_meu_lote_and_the_cancel_outcome_agree_on_every_renewal(lic: License, days: int) -> None:
    """The term Meu lote shows fits its cycle, and a late cancel takes effect on its next renewal."""
    assert lic.term_start is not None
    today = lic.term_start + timedelta(days=days)
    term = current_term(lic, today)
    assert term is not None
    start, renews = term
    assert renewal_fits(start, renews, lic.cycle_months)
    late = evaluate_cancellation(renews, start, renews, lic.cycle_months)  # asked on the renewal
    assert late.effective_on == renewal_after(start, renews, lic.cycle_months)
    assert current_term(lic, renews) == (renews, late.effective_on)
