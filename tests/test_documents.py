"""What people type: CNPJ (numeric and alphanumeric), e-mail, ID Suporte, dates and hours."""

from __future__ import annotations

import string
import unicodedata
from datetime import date, datetime, time

import pytest
from _rules import RULES_SETTINGS, cnpj_check_digits
from hypothesis import assume, given
from hypothesis import strategies as st

from helpdesk.documents import (
    SUPPORT_ID_MAX,
    format_cnpj,
    format_date,
    format_moment,
    mask_cnpj,
    mask_name,
    normalize_cnpj,
    normalize_email,
    normalize_support_id,
    normalize_text,
    parse_date,
    parse_hour,
    parse_moment,
    parse_yes_no,
)
from helpdesk.errors import InputError

CNPJ_BODY = st.text(alphabet=string.digits + string.ascii_uppercase, min_size=12, max_size=12)


def error_of(function: object, *args: str) -> InputError:
    """The InputError raised by ``function(*args)``."""
    with pytest.raises(InputError) as caught:
        function(*args)  # type: ignore[operator]
    return caught.value


# CNPJ.


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("11.222.333/0001-81", "11222333000181"),  # the classic numeric example
        ("11222333000181", "11222333000181"),
        (" 11 222 333 0001 81 ", "11222333000181"),
        ("12.ABC.345/01DE-35", "12ABC34501DE35"),  # the Receita's alphanumeric example
        ("12ABC34501DE35", "12ABC34501DE35"),
        ("12.abc.345/01de-35", "12ABC34501DE35"),  # lower case
        ("12abc34501De35", "12ABC34501DE35"),
    ],
)
def test_valid_cnpjs_are_stored_unmasked_upper_case(typed: str, stored: str) -> None:
    """Mask or no mask, any case: the stored value is 14 upper-case characters."""
    assert normalize_cnpj(typed) == stored


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("11.222.333/0001-82", "dígitos verificadores"),
        ("11.222.333/0001-18", "dígitos verificadores"),
        ("12.ABC.345/01DE-36", "dígitos verificadores"),
        ("12.ABC.345/01DF-35", "dígitos verificadores"),
        ("00.000.000/0000-00", "todos os caracteres iguais"),
        ("11111111111111", "todos os caracteres iguais"),
        ("1122233300018", "14 caracteres"),
        ("112223330001810", "14 caracteres"),
        ("12.ABC.345/01DE-3A", "letras e números"),
        ("12.ABC.345/01DÉ-35", "letras e números"),
        ("11_222_333_0001_81", "14 caracteres"),
        ("", "informe o CNPJ"),
        (" ./- ", "informe o CNPJ"),
    ],
)
def test_invalid_cnpjs_name_the_field_and_the_problem(typed: str, says: str) -> None:
    """Each error names the field (the caller's label) and says what is wrong."""
    error = error_of(lambda text: normalize_cnpj(text, "CNPJ do cliente"), typed)
    assert error.field == "CNPJ do cliente"
    assert says in error.message


def test_cnpj_display_and_list_masks() -> None:
    """Shown with the mask; in lists (LGPD) the root is hidden."""
    assert format_cnpj("12ABC34501DE35") == "12.ABC.345/01DE-35"
    assert format_cnpj("11222333000181") == "11.222.333/0001-81"
    assert mask_cnpj("12ABC34501DE35") == "12.•••.•••/01DE-35"
    assert "ABC" not in mask_cnpj("12ABC34501DE35")
    assert format_cnpj("123") == "123"
    assert mask_cnpj("123") == "•••"


@RULES_SETTINGS
@given(CNPJ_BODY)
def test_any_body_with_its_check_digits_is_valid(body: str) -> None:
    """Digits computed by an independent oracle validate; all-equal strings are refused."""
    cnpj = body + cnpj_check_digits(body)
    assume(len(set(cnpj)) > 1)
    assert normalize_cnpj(cnpj) == cnpj
    assert normalize_cnpj(format_cnpj(cnpj)) == cnpj
    assert normalize_cnpj(format_cnpj(cnpj).lower()) == cnpj


@RULES_SETTINGS
@given(CNPJ_BODY, st.sampled_from([12, 13]), st.integers(1, 9))
def test_changing_a_check_digit_breaks_the_cnpj(body: str, position: int, delta: int) -> None:
    """Any other value in either check digit is refused."""
    cnpj = body + cnpj_check_digits(body)
    wrong = str((int(cnpj[position]) + delta) % 10)
    broken = cnpj[:position] + wrong + cnpj[position + 1 :]
    with pytest.raises(InputError):
        normalize_cnpj(broken)


@RULES_SETTINGS
@given(st.text(max_size=30))
def test_cnpj_never_fails_with_anything_but_input_error(text: str) -> None:
    """Arbitrary text either validates to 14 upper-case characters or raises InputError."""
    try:
        value = normalize_cnpj(text)
    except InputError as error:
        assert error.field == "CNPJ" and error.message
    else:
        assert len(value) == 14 and value == value.upper()


# E-mail.


@pytest.mark.parametrize(
    "email",
    [
        "ana@escritorio.com.br",
        " ana.silva+lote@contabil.com ",
        "a@b.co",
        "x_y-z@sub-dom.example.org",
    ],
)
def test_valid_emails_are_trimmed(email: str) -> None:
    """A sane syntactic check; the value comes back trimmed."""
    assert normalize_email(email) == email.strip()


@pytest.mark.parametrize(
    "email",
    [
        "ana",
        "ana@",
        "@escritorio.com",
        "ana@escritorio",
        "ana@@escritorio.com",
        "ana silva@escritorio.com",
        "ana..silva@escritorio.com",
        ".ana@escritorio.com",
        "ana.@escritorio.com",
        "ana@-escritorio.com",
        "ana@escritorio..com",
        "ana@escritorio.com\nbcc@x.com",
        "ana@" + "a" * 250 + ".com",
    ],
)
def test_invalid_emails_are_refused(email: str) -> None:
    """The error names the field and shows the expected format."""
    error = error_of(normalize_email, email)
    assert error.field == "E-mail"
    assert "nome@empresa.com.br" in error.message


def test_empty_email_asks_for_it() -> None:
    """An empty value is a missing value."""
    assert error_of(normalize_email, "  ").message == "informe o e-mail."


def test_name_masks() -> None:
    """Lists show only the first name and the initials."""
    assert mask_name("Maria da Silva Souza") == "Maria d. S. S."
    assert mask_name("   ") == ""


# ID Suporte.


def test_support_id_is_trimmed() -> None:
    """Spaces and line breaks around a pasted ID are dropped; inner spaces are kept."""
    assert normalize_support_id("  123456 \n") == "123456"
    assert normalize_support_id("\tABC 42") == "ABC 42"


def test_support_id_length_limit() -> None:
    """64 characters is the maximum; 65 is refused, counted after trimming."""
    assert normalize_support_id("x" * SUPPORT_ID_MAX) == "x" * 64
    assert normalize_support_id(" " + "x" * 64 + " ") == "x" * 64
    error = error_of(normalize_support_id, "x" * 65)
    assert error.field == "ID Suporte" and "64" in error.message


@pytest.mark.parametrize(
    "text", ["12\x0034", "12\x0734", "12\n34", "12\t34", "12\x1b[31m34", "1\u200b2"]
)
def test_support_id_refuses_control_characters(text: str) -> None:
    """Control (and invisible format) characters inside the ID are refused."""
    error = error_of(normalize_support_id, text)
    assert error.field == "ID Suporte" and "controle" in error.message


def test_empty_support_id_asks_for_it() -> None:
    """Blank input is a missing ID."""
    assert "informe o ID Suporte" in error_of(normalize_support_id, " \t ").message


@RULES_SETTINGS
@given(st.text(max_size=80))
def test_support_id_accepts_exactly_trimmed_printable_text(text: str) -> None:
    """Accepted values are the trimmed input, 1–64 characters, with no control character."""
    try:
        value = normalize_support_id(text)
    except InputError as error:
        assert error.field == "ID Suporte"
    else:
        assert value == text.strip() and 1 <= len(value) <= SUPPORT_ID_MAX
        assert not any(unicodedata.category(ch) == "Cc" for ch in value)


def test_free_text_collapses_spaces_and_checks_length() -> None:
    """Free text is trimmed, inner runs of spaces collapse, and length is limited."""
    assert normalize_text("  muito   caro \n", "Motivo") == "muito caro"
    assert normalize_text("", "Motivo", required=False) == ""
    assert error_of(lambda t: normalize_text(t, "Motivo"), "").field == "Motivo"
    assert "10" in error_of(lambda t: normalize_text(t, "Motivo", max_length=10), "x" * 11).message


# Dates and hours.


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10/03/2026", date(2026, 3, 10)),
        ("1/3/2026", date(2026, 3, 1)),
        (" 29/02/2028 ", date(2028, 2, 29)),
        ("2026-03-10", date(2026, 3, 10)),
    ],
)
def test_dates_in_brazilian_and_iso_form(typed: str, expected: date) -> None:
    """DD/MM/AAAA, and AAAA-MM-DD where ISO is allowed (the default, used by the CLI)."""
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31/02/2026", "não existe no calendário"),
        ("29/02/2027", "não existe no calendário"),
        ("2026-02-30", "não existe no calendário"),
        ("00/01/2026", "não existe no calendário"),
        ("10/13/2026", "não existe no calendário"),
        ("10/03/26", "data inválida"),
        ("2026/03/10", "data inválida"),
        ("10-03-2026", "data inválida"),
        ("amanhã", "data inválida"),
        ("١٠/٠٣/٢٠٢٦", "data inválida"),  # Arabic-Indic digits
        ("10/03/0202", "fora do intervalo"),
        ("", "informe a data"),
    ],
)
def test_bad_dates_name_the_field(typed: str, says: str) -> None:
    """Impossible or malformed dates raise InputError with the field and the reason."""
    error = error_of(lambda text: parse_date(text, "Renovação"), typed)
    assert error.field == "Renovação" and says in error.message


def test_iso_can_be_refused_where_only_people_type() -> None:
    """With ``allow_iso=False`` only DD/MM/AAAA is accepted, and the message says so."""
    error = error_of(lambda text: parse_date(text, "Data", allow_iso=False), "2026-03-10")
    assert "DD/MM/AAAA" in error.message and "AAAA-MM-DD" not in error.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("19:00", time(19, 0)),
        ("04:00", time(4, 0)),
        ("7:05", time(7, 5)),
        ("19h", time(19, 0)),
        ("19h30", time(19, 30)),
        (" 23:59 ", time(23, 59)),
        ("00:00", time(0, 0)),
    ],
)
def test_hours(typed: str, expected: time) -> None:
    """HH:MM, also the Brazilian 19h and 19h30."""
    assert parse_hour(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "19:60", "1900", "19:", "19:0", "7", "", "noite"])
def test_bad_hours(typed: str) -> None:
    """Every malformed or impossible hour names the field."""
    assert error_of(lambda text: parse_hour(text, "Horário da geração"), typed).field == (
        "Horário da geração"
    )


def test_moments() -> None:
    """ISO with ``T`` or a space, or DD/MM/AAAA HH:MM: a naive local moment."""
    expected = datetime(2026, 3, 10, 19, 0)
    assert parse_moment("2026-03-10T19:00") == expected
    assert parse_moment("2026-03-10 19:00") == expected
    assert parse_moment("10/03/2026 19:00") == expected
    for bad in ("2026-03-10", "2026-03-10T25:00", "31/02/2026 10:00", "x"):
        assert error_of(lambda text: parse_moment(text, "--at"), bad).field == "--at"


def test_yes_no() -> None:
    """sim/não in their usual spellings."""
    assert all(parse_yes_no(t, "Conta PJ") for t in ("sim", "S", " Sim ", "yes", "1"))
    assert not any(parse_yes_no(t, "Conta PJ") for t in ("não", "nao", "N", "NÃO", "0"))
    assert error_of(lambda text: parse_yes_no(text, "Conta PJ"), "talvez").field == "Conta PJ"


def test_display_formats() -> None:
    """Dates as DD/MM/AAAA, moments with "às"."""
    assert format_date(date(2026, 3, 1)) == "01/03/2026"
    assert format_moment(datetime(2026, 3, 10, 19, 5)) == "10/03/2026 às 19:05"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("22112026", date(2026, 11, 22)),
        ("01032027", date(2027, 3, 1)),
        ("29022028", date(2028, 2, 29)),
    ],
)
def test_dates_typed_without_slashes(typed: str, expected: date) -> None:
    assert parse_date(typed, "Data") == expected


@pytest.mark.parametrize("typed", ["2211202", "221120260", "31022026"])
def test_dates_without_slashes_still_checked(typed: str) -> None:
    with pytest.raises(InputError):
        parse_date(typed, "Data")
