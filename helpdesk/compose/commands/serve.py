"""``helpdesk serve``: the help center in a browser, one app per tab, on the same data file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from helpdesk.errors import InputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: Any) -> None:
    """Add ``serve``."""
    parser = subparsers.add_parser(
        "serve",
        help="abre a central no navegador (cada aba é um aplicativo)",
        description="Serve o aplicativo para o navegador: a primeira linha mostra o endereço a "
        "abrir. Por padrão só este computador acessa (127.0.0.1). Em qualquer outro endereço é "
        "preciso uma chave de acesso, que vai no endereço mostrado.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="ENDEREÇO",
        help="onde escutar (padrão: 127.0.0.1, só este computador)",
    )
    parser.add_argument(
        "--port",
        default=str(DEFAULT_PORT),
        metavar="PORTA",
        help="porta (padrão: 8000; 0 escolhe uma livre)",
    )
    parser.add_argument(
        "--key-file",
        metavar="ARQUIVO",
        help="arquivo com a chave de acesso; com ele a chave vale em qualquer endereço "
        "(padrão: uma chave nova a cada início, quando o endereço não é 127.0.0.1, localhost ou ::1)",
    )
    parser.set_defaults(handler=run_serve)


def _port(value: str) -> int:
    """``--port`` as a TCP port number (0 picks a free one)."""
    try:
        port = int(value)
    except ValueError:
        raise InputError("--port", f"use um número de 0 a 65535, não {value!r}") from None
    if not 0 <= port <= 65535:
        raise InputError("--port", f"use um número de 0 a 65535, não {port}")
    return port


def _changed_at(path: Path) -> int | None:
    """When ``path`` last changed (nanoseconds), or None when it does not exist."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def run_serve(args: argparse.Namespace) -> int:
    """Serve until ctrl+c; exit 2 for bad options, 1 when the address can't be used."""
    port = _port(args.port)
    host = args.host.strip()

    from helpdesk.compose.engine import is_server_url, local_folder, store_target
    from helpdesk.compose.serve import (
        HelpdeskServer,
        ServeError,
        app_command,
        needs_key,
        new_key,
        read_key_file,
        theme_colours,
    )
    from helpdesk.preferences import FILENAME, Preferences

    try:
        key = read_key_file(Path(args.key_file)) if args.key_file else None
    except ServeError as error:
        raise InputError("--key-file", str(error)) from None
    if key is None and needs_key(host):
        key = new_key()
    target = store_target(args.db)
    if is_server_url(target):
        # A server's URL may carry its password: each tab's process reads it from the
        # environment it inherits, never from a command line that ``ps`` shows.
        os.environ["HELPDESK_DB"] = str(target)
        command, folder = app_command(None), local_folder(target)
    else:
        db_path = Path(target).resolve()
        command, folder = app_command(db_path), db_path.parent
    server = HelpdeskServer(
        command,
        host=host,
        port=port,
        key=key,
        # Read at each page load: a theme picked in one tab colours the next page opened.
        colours=lambda: theme_colours(Preferences(folder).theme),
        # The spare app read the theme and the recent articles when it started: a change since
        # means the next tab gets a fresh app instead.
        freshness=lambda: _changed_at(folder / FILENAME),
    )
    try:
        server.run()
    except ServeError as error:
        print(f"helpdesk: erro: {error}", file=sys.stderr)
        return 1
    return 0
