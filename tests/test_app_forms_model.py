"""The plain-Python parts behind the screens: preview, timeline drawing, rows, saved outcomes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise

from _pilot import NOW, lote_license
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.clock import SAO_PAULO, to_sao_paulo
from helpdesk.licenses import License
from helpdesk.outcome import TimelineEvent, outcome_from_json
from helpdesk.policy import POLICY
from helpdesk.request_kinds import KINDS
from screens.form_model import PLACEHOLDER, initial_text, license_params, preview
from screens.lote_rows import build_rows, urgent_first
from screens.text_filter import fold
from screens.widgets.timeline import axis_positions, relative_text, timeline_content

MOMENT = to_sao_paulo(NOW)


def test_preview_waits_for_the_dates_and_names_them() -> None:
    """Without the dates the rules cannot answer: the panel says which fields it needs."""
    result = preview(KINDS["cancel"], {"support_id": "1"}, MOMENT)
    assert result.outcome is None
    assert result.missing == ("Início da vigência", "Renovação")
    assert not result.complete


def test_an_answer_that_only_adds_a_reminder_does_not_hold_the_outcome_back() -> None:
    """ "Conta PJ?" unanswered: the refund is already previewed, but cannot be sent yet."""
    raw = {"support_id": "1", "term_start": "20/11/2026", "renews_on": "20/11/2027"}
    result = preview(KINDS["refund"], raw, MOMENT)
    assert result.outcome is not None and result.outcome.accepted
    assert "conta_pj" in result.errors and not result.complete


def test_an_answer_that_decides_is_asked_for() -> None:
    """ "Does your office pay?" decides a transfer: no outcome until it is answered."""
    raw = {
        "support_id": "1",
        "term_start": "01/03/2026",
        "renews_on": "01/03/2027",
        "client_email": "a@b.com",
    }
    result = preview(KINDS["transfer"], raw, MOMENT)
    assert result.outcome is None
    assert result.missing == ("Seu escritório paga esta licença?",)


def test_names_not_typed_yet_show_as_a_placeholder() -> None:
    """The substitution is previewed before the new client's name is typed."""
    result = preview(KINDS["substitute"], {"support_id": "1"}, MOMENT)
    assert result.outcome is not None
    assert f"passa para {PLACEHOLDER}" in result.outcome.decision
    assert set(result.errors) == {"new_client_name", "new_client_cnpj"}


def test_contradicting_dates_are_reported_at_the_field() -> None:
    """A renewal before the start is the renewal field's error, and the panel's problem."""
    raw = {
        "support_id": "1",
        "term_start": "01/03/2026",
        "renews_on": "01/02/2026",
        "conta_pj": "nao",
    }
    result = preview(KINDS["cancel"], raw, MOMENT)
    assert result.outcome is None and result.problem is not None
    assert "renews_on" in result.errors or "term_start" in result.errors


def test_a_date_that_does_not_exist_is_invalid_not_missing() -> None:
    """31/02/2026 typed: the panel says it does not exist; only the empty renewal is missing."""
    raw = {"support_id": "1", "term_start": "31/02/2026", "conta_pj": "nao"}
    result = preview(KINDS["cancel"], raw, MOMENT)
    assert result.outcome is None
    assert result.problem == "Início da vigência: a data 31/02/2026 não existe no calendário."
    assert result.missing == ("Renovação",) and result.to_fill == ("Renovação",)
    result = preview(KINDS["cancel"], {**raw, "renews_on": "28/02/2027"}, MOMENT)
    assert result.missing == () and result.to_fill == ()
    assert result.problem == "Início da vigência: a data 31/02/2026 não existe no calendário."
    # The day before does exist (2026 is not a leap year, 28/02 is its last day of February).
    result = preview(KINDS["cancel"], {**raw, "term_start": "28/02/2026"}, MOMENT)
    assert result.problem is None or "não existe" not in result.problem


def test_initial_text_normalises_valid_parameters_and_keeps_bad_ones() -> None:
    """ISO dates from a link become DD/MM/AAAA; a bad value stays for the person to fix."""
    spec = KINDS["cancel"].field("term_start")
    assert initial_text(spec, {"term_start": "2026-03-01"}) == "01/03/2026"
    assert initial_text(spec, {"term_start": "31/02/2026"}) == "31/02/2026"
    assert initial_text(KINDS["cancel"].field("cycle_months"), {}) == str(
        POLICY.default_cycle_months
    )


def test_license_params_use_the_term_running_today() -> None:
    """A license imported with last year's dates fills the form with the current term."""
    lic = lote_license(
        term_start=date(2025, 1, 10), renews_on=date(2026, 1, 10), cnpj="12ABC34501DE35"
    )
    params = license_params(KINDS["cancel"], lic, date(2026, 11, 26))
    assert params["term_start"] == "10/01/2026" and params["renews_on"] == "10/01/2027"
    block = license_params(KINDS["block-conta-pj"], lic, date(2026, 11, 26))
    assert block["cnpj"] == "12.ABC.345/01DE-35"


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31)).map(
    lambda m: m.replace(tzinfo=SAO_PAULO)
)


@given(st.lists(moments, min_size=1, max_size=7), st.integers(min_value=10, max_value=200))
def test_axis_marks_keep_their_order_and_fit(when: list[datetime], width: int) -> None:
    """However the dates fall, marks are in time order, two cells apart, inside the width."""
    events = [TimelineEvent(moment, "x") for moment in sorted(when)]
    positions = axis_positions(events, width)
    assert all(b - a >= 2 for a, b in pairwise(positions))
    assert positions[0] >= 0 and positions[-1] <= max(width - 1, 2 * (len(events) - 1))


def test_timeline_lists_each_event_with_how_far_it_is() -> None:
    """One line per event, with the date and the distance in words."""
    events = [
        TimelineEvent(date(2026, 11, 26), "Hoje", "today"),
        TimelineEvent(date(2026, 12, 3), "Fim do arrependimento", "ok"),
    ]
    text = timeline_content(events, MOMENT, 60).plain
    assert "26/11/2026 Hoje" in text and "03/12/2026 Fim do arrependimento em 7 dias" in text
    assert relative_text(MOMENT + timedelta(hours=10), MOMENT) == "em 10 h"
    assert relative_text(date(2026, 11, 20), MOMENT) == "há 6 dias"


def test_a_saved_outcome_reads_back_for_the_panel() -> None:
    """What the store keeps (``Outcome.to_json``) rebuilds the decision, timeline and rules."""
    raw = {
        "support_id": "1",
        "term_start": "01/03/2026",
        "renews_on": "01/03/2027",
        "conta_pj": "sim",
    }
    outcome = preview(KINDS["cancel"], raw, MOMENT).outcome
    assert outcome is not None
    back = outcome_from_json(outcome.to_json())
    assert back.decision == outcome.decision and back.warnings == outcome.warnings
    assert [(e.day, e.label, e.tone, e.rule) for e in back.timeline] == [
        (e.day, e.label, e.tone, e.rule) for e in outcome.timeline
    ]
    assert any(e.rule for e in back.timeline)  # the § marks survive saving
    assert [r.href for r in back.rules] == [r.href for r in outcome.rules]
    assert back.key_date == outcome.key_date


def test_lote_rows_put_deadlines_within_the_notice_period_first() -> None:
    """Urgent licenses by date, then the others by ID."""
    licenses = [
        License("A", term_start=date(2026, 3, 1), renews_on=date(2027, 3, 1)),
        License("B", term_start=date(2026, 11, 20), renews_on=date(2027, 11, 20)),
        License("C", term_start=date(2026, 1, 1), renews_on=date(2027, 1, 5)),
    ]
    rows = urgent_first(build_rows(licenses, date(2026, 11, 26)))
    assert [row.license.support_id for row in rows] == ["B", "C", "A"]
    assert [row.urgent for row in rows] == [True, True, False]


def test_fold_ignores_case_and_accents() -> None:
    """“joao” finds “João”; “ACAO” finds “ação”."""
    assert fold("João Ação") == "joao acao"
