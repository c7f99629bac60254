"""The lote's deadlines as calendar events, and the iCalendar file that carries them.

The dates come from the rules (``renewal``, ``licenses``); this module only says which of them
a partner wants in a calendar and how each event reads. Events are all-day, in São Paulo time,
with a UID made of the license and the kind of event only, so importing a newer file again
moves an event (a new term, an edited renewal) instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from helpdesk.business_days import DEFAULT_CALENDAR, BusinessCalendar
from helpdesk.clock import SAO_PAULO
from helpdesk.documents import format_date, mask_name
from helpdesk.licenses import (
    ACTIVE,
    CANCELLATION_SCHEDULED,
    CANCELLED,
    TRANSFERRED,
    License,
    current_term,
    with_status,
)
from helpdesk.renewal import (
    data_deleted_on,
    notice_deadline,
    refund_after_renewal,
    withdrawal_deadline,
)

EventKind = Literal["notice", "renewal", "withdrawal", "access_ends", "data_deleted", "leaves_lote"]

NOTICE_ALARM_DAYS = (7, 1)
"""Days before a notice deadline the calendar reminds the partner (a missed one costs a cycle)."""

ARTICLE_LINK = "helpdesk://artigo/{article_id}"
"""How an event links its article: ``helpdesk articles show ID`` opens the same one."""

UID_DOMAIN = "helpdesk.plano-exclusivo"
PRODID = "-//Central do Parceiro//helpdesk lote calendar//PT-BR"


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event of the lote's calendar."""

    support_id: str
    kind: EventKind
    day: date
    action: str
    """What the day is about, e.g. ``Prazo para pedir o cancelamento``."""
    who: str
    """The license named for the reader: ``licença 123456 (P*** Ltda)``."""
    description: str
    article_id: str
    alarm_days: tuple[int, ...] = ()

    @property
    def uid(self) -> str:
        """Stable across exports: the same license and kind always give the same UID."""
        safe = "".join(char if char.isalnum() or char in "-_." else "_" for char in self.support_id)
        return f"{self.kind}-{safe}@{UID_DOMAIN}"

    @property
    def summary(self) -> str:
        """The event's title: the action and the license."""
        return f"{self.action}: {self.who}"

    @property
    def url(self) -> str:
        """The help article that says what to do."""
        return ARTICLE_LINK.format(article_id=self.article_id)


def _who(lic: License, full_names: bool) -> str:
    """``licença 123456 (P*** Ltda)``: the client masked unless full names were asked for."""
    name = lic.client if full_names else mask_name(lic.client)
    return f"licença {lic.support_id}" + (f" ({name})" if name else "")


def license_events(
    lic: License,
    today: date,
    *,
    full_names: bool = False,
    cal: BusinessCalendar = DEFAULT_CALENDAR,
) -> list[CalendarEvent]:
    """The events that matter for one license from ``today`` on (its status taken as of today)."""
    lic = with_status(lic, today)
    who = _who(lic, full_names)
    sid = lic.support_id
    if lic.status == TRANSFERRED:
        if lic.cancels_on is None or lic.cancels_on < today:
            return []
        return [
            CalendarEvent(
                sid,
                "leaves_lote",
                lic.cancels_on,
                "Sai do lote",
                who,
                "A cobrança passa para o cliente e a licença sai do lote. Faça o backup antes.",
                "transferir-titularidade",
            )
        ]
    if lic.status in (CANCELLATION_SCHEDULED, CANCELLED):
        return _cancellation_events(lic, today, who)
    if lic.status != ACTIVE:
        return []
    return _term_events(lic, today, who, cal)


def _cancellation_events(lic: License, today: date, who: str) -> list[CalendarEvent]:
    """A cancelled (or scheduled) license: the day access ends and the day its data is deleted."""
    if lic.cancels_on is None:
        return []
    events = []
    if lic.status == CANCELLATION_SCHEDULED and lic.cancels_on >= today:
        events.append(
            CalendarEvent(
                lic.support_id,
                "access_ends",
                lic.cancels_on,
                "Cancelamento vale",
                who,
                "O cancelamento vale e o acesso termina. Faça o backup antes.",
                "cancelar-renovacao",
            )
        )
    deleted = data_deleted_on(lic.cancels_on)
    if deleted >= today:
        events.append(
            CalendarEvent(
                lic.support_id,
                "data_deleted",
                deleted,
                "Dados apagados",
                who,
                f"{(deleted - lic.cancels_on).days} dias depois do cancelamento "
                f"({format_date(lic.cancels_on)}), os dados são apagados.",
                "retencao-de-dados",
            )
        )
    return events


def _term_events(lic: License, today: date, who: str, cal: BusinessCalendar) -> list[CalendarEvent]:
    """An active license: withdrawal end (while it can still be used), notice deadline, renewal."""
    term = current_term(lic, today)
    if term is None:
        return []
    start, renews = term
    sid = lic.support_id
    events = []
    notice = notice_deadline(renews, cal)
    withdrawal = withdrawal_deadline(start, cal)
    if start <= today <= withdrawal:
        events.append(
            CalendarEvent(
                sid,
                "withdrawal",
                withdrawal,
                "Último dia do estorno",
                who,
                f"Último dia para cancelar com estorno (vigência desde {format_date(start)}).",
                "estorno",
            )
        )
    elif notice < today:
        # Too late to avoid this renewal's charge: the next chances are the refund of the
        # renewal and the notice of the term after it.
        events.append(
            CalendarEvent(
                sid,
                "withdrawal",
                refund_after_renewal(renews, cal),
                "Último dia do estorno da renovação",
                who,
                f"Último dia para pedir o estorno da renovação de {format_date(renews)}.",
                "estorno",
            )
        )
    if notice < today:
        next_term = current_term(lic, renews)
        if next_term is not None:
            renews_after = next_term[1]
            events.append(_notice_event(lic, who, notice_deadline(renews_after, cal), renews_after))
    else:
        events.append(_notice_event(lic, who, notice, renews))
    events.append(
        CalendarEvent(
            sid,
            "renewal",
            renews,
            "Renovação",
            who,
            f"Começa um novo ciclo de {lic.cycle_months} "
            f"{'mês' if lic.cycle_months == 1 else 'meses'}, cobrado.",
            "cancelar-renovacao",
        )
    )
    return events


def _notice_event(lic: License, who: str, deadline: date, renews: date) -> CalendarEvent:
    """The last day to ask for the cancellation so the renewal on ``renews`` is not charged."""
    return CalendarEvent(
        lic.support_id,
        "notice",
        deadline,
        "Prazo para pedir o cancelamento",
        who,
        f"Último dia para pedir o cancelamento sem pagar a renovação de {format_date(renews)}.",
        "cancelar-renovacao",
        NOTICE_ALARM_DAYS,
    )


def lote_events(
    licenses: Iterable[License],
    today: date,
    *,
    full_names: bool = False,
    cal: BusinessCalendar = DEFAULT_CALENDAR,
) -> list[CalendarEvent]:
    """Every license's events, soonest first."""
    events = [
        event
        for lic in licenses
        for event in license_events(lic, today, full_names=full_names, cal=cal)
    ]
    return sorted(events, key=lambda event: (event.day, event.support_id, event.kind))


def to_ics(events: Sequence[CalendarEvent], now: datetime) -> bytes:
    """The events as an iCalendar file (RFC 5545), all-day, in the São Paulo time zone."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Prazos do lote (Plano Exclusivo)")
    calendar.add("x-wr-timezone", SAO_PAULO.key)
    zone = icalendar.Timezone.from_tzid(SAO_PAULO.key)
    # The library notes, in English, the span it computed the zone over ("This timezone only
    # works from 1970-01-01 to 2038-01-01."). A calendar app may show it, and it tells the
    # person nothing: São Paulo has kept one offset since 2019, which the last onset carries on.
    # The note is optional in RFC 5545 (COMMENT), so it goes; the zone's rules stay whole.
    zone.pop("COMMENT", None)
    calendar.add_component(zone)
    # Values many events share are encoded once: a lote of thousands of licenses has only a few
    # hundred distinct days, six articles and one stamp, and encoding is most of the writing time.
    stamp = icalendar.vDDDTypes(now.astimezone(UTC))
    days: dict[date, icalendar.vDDDTypes] = {}
    urls: dict[str, icalendar.vUri] = {}
    triggers = {n: icalendar.vDuration(timedelta(days=-n)) for n in NOTICE_ALARM_DAYS}

    def day_value(day: date) -> icalendar.vDDDTypes:
        if day not in days:
            days[day] = icalendar.vDDDTypes(day)
        return days[day]

    for item in events:
        event = icalendar.Event()
        event.add("uid", icalendar.vText(item.uid), encode=False)
        event.add("dtstamp", stamp, encode=False)
        event.add("dtstart", day_value(item.day), encode=False)
        event.add("dtend", day_value(item.day + timedelta(days=1)), encode=False)
        event.add("summary", icalendar.vText(item.summary), encode=False)
        event.add(
            "description", icalendar.vText(f"{item.description}\nArtigo: {item.url}"), encode=False
        )
        if item.url not in urls:
            urls[item.url] = icalendar.vUri(item.url)
        event.add("url", urls[item.url], encode=False)
        for n in item.alarm_days:
            alarm = icalendar.Alarm()
            alarm.add("action", icalendar.vText("DISPLAY"), encode=False)
            alarm.add(
                "description",
                icalendar.vText(
                    f"{item.action}: falta{'m' if n > 1 else ''} {n} dia{'s' if n > 1 else ''}"
                ),
                encode=False,
            )
            alarm.add(
                "trigger", triggers.get(n) or icalendar.vDuration(timedelta(days=-n)), encode=False
            )
            event.add_component(alarm)
        calendar.add_component(event)
    # icalendar builds every content line (escaping, parameters, values); the folding of lines
    # longer than 75 octets is done here: the library folds character by character, which was
    # over a third of the time for a lote of thousands of licenses.
    lines = calendar.content_lines(sorted=False)
    return b"\r\n".join(fold_line(line) for line in lines if line) + b"\r\n"


FOLD_OCTETS = 75
"""RFC 5545 §3.1: content lines longer than this are folded."""


def fold_line(line: str) -> bytes:
    """One content line in UTF-8, folded at 75 octets (CRLF + space), never inside a character
    or right after a backslash (so a ``\\,`` escape stays whole for picky readers)."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_OCTETS:
        return data
    pieces = []
    start, limit = 0, FOLD_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1  # a UTF-8 continuation byte: cut before its character
        while end < len(data) and end - start > 1 and data[end - 1] == ord("\\"):
            end -= 1
        pieces.append(data[start:end])
        start, limit = end, FOLD_OCTETS - 1  # a continuation line starts with the space
    return b"\r\n ".join(pieces)
