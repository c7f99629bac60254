"""Set-up and entry point for developers: one command runs the app, one runs every test.

Usage: ``python3 tasks.py app [args…]`` or ``python3 tasks.py test [pytest args…]``.
Only the Python standard library is used here, because this file runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-hash"


def _venv_python() -> Path:
    """Path of the virtual environment's interpreter."""
    sub = "Scripts" if os.name == "nt" else "bin"
    return VENV / sub / ("python.exe" if os.name == "nt" else "python")


def _project_hash() -> str:
    """Hash of the files that decide what must be installed."""
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> Path:
    """Create .venv and install the project with its dev tools when pyproject.toml changed."""
    python = _venv_python()
    if not python.exists():
        print("Criando o ambiente virtual em .venv …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _project_hash()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("Instalando dependências …", file=sys.stderr)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True)
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    """Dispatch ``app`` or ``test``."""
    if not argv or argv[0] not in {"app", "test", "check", "shell"}:
        print(__doc__, file=sys.stderr)
        return 2
    python = ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "app":
        return subprocess.call([str(python), "-m", "helpdesk", *rest])
    if command == "test":
        # Spread the tests over every core: the pilot tests are most of the time and each waits
        # on its own app, so they run side by side without sharing anything.
        return subprocess.call([str(python), "-m", "pytest", "-n", "auto", *rest], cwd=ROOT)
    if command == "check":
        for step in (
            ["-m", "ruff", "format", "--check", "."],
            ["-m", "ruff", "check", "."],
            ["-m", "mypy"],
            ["-m", "pytest"],
        ):
            code = subprocess.call([str(python), *step], cwd=ROOT)
            if code:
                return code
        return 0
    return subprocess.call([str(python)], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
