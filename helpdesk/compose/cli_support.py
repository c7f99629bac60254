"""What the store's command-line handlers share: opening the file, errors to exit codes, output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from helpdesk import documents
from helpdesk.clock import SAO_PAULO, system_clock, to_sao_paulo
from helpdesk.errors import os_reason
from helpdesk.paths import resolve_db_path
from store.database import Database
from store.errors import DamagedDatabase, DuplicateRequest, NotFound, RequestRefused, StoreError

EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_REFUSED = 3


def open_database(args: argparse.Namespace) -> Database:
    """The database named by ``--db``, ``HELPDESK_DB`` or the default location."""
    return Database(resolve_db_path(getattr(args, "db", None)))


def run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a store command, turning the store's errors into Portuguese messages and exit codes.

    InputError is left to ``helpdesk.compose.cli.main`` (exit 2).
    """
    try:
        return handler(args)
    except NotFound as error:
        err(f"helpdesk: erro: {error} Veja os protocolos com: helpdesk requests")
        return EXIT_BAD_INPUT
    except RequestRefused as error:
        outcome = error.outcome
        err(f"helpdesk: pedido recusado pelas regras; nada foi salvo.\n{outcome.decision}")
        for reason in outcome.reasons:
            err(f"  • {reason}")
        if outcome.alternative:
            err(f"Alternativa: helpdesk submit {outcome.alternative} …")
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


def err(text: str) -> None:
    """Print on stderr."""
    print(text, file=sys.stderr)


def emit_json(data: Any) -> None:
    """Print one JSON value on stdout."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def moment_from(args: argparse.Namespace) -> datetime:
    """``--now`` (a moment) or ``--today`` (that day at the present hour) or the present."""
    now_text = getattr(args, "now", None)
    if now_text:
        return to_sao_paulo(documents.parse_moment(now_text, "--now"))
    present = system_clock()
    today_text = getattr(args, "today", None)
    if today_text:
        day = documents.parse_date(today_text, "--today")
        return datetime.combine(day, present.time(), tzinfo=SAO_PAULO)
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
