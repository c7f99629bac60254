"""The refund window a renewal opens: rules, CLI JSON, submit, Meu lote and the cancel form agree."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from _pilot import SIZE, make_app, panel_text, seed_licenses
from _rules import RULES_SETTINGS
from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Button

from helpdesk.business_days import BusinessCalendar
from helpdesk.compose.cli import main
from helpdesk.licenses import License, next_deadline
from helpdesk.renewal import add_months, evaluate_cancellation, withdrawal_deadline
from screens.forms import FormScreen

DEFAULT = BusinessCalendar()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``helpdesk`` in-process: exit code, stdout, stderr."""
    try:
        code = main(list(args))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def rules_json(capsys: pytest.CaptureFixture[str], today: str, start: str, renews: str) -> Any:
    """``rules cancel --json`` for DD/MM/AAAA dates."""
    code, out, err = run(
        capsys, "rules", "cancel", "--today", today, "--term-start", start, "--renews-on", renews,
        "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    return json.loads(out)


# The edges, computed by hand from the 2027 calendar.


@pytest.mark.parametrize(
    ("today", "start", "renews", "until"),
    [
        # renewal Tue 15/06/2027 + 7 = Tue 22/06: no shift
        ("20/05/2027", "15/06/2026", "15/06/2027", "2027-06-22"),
        # renewal Sat 06/03/2027 + 7 = Sat 13/03 → Mon 15/03
        ("10/02/2027", "06/03/2026", "06/03/2027", "2027-03-15"),
        # renewal Wed 14/04/2027 + 7 = Wed 21/04, Tiradentes → Thu 22/04
        ("01/04/2027", "14/04/2026", "14/04/2027", "2027-04-22"),
        # renewal Fri 25/12/2026 + 7 = Fri 01/01/2027, Confraternização → Mon 04/01
        ("20/12/2026", "25/12/2025", "25/12/2026", "2027-01-04"),
        # the renewal is today: the window runs from today
        ("15/06/2027", "15/06/2026", "15/06/2027", "2027-06-22"),
    ],
)
def test_rules_cancel_json_carries_the_window_when_the_renewal_is_charged(
    capsys: pytest.CaptureFixture[str], today: str, start: str, renews: str, until: str
) -> None:
    """Late: the renewal is charged and its refund may be asked until ``until``."""
    data = rules_json(capsys, today, start, renews)
    assert data["charged_at_next_renewal"] is True
    assert data["refund_after_renewal_until"] == until


@pytest.mark.parametrize(
    ("today", "start", "renews"),
    [
        ("14/05/2027", "15/06/2026", "15/06/2027"),  # the last day of the notice: on time
        ("18/06/2026", "15/06/2026", "15/06/2027"),  # inside the first withdrawal period
    ],
)
def test_the_window_is_null_when_the_renewal_is_not_charged(
    capsys: pytest.CaptureFixture[str], today: str, start: str, renews: str
) -> None:
    data = rules_json(capsys, today, start, renews)
    assert data["charged_at_next_renewal"] is False
    assert data["refund_after_renewal_until"] is None


@st.composite
def terms(draw: st.DrawFn) -> tuple[date, date, date, int]:
    """``(today, start, renews, cycle)`` of any valid term, the renewal day included."""
    start = draw(st.dates(min_value=date(2001, 1, 1), max_value=date(2058, 1, 1)))
    cycle = draw(st.sampled_from([1, 3, 6, 12, 24]))
    renews = add_months(start, cycle)
    today = start + timedelta(days=draw(st.integers(0, (renews - start).days)))
    return today, start, renews, cycle


@RULES_SETTINGS
@given(terms())
def test_the_window_is_the_withdrawal_rule_applied_to_the_renewal(
    term: tuple[date, date, date, int],
) -> None:
    """Set exactly when the renewal is charged; then it is renewal + 7 days, next business day."""
    today, start, renews, cycle = term
    t = evaluate_cancellation(today, start, renews, cycle)
    if t.charged_at_next_renewal:
        assert t.refund_after_renewal_until == withdrawal_deadline(renews, DEFAULT)
        assert t.refund_after_renewal_until >= renews + timedelta(days=7)
    else:
        assert t.refund_after_renewal_until is None


@RULES_SETTINGS
@given(terms())
def test_meu_lote_shows_the_same_window(term: tuple[date, date, date, int]) -> None:
    """Meu lote's "estorno da renovação até" is the cancel outcome's date (one function)."""
    today, start, renews, cycle = term
    if today == renews:
        return  # on the renewal day Meu lote already reads the new term
    lic = License(support_id="1", term_start=start, renews_on=renews, cycle_months=cycle)
    t = evaluate_cancellation(today, start, renews, cycle)
    deadline = next_deadline(lic, today)
    assert deadline is not None
    if t.charged_at_next_renewal:
        assert (deadline.when, deadline.label) == (
            t.refund_after_renewal_until,
            "estorno da renovação até",
        )
    else:
        assert deadline.label != "estorno da renovação até"


def test_submit_cancel_json_carries_the_window_and_the_alternative(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "dados" / "helpdesk.json")
    monkeypatch.setenv("HELPDESK_NOW", "2027-05-20T10:00")
    code, out, err = run(
        capsys, "--db", db, "submit", "cancel", "--support-id", "4455",
        "--term-start", "15/06/2026", "--renews-on", "15/06/2027", "--conta-pj", "nao", "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    outcome = json.loads(out)["outcome"]
    assert outcome["refund_after_renewal_until"] == "2027-06-22"
    assert outcome["alternative"] == "refund"
    assert outcome["alternative_fields"] == {"term_start": "15/06/2027", "renews_on": "15/06/2028"}
    assert "De 15/06/2027 até 22/06/2027, você pode pedir o estorno" in outcome["decision"]
    labels = [(e["when"], e["label"]) for e in outcome["timeline"]]
    assert ("2027-06-22", "Estorno da renovação até") in labels


def test_submit_cancel_on_time_has_a_null_window(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "dados" / "helpdesk.json")
    monkeypatch.setenv("HELPDESK_NOW", "2027-05-14T10:00")
    code, out, _ = run(
        capsys, "--db", db, "submit", "cancel", "--support-id", "4455",
        "--term-start", "15/06/2026", "--renews-on", "15/06/2027", "--conta-pj", "nao", "--json",
    )  # fmt: skip
    assert code == 0
    outcome = json.loads(out)["outcome"]
    assert outcome["refund_after_renewal_until"] is None and "alternative" not in outcome


def test_a_refund_before_the_renewal_says_when_to_ask(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refund of a renewal still ahead is refused (exit 3), naming its window; nothing saved."""
    db = str(tmp_path / "dados" / "helpdesk.json")
    monkeypatch.setenv("HELPDESK_NOW", "2027-05-20T10:00")
    code, out, err = run(
        capsys, "--db", db, "submit", "refund", "--support-id", "4455",
        "--term-start", "15/06/2027", "--renews-on", "15/06/2028", "--conta-pj", "nao",
    )  # fmt: skip
    assert (code, out) == (3, "")
    assert "cobrada em 15/06/2027. Peça de 15/06/2027 até 22/06/2027." in err
    code, out, _ = run(capsys, "--db", db, "requests", "--json")
    assert json.loads(out) == []


async def test_the_cancel_form_offers_the_renewal_refund_prefilled(db_path: Path) -> None:
    """Late cancel → window in the panel and timeline → "Em vez disso" opens the refund, dated."""
    # NOW is 26/11/2026; the notice for a renewal on 15/12/2026 ended on Fri 13/11.
    seed_licenses(
        db_path,
        License(
            support_id="7001",
            client="Mercado Bom Preço",
            term_start=date(2025, 12, 15),
            renews_on=date(2026, 12, 15),
        ),
    )
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("cancel", {"support_id": "7001"})
        await pilot.pause()
        await pilot.press("ctrl+l")  # nothing else typed: pick from the lote
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        text = panel_text(app)
        assert "a renovação será cobrada em 15/12/2026" in text
        assert "De 15/12/2026 até 22/12/2026, você pode pedir o estorno dessa renovação" in text
        assert "22/12/2026 Estorno da renovação até" in text
        assert "15/11 é domingo: o app considera o dia útil anterior, 13/11" in text
        button = app.screen.query_one("#outcome-alternative", Button)
        assert button.display and "Pedir estorno (datas da renovação)" in str(button.label)
        button.press()
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "refund"
        raw = app.screen.raw()
        assert (raw["support_id"], raw["term_start"], raw["renews_on"]) == (
            "7001",
            "15/12/2026",
            "15/12/2027",
        )
        text = panel_text(app)
        assert "ainda não pode ser pedido" in text and "Peça de 15/12/2026 até 22/12/2026" in text
        await pilot.pause()


async def test_on_the_renewal_day_the_refund_can_be_asked_at_once(db_path: Path) -> None:
    """Renewal today (NOW, 26/11/2026): the alternative refund form is accepted straight away."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(
            "cancel",
            {
                "support_id": "7002",
                "term_start": "26/11/2025",
                "renews_on": "26/11/2026",
                "conta_pj": "nao",
            },
        )
        await pilot.pause()
        assert "a renovação será cobrada hoje" in panel_text(app)
        app.screen.query_one("#outcome-alternative", Button).press()
        await pilot.pause()
        assert app.screen.kind_id == "refund"  # type: ignore[attr-defined]
        assert "Estorno possível" in panel_text(app)
        await pilot.pause()
