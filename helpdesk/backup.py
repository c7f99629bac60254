"""Backup rules: when a generation can be scheduled and when the file can be downloaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from helpdesk.business_days import DEFAULT_CALENDAR, BusinessCalendar
from helpdesk.clock import SAO_PAULO, to_sao_paulo
from helpdesk.documents import format_moment
from helpdesk.policy import POLICY, Policy


def slot_allowed(slot: time, policy: Policy = POLICY) -> bool:
    """True when ``slot`` is inside the generation window (19:00–04:00, both ends, across midnight)."""
    return slot >= policy.backup_slot_start or slot <= policy.backup_slot_end


def allowed_slots(step_minutes: int = 30, policy: Policy = POLICY) -> list[time]:
    """The slots a form offers, every ``step_minutes`` from the window's start to its end."""
    slots = []
    moment = datetime.combine(datetime(2000, 1, 1), policy.backup_slot_start)
    end = datetime.combine(datetime(2000, 1, 2), policy.backup_slot_end)
    while moment <= end:
        slots.append(moment.time())
        moment += timedelta(minutes=step_minutes)
    return slots


def generation_at(now: datetime, slot: time) -> datetime:
    """The next occurrence of ``slot`` strictly after ``now``, in São Paulo time."""
    local = to_sao_paulo(now)
    candidate = datetime.combine(local.date(), slot, tzinfo=SAO_PAULO)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), slot, tzinfo=SAO_PAULO)
    return candidate


def download_available(
    moment: datetime, cal: BusinessCalendar = DEFAULT_CALENDAR, policy: Policy = POLICY
) -> bool:
    """Downloads are blocked on business days from 05:00 (included) to 19:00 (excluded)."""
    local = to_sao_paulo(moment)
    if not cal.is_business_day(local.date()):
        return True
    return not policy.download_blocked_from <= local.time() < policy.download_blocked_until


def next_available_at(
    moment: datetime, cal: BusinessCalendar = DEFAULT_CALENDAR, policy: Policy = POLICY
) -> datetime:
    """``moment`` itself if a download is possible then, else 19:00 of that day."""
    local = to_sao_paulo(moment)
    if download_available(local, cal, policy):
        return local
    return datetime.combine(local.date(), policy.download_blocked_until, tzinfo=SAO_PAULO)


def download_pauses_at(
    moment: datetime, cal: BusinessCalendar = DEFAULT_CALENDAR, policy: Policy = POLICY
) -> datetime:
    """The first pause of downloads from ``moment`` on: 05:00 of the next business day reached."""
    local = to_sao_paulo(moment)
    day = local.date()
    if local.time() >= policy.download_blocked_from:
        day += timedelta(days=1)
    while not cal.is_business_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, policy.download_blocked_from, tzinfo=SAO_PAULO)


@dataclass(frozen=True)
class BackupPlan:
    """The answer to "schedule a backup at this slot, now"."""

    schedulable: bool
    generation_at: datetime | None
    download_from: datetime | None
    reason: str | None

    def to_json(self) -> dict[str, object]:
        """JSON-able view: ISO 8601 moments with offset, null when not schedulable."""
        return {
            "schedulable": self.schedulable,
            "generation_at": self.generation_at.isoformat() if self.generation_at else None,
            "download_from": self.download_from.isoformat() if self.download_from else None,
            "reason": self.reason,
        }


def plan_backup(
    now: datetime, slot: time, cal: BusinessCalendar = DEFAULT_CALENDAR, policy: Policy = POLICY
) -> BackupPlan:
    """Evaluate a backup request made at ``now`` for ``slot`` (the request may be made at any hour)."""
    if not slot_allowed(slot, policy):
        start, end = (
            policy.placeholders()["backup_slot_start"],
            policy.placeholders()["backup_slot_end"],
        )
        return BackupPlan(
            schedulable=False,
            generation_at=None,
            download_from=None,
            reason=f"o horário {slot:%H:%M} está fora da janela de geração ({start} às {end}).",
        )
    generated = generation_at(now, slot)
    return BackupPlan(
        schedulable=True,
        generation_at=generated,
        download_from=next_available_at(generated, cal, policy),
        reason=None,
    )


def describe_download(moment: datetime, cal: BusinessCalendar = DEFAULT_CALENDAR) -> str:
    """A Portuguese sentence on whether a download is possible at ``moment``."""
    local = to_sao_paulo(moment)
    if download_available(local, cal):
        return f"Download disponível em {format_moment(local)}."
    return (
        f"Download indisponível em {format_moment(local)} (dia útil, horário comercial); "
        f"disponível a partir de {format_moment(next_available_at(local, cal))}."
    )
