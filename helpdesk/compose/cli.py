"""The ``helpdesk`` command: the TUI by default, and scriptable subcommands over the same core."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

from helpdesk.compose.output import safe_streams
from helpdesk.errors import InputError

COMMAND_MODULES = ("rules", "requests", "lote", "maintenance", "articles", "search", "serve")
"""Modules of ``helpdesk.compose.commands``; each exposes ``register(subparsers)``."""

SELF_CONTAINED = {"rules": ("rules",)}
"""Commands that one module parses alone. Scripts call ``helpdesk rules`` in loops, so it skips
importing every other command group and building their options (about a third of its start-up)."""

# argparse speaks English and offers no hook short of shipping a gettext catalog; these few
# patterns cover every message it can print for our options.
_ARGPARSE_PT = (
    (r"the following arguments are required: (.*)", r"faltam argumentos obrigatórios: \1"),
    (r"unrecognized arguments: (.*)", r"argumentos não reconhecidos: \1"),
    (
        r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
        r"\1: opção inválida \2 (use \3)",
    ),
    (r"argument (.*?): expected one argument", r"\1: falta o valor"),
    (r"argument (.*?): invalid (\w+) value: (.*)", r"\1: valor inválido \3"),
    (r"argument (.*?): not allowed with argument (.*)", r"\1: não pode ser usado com \2"),
    (r"ambiguous option: (.*?) could match (.*)", r"opção ambígua: \1 pode ser \2"),
)


def _terminal_columns() -> int:
    """Width for help text: ``$COLUMNS``, else the terminal's, else 80.

    What ``shutil.get_terminal_size`` answers; argparse imports shutil for it on every option it
    adds, and that import alone costs a few milliseconds of each command's start-up.
    """
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class PortugueseHelpFormatter(argparse.HelpFormatter):
    """Help text with a Portuguese usage heading."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        """As argparse's, measuring the terminal without importing shutil."""
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        """Same as argparse's, headed ``uso:``."""
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


class PortugueseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and usage errors are in Portuguese and exit with status 2."""

    def __init__(self, *args: Any, root: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", PortugueseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumentos"
        self._optionals.title = "opções"
        self.add_argument("-h", "--help", action="help", help="mostra esta ajuda e sai")
        # People type ``--db`` after the subcommand as often as before it; every subcommand
        # accepts it too, leaving the value given before the subcommand in place when absent.
        self.add_argument(
            "--db",
            metavar="ARQUIVO|URL",
            default=None if root else argparse.SUPPRESS,
            help="arquivo de dados ou servidor postgresql://… "
            "(padrão: $HELPDESK_DB ou a pasta de dados do usuário)",
        )

    def error(self, message: str) -> NoReturn:
        """Print the usage and a Portuguese message, then exit 2."""
        for pattern, replacement in _ARGPARSE_PT:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: erro: {message}\n")


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The command-line parser, assembled from the command ``modules`` (all of them by default)."""
    parser = PortugueseArgumentParser(
        prog="helpdesk",
        description="Central de ajuda e autoatendimento do Plano Exclusivo (Conta Azul Mais).",
        epilog="Sem subcomando, abre o aplicativo no terminal.",
        root=True,
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMANDO", parser_class=PortugueseArgumentParser
    )
    for name in modules:
        module = importlib.import_module(f"helpdesk.compose.commands.{name}")
        module.register(subparsers)
    return parser


def run_tui(db: str | None) -> int:
    """Open the Textual app.

    The core never imports the UI: the app is looked up by name at this one entry point, so the
    subcommands stay light and the import direction (screens → helpdesk) holds everywhere else.
    """
    from helpdesk.compose.engine import app_data_path, is_server_url, open_store, store_target

    app_module = importlib.import_module("screens.app")
    target = store_target(db)
    if is_server_url(target):
        return int(app_module.run(str(app_data_path(target)), lambda: open_store(target)))
    return int(app_module.run(db))


def _modules_for(argv: Sequence[str]) -> Sequence[str]:
    """The command modules needed to parse ``argv``: one for a self-contained command, else all."""
    tokens = iter(argv)
    for token in tokens:
        if token in ("-h", "--help"):
            return COMMAND_MODULES  # the main help lists every command
        if token == "--db":
            next(tokens, None)
        elif not token.startswith("-"):
            return SELF_CONTAINED.get(token, COMMAND_MODULES)
    return COMMAND_MODULES


def check_environment() -> None:
    """Refuse a malformed environment before anything runs (InputError: exit 2)."""
    if os.environ.get("HELPDESK_NOW"):
        from helpdesk.clock import system_clock

        system_clock()
    if os.environ.get("HELPDESK_STORE_FAULT"):
        from store.faults import configured

        configured()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with safe_streams():
        parser = build_parser(_modules_for(argv))
        args = parser.parse_args(argv)
    if args.command is None:
        # The TUI draws through its own driver: it gets the streams as they are.
        return _guarded(lambda: _checked(lambda: run_tui(args.db)))
    with safe_streams():
        return _guarded(lambda: _checked(lambda: int(args.handler(args))))


def _checked(body: Callable[[], int]) -> int:
    """Check the environment, then run ``body``."""
    check_environment()
    return body()


def _guarded(body: Callable[[], int]) -> int:
    """Run ``body``, turning what a person can fix into a message and an exit status."""
    try:
        return body()
    except InputError as error:
        print(f"helpdesk: erro: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("helpdesk: interrompido.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
