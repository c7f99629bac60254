"""A license of the partner's lote and the next deadline that matters for it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from helpdesk.business_days import DEFAULT_CALENDAR, BusinessCalendar
from helpdesk.errors import InputError
from helpdesk.policy import POLICY
from helpdesk.renewal import data_deleted_on, evaluate_cancellation, renewal_after

ACTIVE = "ativa"
CANCELLATION_SCHEDULED = "cancelamento agendado"
CANCELLED = "cancelada"
TRANSFERRED = "transferida"
STATUSES = (ACTIVE, CANCELLATION_SCHEDULED, CANCELLED, TRANSFERRED)

LOTE_LICENSE = "lote_license"
"""Key of a request's values holding the License the lote has for its ID Suporte (not a field:
added by whoever reads the lote, so the rules can tell what the lote shows)."""


@dataclass(frozen=True)
class License:
    """One client license of the lote, known by its ID Suporte."""

    support_id: str
    client: str = ""
    cnpj: str = ""
    email: str = ""
    term_start: date | None = None
    renews_on: date | None = None
    cycle_months: int = POLICY.default_cycle_months
    conta_pj: bool = False
    status: str = ACTIVE
    cancels_on: date | None = None


DEADLINE_WHAT = {
    "estorno até": "último dia para pedir estorno",
    "pedir cancelamento até": "último dia para pedir o cancelamento",
    "estorno da renovação até": "último dia para pedir estorno da renovação",
    "sai do lote em": "a licença sai do lote",
    "dados apagados em": "os dados são apagados",
    "acesso termina em": "o acesso termina",
}
"""Each deadline label said as a column of its own, with the date in the column beside it."""


@dataclass(frozen=True)
class Deadline:
    """The next date a partner must act by (or be aware of) for a license."""

    when: date
    label: str
    action: str | None
    """The request kind that acts on this deadline, if any."""

    @property
    def what(self) -> str:
        """What the date is, for a column beside it (the label ends in a word that needs one)."""
        return DEADLINE_WHAT.get(self.label, self.label.removesuffix(" até").removesuffix(" em"))

    def days_left(self, today: date) -> int:
        """Calendar days from ``today`` to the deadline (negative when past)."""
        return (self.when - today).days


def current_term(lic: License, today: date) -> tuple[date, date] | None:
    """The term running on ``today``: rolls the stored dates forward by whole cycles if stale."""
    if lic.term_start is None or lic.renews_on is None or lic.cycle_months < 1:
        return None
    # Each step is the same ``renewal_after`` the cancel form applies to the term it is given, so
    # the renewal Meu lote shows and the day a late cancellation takes effect never disagree.
    start, renews = lic.term_start, lic.renews_on
    while renews <= today:
        start, renews = renews, renewal_after(start, renews, lic.cycle_months)
    return start, renews


def next_deadline(
    lic: License, today: date, cal: BusinessCalendar = DEFAULT_CALENDAR
) -> Deadline | None:
    """The soonest date that matters: refund until, request cancellation by, or data deletion."""
    if lic.status == TRANSFERRED:
        # The transfer is asked now but takes effect at the renewal: until then the license is
        # still in the lote, and that day is the one to back up for and to warn the client of.
        if lic.cancels_on and lic.cancels_on >= today:
            return Deadline(lic.cancels_on, "sai do lote em", "backup")
        return None
    if lic.status == CANCELLED:
        # Access has ended, but the data stays until the retention period is over: that is the
        # last day a backup can still be made.
        deleted = data_deleted_on(lic.cancels_on) if lic.cancels_on else None
        if deleted is None or deleted < today:
            return None
        return Deadline(deleted, "dados apagados em", "backup")
    if lic.status == CANCELLATION_SCHEDULED and lic.cancels_on:
        return Deadline(lic.cancels_on, "acesso termina em", "backup")
    term = current_term(lic, today)
    if term is None or today < term[0]:
        return None
    try:
        terms = evaluate_cancellation(
            today, term[0], term[1], lic.cycle_months, cal, require_fit=False
        )
    except InputError:
        return None
    if terms.refund_eligible:
        return Deadline(terms.withdrawal_deadline, "estorno até", "refund")
    if not terms.charged_at_next_renewal:
        return Deadline(terms.notice_deadline, "pedir cancelamento até", "cancel")
    # Past the notice deadline the renewal will be charged, but a new withdrawal period opens with
    # it: the next thing the partner can do is ask for the refund of that renewal. No form fits
    # today (a refund can only be asked once the renewal has happened), hence no action.
    assert terms.refund_after_renewal_until is not None
    return Deadline(terms.refund_after_renewal_until, "estorno da renovação até", None)


def effective_status(lic: License, today: date) -> str:
    """The status as of ``today``: a scheduled cancellation whose date has passed is done."""
    if lic.status == CANCELLATION_SCHEDULED and lic.cancels_on and lic.cancels_on <= today:
        return CANCELLED
    return lic.status


def with_status(lic: License, today: date) -> License:
    """``lic`` with :func:`effective_status` applied."""
    return replace(lic, status=effective_status(lic, today))
