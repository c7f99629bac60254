"""Requests exported for the person's own use: CSV for spreadsheets, JSON in full.

One format for the command line and the app, so a file looks the same whichever made it.

Every CSV cell that a spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return: a client named ``=HYPERLINK(…)``) is written with a leading
``'``, OWASP's rule against CSV injection; the text stays readable and never runs. An export is
written only to a new regular file, or over an existing regular file when asked to replace it:
never through a symbolic link, onto a device or a FIFO.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from helpdesk.errors import InputError, os_reason
from helpdesk.request_kinds import KINDS
from store.files import FILE_MODE, fsync_dir, temp_path_for, write_all, write_atomic
from store.request_records import Request, RequestSummary

CSV_COLUMNS = (
    "protocolo",
    "tipo",
    "id_suporte",
    "cliente",
    "situacao",
    "criado_em",
    "data_chave",
    "data_chave_descricao",
    "decisao",
)
"""The header of the CSV export (dates ISO, so spreadsheets sort them)."""

CSV_SEPARATOR = ";"
"""Spreadsheets set to Portuguese (Brazil) split columns at ``;``: the comma is the decimal mark."""

CSV_SEPARATORS = (";", ",")
"""The separators an export may use."""


def requests_csv(summaries: Iterable[RequestSummary], separator: str = CSV_SEPARATOR) -> str:
    """The requests as CSV (``;`` unless told), kinds and statuses in Portuguese."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator)
    writer.writerow(CSV_COLUMNS)
    for s in summaries:
        kind = KINDS.get(s.kind)
        writer.writerow(
            map(
                spreadsheet_safe,
                (
                    s.protocol,
                    kind.short_title if kind else s.kind,
                    s.support_id,
                    s.client,
                    s.status_label,
                    s.created_at.isoformat(timespec="minutes"),
                    s.key_date.isoformat() if s.key_date else "",
                    s.key_date_label,
                    s.decision,
                ),
            )
        )
    return out.getvalue()


def requests_json(requests: Iterable[Request]) -> str:
    """Every request in full as a JSON list."""
    return json.dumps([r.to_json() for r in requests], ensure_ascii=False, indent=2) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet evaluate a cell (OWASP, CSV injection)."""


def spreadsheet_safe(cell: object) -> str:
    """``cell`` as text, prefixed with ``'`` when a spreadsheet would run it as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_export(path: Path, text: str, export_format: str, *, replace: bool = False) -> None:
    """Save an export privately (it holds client data), to a new file or over a regular one.

    A CSV gets a UTF-8 byte-order mark: without it, spreadsheet programs read its accents in the
    system's legacy encoding. JSON must not have one (RFC 8259). See :func:`write_output`.
    """
    write_output(
        path, text.encode("utf-8-sig" if export_format == "csv" else "utf-8"), replace=replace
    )


def write_output(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write a file the person asked for (an export, a calendar), privately and whole.

    ``path`` must not exist, or be a regular file (not a link) and ``replace`` be set; a folder,
    a link, a device or a FIFO is refused, and so is a path that cannot be written. Every refusal
    is an InputError naming ``--output`` (exit 2), with the reason in Portuguese.
    """
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise _refused(path, os_reason(error)) from None
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise _refused(path, "é uma pasta, não um arquivo")
        if stat.S_ISLNK(found.st_mode):
            raise _refused(path, "é um link simbólico; escolha o arquivo de destino em si")
        if not stat.S_ISREG(found.st_mode):
            raise _refused(path, "não é um arquivo comum (dispositivo, FIFO ou soquete)")
        if not replace:
            raise _refused(path, "o arquivo já existe; use --force para substituí-lo")
    try:
        if found is None:
            _write_new(path, data)
        else:
            write_atomic(path, data)
    except OSError as error:
        raise _refused(path, os_reason(error)) from None


def is_calendar_file(path: Path) -> bool:
    """Whether ``path`` is a regular file holding an iCalendar (a calendar written before).

    Writing the lote's calendar again refreshes it, so such a file may be replaced without
    ``--force``; any other existing file may not.
    """
    try:
        if path.is_symlink() or not path.is_file():
            return False
        with path.open("rb") as existing:
            return existing.read(15) == b"BEGIN:VCALENDAR"
    except OSError:
        return False


def _refused(path: Path, reason: str) -> InputError:
    """The error for an output path the export will not write to (exit 2 on the CLI)."""
    return InputError("--output", f"não foi possível gravar {path}: {reason}.")


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``, whole or not at all, failing if it appears meanwhile.

    The bytes go to a temp file that is then hard-linked to the name (``link`` never replaces
    anything); where links are not supported, the file is created exclusively and written.
    """
    temp = temp_path_for(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, path, follow_symlinks=False)
        except FileExistsError:
            raise _refused(path, "o arquivo já existe") from None
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            _write_exclusive(path, data)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    fsync_dir(path.parent)


def _write_exclusive(path: Path, data: bytes) -> None:
    """Create ``path`` (never an existing one, never through a link) and write ``data``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, FILE_MODE)
    except FileExistsError:
        raise _refused(path, "o arquivo já existe") from None
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
