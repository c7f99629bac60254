"""Where the data file lives: ``--db``, then ``HELPDESK_DB``, then the user's data directory."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from helpdesk.errors import InputError

DB_FILENAME = "helpdesk.json"


def default_data_dir() -> Path:
    """The per-user data directory chosen by the platform's conventions."""
    from platformdirs import user_data_path

    return user_data_path("helpdesk", appauthor=False)


def default_export_dir() -> Path:
    """Where exports are saved unless the person says otherwise: the documents folder.

    Not the data folder, which is hidden and private to the app. A documents folder the system
    names but never created falls back to the home folder.
    """
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


def export_file_name(today: date, extension: str) -> str:
    """The default name of a requests export made on ``today``."""
    return f"solicitacoes-{today:%Y%m%d}.{extension}"


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database path in force: the option given, the environment, or the default.

    InputError (exit 2) for an empty ``--db`` (it would silently mean the default file), a
    ``~user`` that names no user, or a path the system cannot take (a NUL byte).
    """
    if cli_value is not None:
        if not str(cli_value).strip():
            raise InputError("--db", "informe o caminho do arquivo de dados (está vazio).")
        return _expanded(cli_value, "--db")
    env_value = os.environ.get("HELPDESK_DB")
    if env_value:
        return _expanded(env_value, "HELPDESK_DB")
    return default_data_dir() / DB_FILENAME


def _expanded(value: str | os.PathLike[str], field: str) -> Path:
    """``value`` as a path, ``~`` expanded; InputError when it cannot be one."""
    text = os.fspath(value)
    if "\x00" in str(text):
        raise InputError(field, "o caminho contém um caractere nulo.")
    try:
        return Path(text).expanduser()
    except RuntimeError:
        user = str(text).split("/", 1)[0]
        raise InputError(
            field, f"não foi possível achar a pasta pessoal de {user!r}; use um caminho completo."
        ) from None
