"""A license's fields: each one's rule, the renewal that must fit start + cycle, and the differences."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.errors import InputError
from helpdesk.fields import format_value
from helpdesk.license_fields import differences, license_errors, license_text, parse_license
from helpdesk.licenses import License
from helpdesk.lote_import import preview_import, preview_lines
from helpdesk.renewal import add_months, check_renewal_fits, expected_renewal

GOOD = {
    "support_id": " 123456 ",
    "client": "Padaria  Exemplo Ltda",
    "cnpj": "12.abc.345/01de-35",
    "email": "",
    "term_start": "31/01/2026",
    "renews_on": "28/02/2026",
    "cycle_months": "1",
    "conta_pj": "",
}


def test_a_good_license_parses_with_defaults() -> None:
    lic = parse_license(GOOD)
    assert lic == License(
        "123456",
        "Padaria Exemplo Ltda",
        "12ABC34501DE35",
        "",
        date(2026, 1, 31),
        date(2026, 2, 28),
        1,
        False,
    )
    assert license_errors(GOOD) == {}


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("support_id", "  ", "support_id"),
        ("client", "", "client"),
        ("cnpj", "11.222.333/0001-82", "cnpj"),
        ("email", "fulano@", "email"),
        ("term_start", "30/02/2026", "term_start"),
        ("renews_on", "01/03/2026", "renews_on"),
        ("cycle_months", "0", "cycle_months"),
        ("conta_pj", "talvez", "conta_pj"),
    ],
)
def test_each_field_reports_its_own_error(name: str, value: str, field: str) -> None:
    errors = license_errors({**GOOD, name: value})
    assert set(errors) == {field}
    with pytest.raises(InputError):
        parse_license({**GOOD, name: value})


@pytest.mark.parametrize(
    ("start", "cycle", "renewal"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),  # leap year
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 3, 1), 12, date(2027, 3, 1)),
        (date(2026, 12, 15), 60, date(2031, 12, 15)),
    ],
)
def test_renewal_fits_start_plus_cycle_on_month_edges(
    start: date, cycle: int, renewal: date
) -> None:
    assert expected_renewal(start, cycle) == renewal
    check_renewal_fits(start, renewal, cycle)
    for wrong in (renewal.replace(day=1) if renewal.day > 1 else renewal.replace(day=2),):
        with pytest.raises(InputError) as caught:
            check_renewal_fits(start, wrong, cycle)
        assert caught.value.field == "Renovação"
        assert renewal.strftime("%d/%m/%Y") in caught.value.message


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    cycle=st.integers(min_value=1, max_value=60),
)
def test_the_typed_text_of_a_license_parses_back_to_it(start: date, cycle: int) -> None:
    lic = License(
        "A-1",
        "Cliente",
        "11222333000181",
        "a@b.com.br",
        start,
        add_months(start, cycle),
        cycle,
        True,
    )
    assert parse_license(license_text(lic)) == lic


def test_differences_name_each_field_with_before_and_after() -> None:
    old = parse_license(GOOD)
    new = replace(old, client="Outro", conta_pj=True)
    assert [(c.name, c.before, c.after) for c in differences(old, new)] == [
        ("client", "Padaria Exemplo Ltda", "Outro"),
        ("conta_pj", format_value(False), format_value(True)),
    ]
    assert differences(old, replace(old, status="cancelada")) == []  # status is never imported


def test_preview_sorts_new_changed_unchanged_missing_and_conflicts() -> None:
    a, b, c = (
        License(sid, "Cliente " + sid, term_start=date(2026, 3, 1), renews_on=date(2027, 3, 1))
        for sid in "ABC"
    )
    incoming = [replace(a, client="Mudou"), b, License("D", "Nova")]
    preview = preview_import(
        [a, b, c], incoming, {"A": ["HD-2026-000001"], "B": ["HD-2026-000002"]}
    )
    assert [lic.support_id for lic in preview.new] == ["D"]
    assert [(i.license.support_id, i.open_requests) for i in preview.changed] == [
        ("A", ("HD-2026-000001",))
    ]
    assert preview.unchanged == ("B",) and preview.missing == ("C",)
    assert [i.license.support_id for i in preview.conflicts] == ["A"]
    assert [lic.support_id for lic in preview.writes] == ["D", "A"]
    lines = preview_lines(preview)
    assert lines[0] == "⚠ A (pedido aberto HD-2026-000001): Cliente Cliente A → Mudou"
    assert "C: não está no arquivo (fica no lote)" in lines


@given(
    stored=st.sets(st.sampled_from("ABCDEFG")),
    incoming=st.sets(st.sampled_from("ABCDEFG")),
    changed=st.sets(st.sampled_from("ABCDEFG")),
)
def test_preview_accounts_for_every_license_once(
    stored: set[str], incoming: set[str], changed: set[str]
) -> None:
    def lic(sid: str, client: str = "X") -> License:
        return License(sid, client)

    preview = preview_import(
        [lic(s) for s in stored], [lic(s, "Y" if s in changed else "X") for s in incoming], {}
    )
    new = {x.support_id for x in preview.new}
    moved = {x.license.support_id for x in preview.changed}
    same = set(preview.unchanged)
    assert new == incoming - stored
    assert moved == (incoming & stored & changed)
    assert same == (incoming & stored) - changed
    assert set(preview.missing) == stored - incoming


@pytest.mark.parametrize(
    ("today", "refused"), [(date(2026, 1, 31), False), (date(2026, 1, 30), True)]
)
def test_a_term_starting_after_today_is_refused_at_its_field(today: date, refused: bool) -> None:
    """The start 31/01/2026 is fine that day, not the day before (the rule requests apply)."""
    errors = license_errors(GOOD, today)
    if not refused:
        assert errors == {}
        assert parse_license(GOOD, today).term_start == date(2026, 1, 31)
        return
    assert errors == {
        "term_start": "o início da vigência (31/01/2026) não pode estar no futuro (hoje é "
        "30/01/2026): inclua a licença no lote a partir desse dia."
    }
    with pytest.raises(InputError) as caught:
        parse_license(GOOD, today)
    assert caught.value.field == "Início da vigência"
