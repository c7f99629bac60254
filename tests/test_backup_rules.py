"""Backup rules 9–11: the generation window, the next slot, and when downloads are open."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from _rules import RULES_SETTINGS, SP, at
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.backup import (
    allowed_slots,
    describe_download,
    download_available,
    download_pauses_at,
    generation_at,
    next_available_at,
    plan_backup,
    slot_allowed,
)
from helpdesk.business_days import BusinessCalendar
from helpdesk.policy import POLICY

DEFAULT = BusinessCalendar()
WITH_OPTIONAL = BusinessCalendar(optional_days_are_holidays=True)
# Brazil has had no daylight saving time since 2019: from 2020 on, wall time is UTC−3.
MOMENTS = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2059, 12, 31), timezones=st.just(SP)
)
SLOTS = st.times()


# Rule 9: the window 19:00–04:00, both ends included, across midnight.


@pytest.mark.parametrize(
    ("slot", "allowed"),
    [
        (time(18, 59), False),
        (time(19, 0), True),
        (time(23, 59), True),
        (time(0, 0), True),
        (time(4, 0), True),
        (time(4, 1), False),
        (time(12, 0), False),
    ],
)
def test_slot_window(slot: time, allowed: bool) -> None:
    """Edges of the window, computed from the article (19h às 04h)."""
    assert slot_allowed(slot) is allowed


def test_slot_window_reads_the_policy() -> None:
    """The window's ends are the policy's, and the offered slots stay inside it."""
    assert slot_allowed(POLICY.backup_slot_start) and slot_allowed(POLICY.backup_slot_end)
    slots = allowed_slots()
    assert slots[0] == POLICY.backup_slot_start and slots[-1] == POLICY.backup_slot_end
    assert all(slot_allowed(s) for s in slots)
    assert time(0, 0) in slots


@pytest.mark.parametrize("slot", [time(18, 59), time(4, 1)])
def test_plan_refuses_slots_outside_the_window(slot: time) -> None:
    """A refusal carries a Portuguese reason naming the window, and no moment."""
    plan = plan_backup(at("10/03/2026 10:00"), slot)
    assert not plan.schedulable and plan.generation_at is None and plan.download_from is None
    p = POLICY.placeholders()
    assert plan.reason and f"{slot:%H:%M}" in plan.reason
    assert p["backup_slot_start"] in plan.reason and p["backup_slot_end"] in plan.reason
    assert plan.to_json() == {
        "schedulable": False,
        "generation_at": None,
        "download_from": None,
        "reason": plan.reason,
    }


# Rule 10: the next occurrence strictly after now.


@pytest.mark.parametrize(
    ("now", "slot", "expected"),
    [
        ("10/03/2026 10:00", time(19, 0), "10/03/2026 19:00"),
        ("10/03/2026 18:59", time(19, 0), "10/03/2026 19:00"),
        ("10/03/2026 19:00", time(19, 0), "11/03/2026 19:00"),  # now == slot → tomorrow
        ("10/03/2026 23:30", time(0, 0), "11/03/2026 00:00"),
        ("11/03/2026 00:00", time(0, 0), "12/03/2026 00:00"),
        ("10/03/2026 03:59", time(4, 0), "10/03/2026 04:00"),
        ("10/03/2026 04:00", time(4, 0), "11/03/2026 04:00"),
        ("31/12/2026 23:00", time(0, 30), "01/01/2027 00:30"),
    ],
)
def test_generation_at(now: str, slot: time, expected: str) -> None:
    """The slot today if still ahead, else tomorrow; an aware São Paulo moment."""
    result = generation_at(at(now), slot)
    assert result == at(expected)
    assert result.utcoffset() == timedelta(hours=-3)
    assert str(result.tzinfo) == "America/Sao_Paulo"


def test_generation_at_uses_sao_paulo_dates_for_utc_input() -> None:
    """01:30 UTC on the 11th is 22:30 on the 10th in São Paulo: the 23:00 slot is the same night."""
    now = datetime(2026, 3, 11, 1, 30, tzinfo=UTC)
    assert generation_at(now, time(23, 0)) == at("10/03/2026 23:00")
    assert generation_at(now, time(23, 0)).isoformat() == "2026-03-10T23:00:00-03:00"


def test_naive_moments_are_taken_as_sao_paulo_time() -> None:
    """A naive value is local time, not UTC."""
    assert generation_at(datetime(2026, 3, 10, 18, 0), time(19, 0)) == at("10/03/2026 19:00")


def test_plan_on_a_business_night_downloads_at_generation() -> None:
    """Generated at 19:00 on a business day: the download opens at once."""
    plan = plan_backup(at("10/03/2026 10:00"), time(19, 0))
    assert plan.schedulable and plan.reason is None
    assert plan.generation_at == plan.download_from == at("10/03/2026 19:00")
    assert plan.to_json()["generation_at"] == "2026-03-10T19:00:00-03:00"


@pytest.mark.parametrize(
    ("now", "slot", "generated", "download"),
    [
        ("10/03/2026 04:30", time(4, 0), "11/03/2026 04:00", "11/03/2026 04:00"),
        ("10/03/2026 12:00", time(4, 0), "11/03/2026 04:00", "11/03/2026 04:00"),
    ],
)
def test_plan_early_morning_slots(now: str, slot: time, generated: str, download: str) -> None:
    """04:00 is before the blocked hours: the file can be downloaded when generated."""
    plan = plan_backup(at(now), slot)
    assert plan.generation_at == at(generated) and plan.download_from == at(download)


# Rule 11: downloads blocked on business days 05:00 (included) to 19:00 (excluded).


@pytest.mark.parametrize(
    ("moment", "available", "next_at"),
    [
        # Tuesday 10/03/2026, a business day.
        ("10/03/2026 04:59", True, "10/03/2026 04:59"),
        ("10/03/2026 05:00", False, "10/03/2026 19:00"),
        ("10/03/2026 18:59", False, "10/03/2026 19:00"),
        ("10/03/2026 19:00", True, "10/03/2026 19:00"),
        # Good Friday 03/04/2026, a national holiday.
        ("03/04/2026 04:59", True, "03/04/2026 04:59"),
        ("03/04/2026 05:00", True, "03/04/2026 05:00"),
        ("03/04/2026 18:59", True, "03/04/2026 18:59"),
        ("03/04/2026 19:00", True, "03/04/2026 19:00"),
        # Saturday 14/03/2026.
        ("14/03/2026 04:59", True, "14/03/2026 04:59"),
        ("14/03/2026 05:00", True, "14/03/2026 05:00"),
        ("14/03/2026 18:59", True, "14/03/2026 18:59"),
        ("14/03/2026 19:00", True, "14/03/2026 19:00"),
        # Carnival Monday 16/02/2026: a business day by default.
        ("16/02/2026 10:00", False, "16/02/2026 19:00"),
    ],
)
def test_download_availability(moment: str, available: bool, next_at: str) -> None:
    """Each edge of the blocked hours on a business day, a holiday and a weekend."""
    assert download_available(at(moment)) is available
    assert next_available_at(at(moment)) == at(next_at)


def test_carnival_monday_is_open_when_pontos_facultativos_count_as_holidays() -> None:
    """With the setting on, Carnival Monday behaves like a holiday."""
    assert download_available(at("16/02/2026 10:00"), WITH_OPTIONAL)
    assert next_available_at(at("16/02/2026 10:00"), WITH_OPTIONAL) == at("16/02/2026 10:00")


def test_download_reads_the_hours_in_sao_paulo() -> None:
    """13:00 UTC is 10:00 in São Paulo (blocked); 22:00 UTC is 19:00 (open)."""
    assert not download_available(datetime(2026, 3, 10, 13, 0, tzinfo=UTC))
    assert download_available(datetime(2026, 3, 10, 22, 0, tzinfo=UTC))
    assert next_available_at(datetime(2026, 3, 10, 13, 0, tzinfo=UTC)) == at("10/03/2026 19:00")


def test_describe_download_in_portuguese() -> None:
    """The sentence shows DD/MM/AAAA and the reopening hour."""
    assert (
        describe_download(at("14/03/2026 10:00")) == "Download disponível em 14/03/2026 às 10:00."
    )
    text = describe_download(at("10/03/2026 10:00"))
    assert "indisponível" in text and "10/03/2026 às 19:00" in text


# Properties.


@RULES_SETTINGS
@given(MOMENTS, st.booleans())
def test_next_available_at_is_never_blocked_nor_before_t(moment: datetime, optional: bool) -> None:
    """The answer is open for download, not earlier than ``t``, and the same day."""
    cal = BusinessCalendar(optional_days_are_holidays=optional)
    result = next_available_at(moment, cal)
    assert download_available(result, cal)
    assert result >= moment and result.date() == moment.date()
    assert (result == moment) is download_available(moment, cal)
    local = result.time()
    if cal.is_business_day(result.date()):
        assert not POLICY.download_blocked_from <= local < POLICY.download_blocked_until


@RULES_SETTINGS
@given(MOMENTS, SLOTS)
def test_generation_at_is_within_the_next_day(now: datetime, slot: time) -> None:
    """Strictly after now, at most a day later, at the slot's wall-clock time.

    Exactly one day later only when ``now`` is the slot itself (the slot has just passed).
    """
    result = generation_at(now, slot)
    assert now < result <= now + timedelta(days=1)
    assert (result == now + timedelta(days=1)) is (now.time() == slot)
    assert result.astimezone(UTC) - now.astimezone(UTC) <= timedelta(days=1)
    assert result.time() == slot and result.tzinfo is not None


@RULES_SETTINGS
@given(MOMENTS, SLOTS)
def test_plans_are_schedulable_exactly_inside_the_window(now: datetime, slot: time) -> None:
    """Schedulable iff the slot is allowed; then the download opens at a free moment."""
    plan = plan_backup(now, slot)
    assert plan.schedulable is slot_allowed(slot)
    if plan.schedulable:
        assert plan.generation_at is not None and plan.download_from is not None
        assert plan.download_from >= plan.generation_at
        assert download_available(plan.download_from)


# When an open download pauses: 05:00 of the next business day reached (the file is not gone; the
# download reopens at 19:00).


@pytest.mark.parametrize(
    ("moment", "pauses"),
    [
        ("07/12/2026 02:00", "07/12/2026 05:00"),  # Monday before the pause: the same morning
        ("07/12/2026 04:59", "07/12/2026 05:00"),
        ("07/12/2026 19:00", "08/12/2026 05:00"),  # reopened: the next morning
        ("11/12/2026 23:00", "14/12/2026 05:00"),  # Friday night: over the weekend
        ("12/12/2026 04:00", "14/12/2026 05:00"),  # Saturday: no pause that day
        ("24/12/2026 20:00", "28/12/2026 05:00"),  # Christmas, then the weekend
    ],
)
def test_download_pauses_at_the_next_business_mornings_five(moment: str, pauses: str) -> None:
    assert download_pauses_at(at(moment), DEFAULT) == at(pauses)


@RULES_SETTINGS
@given(MOMENTS)
def test_download_is_open_from_a_free_moment_until_it_pauses(moment: datetime) -> None:
    start = next_available_at(moment, DEFAULT)
    pauses = download_pauses_at(start, DEFAULT)
    assert pauses > start
    assert download_available(pauses - timedelta(minutes=1), DEFAULT)
    assert not download_available(pauses, DEFAULT)


@pytest.mark.parametrize(
    ("now", "slot", "scheduled"),
    [
        # The tryout's case: Sunday morning for 19:30, the same evening.
        ("06/12/2026 10:00", time(19, 30), "06/12/2026 às 19:30"),
        # At the slot's minute it is tomorrow's (a business Monday); a minute before, today's.
        ("06/12/2026 02:00", time(2, 0), "07/12/2026 às 02:00"),
        ("06/12/2026 01:59", time(2, 0), "06/12/2026 às 02:00"),
    ],
)
def test_the_backup_outcome_states_the_policy_and_marks_the_apps_reading(
    now: str, slot: time, scheduled: str
) -> None:
    """No moment is promised for the file: the policy gives the e-mail and the download pause;
    the one moment the outcome names is the scheduled slot, said as the app's reading."""
    from helpdesk.evaluators import evaluate_backup

    outcome = evaluate_backup({"slot": slot}, at(now), DEFAULT)
    everything = " ".join((outcome.decision, *outcome.warnings, *outcome.reasons))
    assert "fica pronto em" not in everything and "download a partir" not in everything
    assert outcome.decision.startswith("Agende na Conta Azul Pro do cliente a geração do backup")
    assert outcome.warnings == (
        "O arquivo é gerado automaticamente fora do horário comercial; o e-mail “Seu backup já "
        "está disponível” avisa quando ele puder ser baixado.",
        "Em dias úteis o download fica indisponível das 05h às 19h.",
        f"Pela leitura do app, o horário agendado chega em {scheduled}. Quando o arquivo fica "
        "pronto a política não diz: vale o e-mail.",
    )
    labels = [event.label for event in outcome.timeline]
    assert labels == ["Agendar na Conta Azul", "Horário agendado"]
