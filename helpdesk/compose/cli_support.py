"""What the store's command-line handlers share: opening the file, errors to exit codes, output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from helpdesk import documents
from helpdesk.clock import SAO_PAULO, check_present, system_clock, to_sao_paulo
from helpdesk.errors import os_reason
from helpdesk.text_safety import escape_unsafe
from store.errors import DamagedDatabase, DuplicateRequest, NotFound, RequestRefused, StoreError

if TYPE_CHECKING:
    from helpdesk.compose.alternative import AlternativeCommand
    from helpdesk.outcome import Outcome
    from store.interface import Store

EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_REFUSED = 3


_opened: list[Store] = []
"""Stores this command opened: their warnings are printed once the command is done."""


def open_database(args: argparse.Namespace) -> Store:
    """The store named by ``--db``, ``HELPDESK_DB`` or the default file (see ``engine``)."""
    from helpdesk.compose.engine import open_store

    db = open_store(getattr(args, "db", None))
    _opened.append(db)
    return db


def print_warnings() -> None:
    """Print (once) what went wrong after a change was saved, e.g. a compaction that failed."""
    from store.database import Database

    while _opened:
        db = _opened.pop()
        if isinstance(db, Database):
            for warning in db.storage.warnings:
                err(f"helpdesk: {warning}")
            db.storage.warnings.clear()
        db.close()


def run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a store command, turning the store's errors into Portuguese messages and exit codes.

    InputError is left to ``helpdesk.compose.cli.main`` (exit 2). Warnings about changes that
    were saved anyway are printed on stderr however the command ends.
    """
    try:
        return _run(handler, args)
    finally:
        print_warnings()


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Body of :func:`run`."""
    try:
        return handler(args)
    except NotFound as error:
        err(f"helpdesk: erro: {error} Veja os protocolos com: helpdesk requests")
        return EXIT_BAD_INPUT
    except RequestRefused as error:
        print_refusal(error.outcome)
        return EXIT_REFUSED
    except DuplicateRequest as error:
        err(
            f"helpdesk: atenção: já existe pedido aberto deste tipo para o ID Suporte "
            f"{error.support_id}: {', '.join(error.protocols)}. Nada foi salvo; "
            "repita com --force para registrar outro mesmo assim."
        )
        return EXIT_REFUSED
    except DamagedDatabase as error:
        err(f"helpdesk: erro: {error}")
        return EXIT_FAILURE
    except StoreError as error:
        err(f"helpdesk: erro: {error}")
        return EXIT_FAILURE
    except BrokenPipeError:
        raise  # the reader of our output went away (``| head``): ``helpdesk.compose.cli.main`` exits 0
    except OSError as error:
        # Last resort for a file the handler did not expect to fail: still no traceback.
        where = f"{error.filename}: " if error.filename else ""
        err(f"helpdesk: erro: {where}{os_reason(error)}.")
        return EXIT_FAILURE


def print_refusal(outcome: Outcome, alternative: AlternativeCommand | None = None) -> None:
    """Why the rules refused a request and, when they offer one, the command for the alternative.

    ``alternative`` carries what the refused request said; without it every field of the
    alternative is left for the person to fill in.
    """
    err(f"helpdesk: pedido recusado pelas regras; nada foi salvo.\n{outcome.decision}")
    for reason in outcome.reasons:
        err(f"  • {reason}")
    if not outcome.alternative:
        return
    if alternative is None:
        from helpdesk.compose.alternative import alternative_command
        from helpdesk.request_kinds import get_kind

        kind = get_kind(outcome.alternative)
        alternative = alternative_command(kind, {}, outcome.alternative_fields)
    err(f"Alternativa: {safe_text(alternative.line())}")
    if note := alternative.missing_note():
        err(note)


def err(text: str) -> None:
    """Print on stderr."""
    print(text, file=sys.stderr)


def safe_text(text: str) -> str:
    """Stored text made harmless for a terminal: control and bidi characters shown escaped.

    A name read from the data file could carry ESC sequences (clear the screen, OSC 52 to set
    the clipboard) or U+202E (reverse what follows); printed raw, the terminal would obey them.
    """
    return escape_unsafe(text)


def emit_json(data: Any) -> None:
    """Print one JSON value on stdout."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def moment_from(args: argparse.Namespace) -> datetime:
    """``--now`` (a moment) or ``--today`` (that day at the present hour) or the present."""
    now_text = getattr(args, "now", None)
    if now_text:
        return check_present(documents.parse_moment(now_text, "--now"), "--now")
    present = system_clock()
    today_text = getattr(args, "today", None)
    if today_text:
        day = documents.parse_date(today_text, "--today")
        return check_present(datetime.combine(day, present.time(), tzinfo=SAO_PAULO), "--today")
    return present


def today_from(args: argparse.Namespace) -> date:
    """``--today`` or the present day in São Paulo."""
    return moment_from(args).date()


def show_when(value: date | datetime | None) -> str:
    """A date or moment as Brazilians write it (empty for None)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{to_sao_paulo(value):%d/%m/%Y %H:%M}"
    return documents.format_date(value)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain aligned text table."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    for line in (headers, *rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
