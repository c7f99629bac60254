"""Validation and display of what people type: CNPJ, e-mail, ID Suporte, dates and hours."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time

from helpdesk.errors import InputError
from helpdesk.text_safety import has_unsafe

CNPJ_LENGTH = 14
_CNPJ_MASK_CHARS = re.compile(r"[.\-/\s]")
_CNPJ_BODY = re.compile(r"[0-9A-Z]{12}[0-9]{2}")
_CNPJ_WEIGHTS_1 = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_CNPJ_WEIGHTS_2 = (6, *_CNPJ_WEIGHTS_1)
_EMAIL_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_EMAIL_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# Dots only between atoms of the user part (no leading, trailing or doubled dot), as RFC 5322 asks.
_EMAIL = re.compile(
    rf"{_EMAIL_ATOM}(?:\.{_EMAIL_ATOM})*@{_EMAIL_LABEL}(?:\.{_EMAIL_LABEL})+", re.ASCII
)
# ``re.ASCII`` and ``fullmatch``: ``\d`` would otherwise take any Unicode digit and ``$`` a final
# line break.
_BR_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_BR_DATE_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4})", re.ASCII)
"""DDMMAAAA: how many people type a date on a numeric keypad, without the slashes."""
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_HOUR = re.compile(r"(\d{1,2})(?::(\d{2})|h(\d{2})?)", re.ASCII)
SUPPORT_ID_MAX = 64
TEXT_MAX = 200
"""Longest free text (a reason, a client's name) a field takes, in characters."""
DATE_YEARS = range(1900, 2200)
"""Years a typed date may have: wide enough for any contract, narrow enough to catch typos (0202)."""


def _cnpj_check_digit(chars: str, weights: tuple[int, ...]) -> int:
    """One CNPJ check digit: each character is worth its ASCII code minus 48 (Receita's rule)."""
    total = sum((ord(char) - 48) * weight for char, weight in zip(chars, weights, strict=True))
    remainder = total % 11
    return 0 if remainder < 2 else 11 - remainder


def normalize_cnpj(text: str, field: str = "CNPJ") -> str:
    """Validate a CNPJ (numeric or alphanumeric, masked or not, any case); return it unmasked, upper."""
    value = _CNPJ_MASK_CHARS.sub("", text).upper()
    if not value:
        raise InputError(field, "informe o CNPJ.")
    if len(value) != CNPJ_LENGTH:
        raise InputError(
            field, f"o CNPJ tem {CNPJ_LENGTH} caracteres; foram informados {len(value)}."
        )
    if not _CNPJ_BODY.fullmatch(value):
        raise InputError(
            field, "use letras e números nas 12 primeiras posições e números nos 2 dígitos finais."
        )
    if len(set(value)) == 1:
        raise InputError(field, "CNPJ inválido (todos os caracteres iguais).")
    first = _cnpj_check_digit(value[:12], _CNPJ_WEIGHTS_1)
    second = _cnpj_check_digit(value[:12] + str(first), _CNPJ_WEIGHTS_2)
    if value[12:] != f"{first}{second}":
        raise InputError(field, "os dígitos verificadores não conferem; confira o CNPJ.")
    return value


def format_cnpj(value: str) -> str:
    """Show an unmasked CNPJ with its mask: ``12.ABC.345/01DE-35``."""
    if len(value) != CNPJ_LENGTH:
        return value
    return f"{value[:2]}.{value[2:5]}.{value[5:8]}/{value[8:12]}-{value[12:]}"


def mask_cnpj(value: str) -> str:
    """A CNPJ for lists (LGPD): root hidden, branch and check digits shown."""
    if len(value) != CNPJ_LENGTH:
        return "•" * min(len(value), CNPJ_LENGTH)
    return f"{value[:2]}.•••.•••/{value[8:12]}-{value[12:]}"


def mask_name(name: str) -> str:
    """A person's or company's name for lists (LGPD): first word, then initials.

    A single word is a whole name ("Fulano"): only its initial is shown.
    """
    words = name.split()
    if not words:
        return ""
    if len(words) == 1:
        return f"{words[0][0]}."
    return " ".join([words[0], *(f"{word[0]}." for word in words[1:])])


_CNPJ_IN_TEXT = re.compile(
    r"(?<![\w.])[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}/?[0-9A-Z]{4}-?\d{2}(?!\w)"
)
_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def mask_text(text: str, names: Iterable[str] = ()) -> str:
    """Free text (a decision) for lists: ``names``, CNPJs and e-mails in it masked."""
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", mask_name(name), text, flags=re.I)
    text = _CNPJ_IN_TEXT.sub(lambda m: mask_cnpj(re.sub(r"[./-]", "", m.group())), text)
    return _EMAIL_IN_TEXT.sub(lambda m: f"{m.group()[0]}•••@•••", text)


def normalize_email(text: str, field: str = "E-mail") -> str:
    """Validate an e-mail address syntactically; return it trimmed."""
    value = text.strip()
    if not value:
        raise InputError(field, "informe o e-mail.")
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        raise InputError(field, "e-mail inválido; use o formato nome@empresa.com.br.")
    return value


def normalize_support_id(text: str, field: str = "ID Suporte") -> str:
    """Validate an ID Suporte: trimmed text, 1–64 characters, no control characters."""
    value = text.strip()
    if not value:
        raise InputError(field, "informe o ID Suporte da licença.")
    if len(value) > SUPPORT_ID_MAX:
        raise InputError(field, f"o ID Suporte tem no máximo {SUPPORT_ID_MAX} caracteres.")
    if any(unicodedata.category(char).startswith("C") for char in value):
        raise InputError(field, "o ID Suporte não pode conter caracteres de controle.")
    return value


def normalize_text(
    text: str, field: str, *, required: bool = True, max_length: int = TEXT_MAX
) -> str:
    """Validate free text: trimmed, within ``max_length``, no control or bidi characters."""
    value = " ".join(text.split())
    if not value:
        if required:
            raise InputError(field, "campo obrigatório.")
        return ""
    if len(value) > max_length:
        raise InputError(field, f"use no máximo {max_length} caracteres.")
    if has_unsafe(value):
        raise InputError(field, "não use caracteres de controle nem de direção do texto.")
    return value


def parse_whole_number(text: str, field: str) -> int:
    """Parse a whole number typed with plain digits."""
    value = text.strip()
    # isascii: str.isdigit also takes "²" and other digits int() refuses.
    if not (value.isascii() and value.isdigit()):
        raise InputError(field, f"use um número inteiro (recebido: {value!r}).")
    return int(value)


def parse_date(text: str, field: str = "Data", *, allow_iso: bool = True) -> date:
    """Parse a date typed as DD/MM/AAAA or DDMMAAAA (or, where allowed, AAAA-MM-DD)."""
    value = text.strip()
    formats = "DD/MM/AAAA ou AAAA-MM-DD" if allow_iso else "DD/MM/AAAA"
    if not value:
        raise InputError(field, f"informe a data ({formats}).")
    match = _BR_DATE.fullmatch(value) or _BR_DATE_DIGITS.fullmatch(value)
    if match:
        day, month, year = (int(part) for part in match.groups())
    elif allow_iso and _ISO_DATE.fullmatch(value):
        year, month, day = (int(part) for part in value.split("-"))
    else:
        raise InputError(field, f"data inválida ({value}); use {formats}.")
    if year not in DATE_YEARS:
        raise InputError(
            field,
            f"o ano {year} está fora do intervalo aceito ({DATE_YEARS.start} a {DATE_YEARS.stop - 1}).",
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(field, f"a data {value} não existe no calendário.") from None


def parse_hour(text: str, field: str = "Horário") -> time:
    """Parse an hour typed as HH:MM (also ``19h`` or ``19h30``)."""
    value = text.strip().lower()
    match = _HOUR.fullmatch(value)
    if not match:
        raise InputError(
            field, f"horário inválido: {text.strip()!r}; use HH:MM, por exemplo 19:30."
        )
    hour, minute = int(match.group(1)), int(match.group(2) or match.group(3) or 0)
    if hour > 23 or minute > 59:
        raise InputError(field, f"o horário {text.strip()} não existe; use de 00:00 a 23:59.")
    return time(hour, minute)


def parse_moment(text: str, field: str = "Data e hora") -> datetime:
    """Parse ``AAAA-MM-DDTHH:MM`` or ``DD/MM/AAAA HH:MM`` as a naive local datetime."""
    value = text.strip()
    for separator in ("T", " "):
        day_part, found, hour_part = value.partition(separator)
        if found:
            day = parse_date(day_part, field)
            hour = parse_hour(hour_part, field)
            return datetime.combine(day, hour)
    raise InputError(field, f"data e hora inválidas: {value!r}; use AAAA-MM-DDTHH:MM.")


def parse_yes_no(text: str, field: str) -> bool:
    """Parse "sim"/"não" (also s/n, yes/no, true/false, 1/0)."""
    value = unicodedata.normalize("NFKD", text.strip().lower()).encode("ascii", "ignore").decode()
    if value in {"sim", "s", "yes", "y", "true", "1"}:
        return True
    if value in {"nao", "n", "no", "false", "0"}:
        return False
    raise InputError(field, "responda sim ou não.")


def count_of(count: int, singular: str, plural: str) -> str:
    """``1 dia``, ``3 dias``: a count with its noun in the right number."""
    return f"{count} {singular if abs(count) == 1 else plural}"


def format_date(value: date) -> str:
    """A date as Brazilians write it: DD/MM/AAAA."""
    return value.strftime("%d/%m/%Y")


def format_moment(value: datetime) -> str:
    """A moment as DD/MM/AAAA às HH:MM."""
    return f"{value:%d/%m/%Y} às {value:%H:%M}"
