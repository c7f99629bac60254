"""The lote's calendar: which events, on which days, and a file two calendar libraries read."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import icalendar
import vobject
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.business_days import DEFAULT_CALENDAR
from helpdesk.clock import SAO_PAULO
from helpdesk.licenses import (
    CANCELLATION_SCHEDULED,
    CANCELLED,
    TRANSFERRED,
    License,
    next_deadline,
)
from helpdesk.lote_calendar import FOLD_OCTETS, fold_line, lote_events, to_ics
from helpdesk.renewal import add_months, data_deleted_on, notice_deadline, withdrawal_deadline

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=SAO_PAULO)
TODAY = NOW.date()

ACTIVE_OLD = License(
    "100200", "Padaria Pão Quente Ltda", term_start=date(2026, 6, 1), renews_on=date(2027, 6, 1)
)
"""Notice deadline 30/04/2027 (a Friday; 01/05 is a holiday, so the rule moves back)."""
JUST_BOUGHT = License(
    "300400", "Oficina Roda Viva ME", term_start=date(2026, 11, 20), renews_on=date(2027, 11, 20)
)
"""Inside its withdrawal period today."""
LATE = License("500600", "Mercado Sol", term_start=date(2026, 1, 1), renews_on=date(2027, 1, 1))
"""Notice deadline 02/12/2026 (renewal − 30 days, a Wednesday): gone by 10/12/2026."""
SCHEDULED = License("700800", "Loja", status=CANCELLATION_SCHEDULED, cancels_on=date(2027, 1, 15))
CANCELLED_LIC = License("800900", "Bar", status=CANCELLED, cancels_on=date(2026, 10, 1))
MOVING = License("900100", "Posto", status=TRANSFERRED, cancels_on=date(2027, 2, 1))


def by_uid(events):
    """Events by UID (a UID may not repeat)."""
    found = {event.uid: event for event in events}
    assert len(found) == len(events)
    return found


def test_each_status_has_the_events_that_matter() -> None:
    events = by_uid(lote_events([ACTIVE_OLD, JUST_BOUGHT, SCHEDULED, CANCELLED_LIC, MOVING], TODAY))
    cal = DEFAULT_CALENDAR
    assert events["notice-100200@helpdesk.plano-exclusivo"].day == notice_deadline(
        date(2027, 6, 1), cal
    )
    assert events["notice-100200@helpdesk.plano-exclusivo"].day == date(2027, 4, 30)
    assert events["renewal-100200@helpdesk.plano-exclusivo"].day == date(2027, 6, 1)
    assert "withdrawal-100200@helpdesk.plano-exclusivo" not in events
    assert events["withdrawal-300400@helpdesk.plano-exclusivo"].day == withdrawal_deadline(
        date(2026, 11, 20), cal
    )
    assert events["access_ends-700800@helpdesk.plano-exclusivo"].day == date(2027, 1, 15)
    assert events["data_deleted-700800@helpdesk.plano-exclusivo"].day == data_deleted_on(
        date(2027, 1, 15)
    )
    assert events["data_deleted-800900@helpdesk.plano-exclusivo"].day == date(2026, 12, 30)
    assert events["leaves_lote-900100@helpdesk.plano-exclusivo"].day == date(2027, 2, 1)
    assert {e.support_id for e in events.values() if e.kind == "renewal"} == {"100200", "300400"}


def test_after_the_notice_deadline_the_next_terms_deadline_and_the_renewal_refund() -> None:
    """Past 02/12/2026 the renewal of 01/01/2027 is charged: refund window and next notice."""
    today = date(2026, 12, 10)
    events = {e.kind: e for e in lote_events([LATE], today)}
    assert events["renewal"].day == date(2027, 1, 1)
    assert events["withdrawal"].day == withdrawal_deadline(date(2027, 1, 1), DEFAULT_CALENDAR)
    shown = next_deadline(LATE, today)  # Meu lote says the same
    assert shown is not None and events["withdrawal"].day == shown.when
    assert events["notice"].day == notice_deadline(date(2028, 1, 1), DEFAULT_CALENDAR)


def test_the_notice_event_agrees_with_meu_lote_on_its_last_day() -> None:
    """On the notice deadline itself the event is still today's, not the next term's."""
    deadline = notice_deadline(date(2027, 6, 1), DEFAULT_CALENDAR)
    shown = next_deadline(ACTIVE_OLD, deadline)
    assert shown is not None and shown.when == deadline
    notice = next(e for e in lote_events([ACTIVE_OLD], deadline) if e.kind == "notice")
    assert notice.day == deadline
    after = next(
        e for e in lote_events([ACTIVE_OLD], deadline + timedelta(days=1)) if e.kind == "notice"
    )
    assert after.day == notice_deadline(date(2028, 6, 1), DEFAULT_CALENDAR)


def test_past_dates_are_left_out() -> None:
    assert lote_events([CANCELLED_LIC], date(2026, 12, 31)) == []
    assert lote_events([MOVING], date(2027, 2, 2)) == []


def test_names_masked_unless_asked() -> None:
    masked = lote_events([ACTIVE_OLD], TODAY)
    assert all("Padaria P. Q. L." in e.summary for e in masked)
    assert not any("Pão Quente" in e.summary + e.description for e in masked)
    full = lote_events([ACTIVE_OLD], TODAY, full_names=True)
    assert all("Padaria Pão Quente Ltda" in e.summary for e in full)


def test_the_file_parses_with_icalendar_all_day_with_alarms_and_links() -> None:
    events = lote_events([ACTIVE_OLD, JUST_BOUGHT, SCHEDULED, CANCELLED_LIC, MOVING], TODAY)
    parsed = icalendar.Calendar.from_ical(to_ics(events, NOW))
    assert parsed["X-WR-TIMEZONE"] == "America/Sao_Paulo"
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["America/Sao_Paulo"]
    vevents = parsed.walk("VEVENT")
    assert len(vevents) == len(events)
    for event, vevent in zip(events, vevents, strict=True):
        assert str(vevent["UID"]) == event.uid
        start = vevent.decoded("DTSTART")
        assert type(start) is date and start == event.day  # all-day
        assert vevent.decoded("DTEND") == event.day + timedelta(days=1)
        assert str(vevent["SUMMARY"]) == event.summary and event.support_id in event.summary
        assert str(vevent["URL"]) == f"helpdesk://artigo/{event.article_id}"
        assert str(vevent["URL"]) in str(vevent["DESCRIPTION"])
        triggers = sorted(alarm.decoded("TRIGGER") for alarm in vevent.walk("VALARM"))
        if event.kind == "notice":
            assert triggers == [timedelta(days=-7), timedelta(days=-1)]
        else:
            assert triggers == []


TEXT_PROPERTIES = ("X-WR-CALNAME", "SUMMARY", "DESCRIPTION", "COMMENT", "LOCATION")
"""Properties whose text a calendar app may show the person."""


def test_the_time_zone_carries_no_english_note_and_still_converts() -> None:
    """icalendar adds "COMMENT:This timezone only works from …" to the zone: it is dropped."""
    data = to_ics(lote_events([ACTIVE_OLD, JUST_BOUGHT, SCHEDULED], TODAY), NOW)
    assert b"This timezone" not in data and b"COMMENT" not in data
    parsed = icalendar.Calendar.from_ical(data)
    shown = [str(c[name]) for c in parsed.walk() for name in TEXT_PROPERTIES if name in c]
    assert shown and not [text for text in shown if re.search(ENGLISH, text, re.IGNORECASE)]
    [zone] = parsed.walk("VTIMEZONE")
    assert isinstance(zone, icalendar.Timezone)
    assert zone["TZID"] == "America/Sao_Paulo" and zone.walk("STANDARD")
    # The zone's own rules (not a lookup of its name): São Paulo today and in a 2000 summer.
    rules = zone.to_tz(lookup_tzid=False)
    assert datetime(2026, 12, 6, 10, tzinfo=rules).utcoffset() == timedelta(hours=-3)
    assert datetime(2000, 1, 15, 10, tzinfo=rules).utcoffset() == timedelta(hours=-2)
    # The second library reads the zone too.
    assert vobject.readOne(data.decode("utf-8")).vtimezone.tzid.value == "America/Sao_Paulo"


ENGLISH = r"\b(this|the|only|works|from|timezone|to)\b"
"""Words of the library's English note (none is a Portuguese word)."""


def test_uids_are_stable_across_exports() -> None:
    """Exporting again later (even after the term rolled over) keeps each event's UID."""
    first = {e.uid for e in lote_events([ACTIVE_OLD], TODAY)}
    assert first == {
        "notice-100200@helpdesk.plano-exclusivo",
        "renewal-100200@helpdesk.plano-exclusivo",
    }
    # A day after the renewal: same UIDs (moved to the new term) plus the new withdrawal window.
    later = {e.uid: e.day for e in lote_events([ACTIVE_OLD], date(2027, 6, 2))}
    assert set(later) == first | {"withdrawal-100200@helpdesk.plano-exclusivo"}
    assert later["renewal-100200@helpdesk.plano-exclusivo"] == date(2028, 6, 1)


def test_a_second_library_reads_the_same_events() -> None:
    events = lote_events([ACTIVE_OLD, JUST_BOUGHT, SCHEDULED], TODAY)
    parsed = vobject.readOne(to_ics(events, NOW).decode("utf-8"))
    read = sorted(
        (v.uid.value, v.dtstart.value, len(getattr(v, "valarm_list", [])))
        for v in parsed.vevent_list
    )
    expected = sorted((e.uid, e.day, len(e.alarm_days)) for e in events)
    assert read == expected


def test_support_ids_with_odd_characters_give_valid_uids() -> None:
    lic = License("AB 12/3", "X", term_start=date(2026, 6, 1), renews_on=date(2027, 6, 1))
    uids = {e.uid for e in lote_events([lic], TODAY)}
    assert uids == {
        "notice-AB_12_3@helpdesk.plano-exclusivo",
        "renewal-AB_12_3@helpdesk.plano-exclusivo",
    }


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
    cycle=st.integers(min_value=1, max_value=36),
    today=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
)
def test_events_never_lie_in_the_past_and_the_notice_comes_before_its_renewal(
    start: date, cycle: int, today: date
) -> None:
    lic = License("1", term_start=start, renews_on=add_months(start, cycle), cycle_months=cycle)
    events = {e.kind: e for e in lote_events([lic], today)}
    assert all(event.day >= today for event in events.values())
    if today >= start:
        assert events["notice"].day >= today
        assert events["renewal"].day > today
    if "withdrawal" in events:
        assert events["withdrawal"].day >= today


@given(st.text(alphabet=st.sampled_from("aé€😀\\,;: x"), max_size=400))
def test_folded_lines_fit_75_octets_and_unfold_to_the_same_text(text: str) -> None:
    line = f"DESCRIPTION:{text}"
    folded = fold_line(line)
    physical = folded.split(b"\r\n")
    assert all(len(piece) <= FOLD_OCTETS for piece in physical)
    assert all(piece.startswith(b" ") for piece in physical[1:])
    assert b"".join(piece[1:] if n else piece for n, piece in enumerate(physical)) == line.encode()
    assert not any(piece.endswith(b"\\") for piece in physical[:-1])
