"""The cancellation rules of a license's term: withdrawal (estorno), notice, effect and data deletion."""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from helpdesk.business_days import DEFAULT_CALENDAR, BusinessCalendar
from helpdesk.documents import format_date
from helpdesk.errors import InputError
from helpdesk.policy import POLICY, Policy

CYCLE_LABEL = "Ciclo (meses)"


def add_months(day: date, months: int) -> date:
    """``day`` plus calendar months, the day clamped to the month's end (29/02 + 12 → 28/02).

    Written here rather than taken from ``dateutil`` because it is these four lines and the core
    keeps its dependencies to what it cannot do well by hand.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _is_month_end(day: date) -> bool:
    """True on the last day of its month."""
    return day.day == calendar.monthrange(day.year, day.month)[1]


def renewal_after(term_start: date, renews_on: date, cycle_months: int) -> date:
    """The renewal that follows ``renews_on``: the one rule Meu lote, the forms and the CLI use.

    The app's reading of a contract's day of the month (the policy does not say it): a term that
    starts and renews on the last day of their months keeps renewing on the last day of the month;
    otherwise the larger of the two days is the contract's day (a 31st clamped to 28/02 comes back
    as 31/03), clamped to the length of the month.
    """
    month_index = renews_on.month - 1 + cycle_months
    year, month = renews_on.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if _is_month_end(term_start) and _is_month_end(renews_on):
        return date(year, month, last)
    return date(year, month, min(max(term_start.day, renews_on.day), last))


def renewal_fits(term_start: date, renews_on: date, cycle_months: int) -> bool:
    """True when ``renews_on`` is ``term_start`` plus the cycle (the end-of-month rule allowed)."""
    expected = add_months(term_start, cycle_months)
    if renews_on == expected:
        return True
    # A start clamped to a month's end (28/02 of a contract made on the 31st) may renew on a later
    # day of the target month.
    return (
        _is_month_end(term_start)
        and (renews_on.year, renews_on.month) == (expected.year, expected.month)
        and renews_on.day > term_start.day
    )


@dataclass(frozen=True)
class CancellationTerms:
    """What cancelling a license's renewal means on a given day (rules 1–7 of the policy)."""

    today: date
    term_start: date
    renews_on: date
    cycle_months: int
    withdrawal_deadline: date
    """Last day to cancel with refund: start + 7 days (Código Civil art. 132), next business day."""
    refund_eligible: bool
    """True while the withdrawal period runs: cancellation with refund (estorno)."""
    notice_deadline: date
    """Last day to ask so the next renewal is not charged: renewal − the notice days, previous business day."""
    charged_at_next_renewal: bool
    """True when the request comes after the notice deadline (and outside the withdrawal period)."""
    full_amount_due: bool
    """True after the withdrawal period: the current term's agreed amount is owed in full."""
    effective_on: date
    """Day the cancellation takes effect (access ends)."""
    data_deleted_on: date
    """Day the license's data is erased: effective day + 90 calendar days."""
    refund_after_renewal_until: date | None = None
    """When the renewal will be charged: last day to ask for its refund (renewal + 7 days, next
    business day), the same withdrawal right the purchase had; None otherwise."""

    def to_json(self) -> dict[str, object]:
        """The terms as JSON-able values (dates in ISO format)."""
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(self).items()}


def withdrawal_deadline(term_start: date, cal: BusinessCalendar, policy: Policy = POLICY) -> date:
    """Start day excluded, last day included (CC art. 132 §1º), moved forward to a business day."""
    return cal.on_or_after(term_start + timedelta(days=policy.withdrawal_days))


def notice_deadline(renews_on: date, cal: BusinessCalendar, policy: Policy = POLICY) -> date:
    """Renewal − the notice days, moved back: moving it forward would give less notice than due."""
    return cal.on_or_before(renews_on - timedelta(days=policy.notice_days))


def check_cycle_months(cycle_months: int, field: str = CYCLE_LABEL, policy: Policy = POLICY) -> int:
    """``cycle_months`` if it is a term length the plan can have; InputError naming ``field``."""
    if not 1 <= cycle_months <= policy.max_cycle_months:
        raise InputError(field, f"use um número de 1 a {policy.max_cycle_months}.")
    return cycle_months


def expected_renewal(term_start: date, cycle_months: int) -> date:
    """The renewal a term starting on ``term_start`` has: start + cycle, end-of-month clamped."""
    return add_months(term_start, cycle_months)


def check_renewal_fits(term_start: date, renews_on: date, cycle_months: int) -> None:
    """Reject a renewal that is not start + cycle (rule shared by the lote, its CSV and the forms)."""
    if not renewal_fits(term_start, renews_on, cycle_months):
        expected = expected_renewal(term_start, cycle_months)
        raise InputError(
            "Renovação",
            f"com início em {format_date(term_start)} e ciclo de {cycle_months} "
            f"{'mês' if cycle_months == 1 else 'meses'}, a renovação é em "
            f"{format_date(expected)}.",
        )


def check_started(
    term_start: date, today: date, field: str = "Início da vigência", *, adding: bool = False
) -> None:
    """The rule every term obeys: it has started by ``today``; InputError naming ``field``.

    Requests refuse a future start (there is no term to cancel yet); the lote refuses it too
    (``adding``), or a license would enter it whose every request is then refused.
    """
    if term_start <= today:
        return
    if adding:
        raise InputError(
            field,
            f"o início da vigência ({format_date(term_start)}) não pode estar no futuro (hoje é "
            f"{format_date(today)}): inclua a licença no lote a partir desse dia.",
        )
    raise InputError(field, "o início da vigência não pode estar no futuro.")


def check_term_dates(
    today: date, term_start: date, renews_on: date, cycle_months: int, *, require_fit: bool = True
) -> None:
    """Reject dates that cannot describe a running term (rule 8), naming the field at fault.

    A renewal due today is accepted: the partner may still be deciding what to do about it.
    """
    check_cycle_months(cycle_months)
    if renews_on <= term_start:
        raise InputError(
            "Renovação", "a data de renovação precisa ser depois do início da vigência."
        )
    check_started(term_start, today)
    if renews_on < today:
        raise InputError(
            "Renovação",
            "a próxima renovação não pode estar no passado; informe a data da próxima.",
        )
    if require_fit:
        check_renewal_fits(term_start, renews_on, cycle_months)


def evaluate_cancellation(
    today: date,
    term_start: date,
    renews_on: date,
    cycle_months: int = POLICY.default_cycle_months,
    cal: BusinessCalendar = DEFAULT_CALENDAR,
    policy: Policy = POLICY,
    *,
    allow_refund: bool = True,
    require_fit: bool = True,
) -> CancellationTerms:
    """Apply the Plano Exclusivo cancellation rules to a term on ``today``.

    ``allow_refund=False`` applies only the notice rules (3–7), as a transfer of billing does: the
    license leaves the lote on the cancellation's timing but nothing is refunded.
    ``require_fit=False`` accepts a renewal that is not start + cycle (a lote imported that way
    still shows its deadlines; the forms, which the partner fills, insist).
    """
    check_term_dates(today, term_start, renews_on, cycle_months, require_fit=require_fit)
    withdrawal = withdrawal_deadline(term_start, cal, policy)
    refund = allow_refund and term_start <= today <= withdrawal
    notice = notice_deadline(renews_on, cal, policy)
    late = not refund and today > notice
    if refund:
        effective = today
    elif not late:
        effective = renews_on
    else:
        effective = renewal_after(term_start, renews_on, cycle_months)
    return CancellationTerms(
        today=today,
        term_start=term_start,
        renews_on=renews_on,
        cycle_months=cycle_months,
        withdrawal_deadline=withdrawal,
        refund_eligible=refund,
        notice_deadline=notice,
        charged_at_next_renewal=late,
        full_amount_due=not refund,
        effective_on=effective,
        data_deleted_on=effective + timedelta(days=policy.retention_days),
        refund_after_renewal_until=refund_after_renewal(renews_on, cal, policy) if late else None,
    )


def refund_after_renewal(renews_on: date, cal: BusinessCalendar, policy: Policy = POLICY) -> date:
    """Last day to ask for the refund of a renewal charged on ``renews_on``."""
    # The policy's withdrawal days run from the purchase *or the renewal*: same count, same shift.
    return withdrawal_deadline(renews_on, cal, policy)


def data_deleted_on(cancelled_on: date, policy: Policy = POLICY) -> date:
    """Day a cancelled account's data is erased (calendar days: it is not the partner's deadline)."""
    return cancelled_on + timedelta(days=policy.retention_days)
