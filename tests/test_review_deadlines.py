"""After a cancellation takes effect, the date that still matters is the data deletion."""

from __future__ import annotations

from datetime import date, timedelta

from helpdesk.licenses import CANCELLED, Deadline, License, next_deadline
from helpdesk.policy import POLICY

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
