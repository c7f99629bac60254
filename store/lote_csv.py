"""Reading the lote from a CSV file: documented columns, every bad row reported with its line.

Columns (header required, any order; ``email`` optional)::

    id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj

Dates as DD/MM/AAAA or AAAA-MM-DD; ``ciclo_meses`` empty means the policy's default cycle;
``conta_pj`` is sim/não (empty means não). Comma or semicolon separated (spreadsheets in Brazil
export with ``;``); UTF-8, with or without BOM, or Windows-1252.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from helpdesk import documents
from helpdesk.errors import InputError, os_reason
from helpdesk.licenses import License
from helpdesk.policy import POLICY
from helpdesk.renewal import check_cycle_months, check_renewal_fits, check_started
from store.export import FORMULA_STARTS

COLUMNS = (
    "id_suporte",
    "cliente",
    "cnpj",
    "inicio_vigencia",
    "renovacao",
    "ciclo_meses",
    "conta_pj",
)
OPTIONAL_COLUMNS = ("email",)
TEMPLATE = (
    ",".join(COLUMNS)
    + "\n123456,Padaria Exemplo Ltda,11.222.333/0001-81,01/03/2026,01/03/2027,12,nao\n"
)
"""A file that imports one license, for the README and the import screen."""


@dataclass(frozen=True)
class RowError:
    """A line of the file that was not imported, and why (Portuguese)."""

    line: int
    message: str


@dataclass
class ParsedLote:
    """The good rows as licenses and the bad ones as errors."""

    licenses: list[License] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def decode(data: bytes) -> str:
    """Text of a CSV file saved as UTF-8 (with or without BOM) or by Excel as Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_file(path: Path, today: date | None = None) -> ParsedLote:
    """Parse the CSV file at ``path``; InputError if it cannot be read (``today``: see parse)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError("Arquivo", f"não foi possível ler {path}: {os_reason(error)}.") from error
    return parse(decode(data), today)


FIELD_LIMIT_KB = csv.field_size_limit() // 1024
"""The csv module refuses longer fields; the message names the limit."""


def _csv_problem(error: csv.Error) -> str:
    """The csv module's English error as a Portuguese reason."""
    text = str(error)
    if "field larger than field limit" in text:
        return f"campo longo demais (mais de {FIELD_LIMIT_KB} KB); confira as aspas."
    if "NUL" in text:
        return "o arquivo contém bytes binários; salve a planilha como CSV (texto)."
    return "formato CSV inválido (aspas ou quebra de linha fora do lugar)."


def parse(text: str, today: date | None = None) -> ParsedLote:
    """Parse CSV text into licenses, reporting every bad row by its line number.

    With ``today``, a row whose term starts later is a bad row (``check_started``), as in the
    license form; the store refuses such a license anyway.

    Any line ending is accepted (``\\r\\n``, ``\\n``, or the old Mac ``\\r`` alone). A file that
    is not CSV text at all, or breaks the format (an unclosed quote, a field over the csv
    module's limit), ends with an error naming its line instead of an exception.
    """
    result = ParsedLote()
    if "\x00" in text:
        result.errors.append(RowError(1, "o arquivo contém bytes binários; não é um CSV de texto."))
        return result
    lines = text.splitlines()
    first_line = lines[0] if lines else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # newline="": the csv module then sees every kind of line ending, inside quotes included.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        result.errors.append(
            RowError(1, "arquivo vazio; a primeira linha deve ter os nomes das colunas.")
        )
        return result
    except csv.Error as error:
        result.errors.append(RowError(reader.line_num or 1, _csv_problem(error)))
        return result
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        result.errors.append(
            RowError(1, f"faltam as colunas {', '.join(missing)} (esperado: {','.join(COLUMNS)}).")
        )
        return result
    seen: dict[str, int] = {}
    try:
        _read_rows(reader, header, seen, result, today)
    except csv.Error as error:
        result.errors.append(RowError(max(reader.line_num, 2), _csv_problem(error)))
    return result


def _read_rows(
    reader: Any, header: list[str], seen: dict[str, int], result: ParsedLote, today: date | None
) -> None:
    """Parse the data rows into ``result`` (csv.Error goes up to :func:`parse`)."""
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        values = dict(zip(header, row, strict=False))
        try:
            lic = _license(values, today)
        except InputError as error:
            result.errors.append(RowError(line, str(error)))
            continue
        if lic.support_id in seen:
            result.errors.append(
                RowError(
                    line,
                    f"id_suporte: {lic.support_id} repetido (já na linha {seen[lic.support_id]}).",
                )
            )
            continue
        seen[lic.support_id] = line
        result.licenses.append(lic)


def _unneutralized(cell: str) -> str:
    """A cell as written before an export neutralized it (``'=X`` → ``=X``; see store.export)."""
    if cell.startswith("'") and cell[1:2] and cell[1] in FORMULA_STARTS:
        return cell[1:]
    return cell


def _license(values: dict[str, str], today: date | None = None) -> License:
    """One row as a License; InputError naming the column at fault."""
    values = {key: _unneutralized(value) for key, value in values.items()}
    support_id = documents.normalize_support_id(values.get("id_suporte", ""), "id_suporte")
    client = documents.normalize_text(values.get("cliente", ""), "cliente")
    cnpj = documents.normalize_cnpj(values.get("cnpj", ""), "cnpj")
    term_start = documents.parse_date(values.get("inicio_vigencia", ""), "inicio_vigencia")
    renews_on = documents.parse_date(values.get("renovacao", ""), "renovacao")
    if renews_on <= term_start:
        raise InputError("renovacao", "a renovação deve ser depois do início da vigência.")
    if today is not None:
        check_started(term_start, today, "inicio_vigencia", adding=True)
    cycle_text = values.get("ciclo_meses", "").strip()
    cycle = POLICY.default_cycle_months
    if cycle_text:
        cycle = check_cycle_months(
            documents.parse_whole_number(cycle_text, "ciclo_meses"), "ciclo_meses"
        )
    try:
        # The same rule the license form applies: a row the form would refuse cannot enter the
        # lote this way either (its cancel form would then refuse the dates Meu lote fills in).
        check_renewal_fits(term_start, renews_on, cycle)
    except InputError as error:
        raise InputError("renovacao", error.message) from None
    conta_pj_text = values.get("conta_pj", "").strip()
    conta_pj = documents.parse_yes_no(conta_pj_text, "conta_pj") if conta_pj_text else False
    email_text = values.get("email", "").strip()
    email = documents.normalize_email(email_text, "email") if email_text else ""
    return License(
        support_id=support_id,
        client=client,
        cnpj=cnpj,
        email=email,
        term_start=term_start,
        renews_on=renews_on,
        cycle_months=cycle,
        conta_pj=conta_pj,
    )
