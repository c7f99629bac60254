"""Set-up and entry point for developers: the app, the tests and the checks, one command each.

Usage:
  python3 tasks.py app [args…]          the app (same options as the ``helpdesk`` command)
  python3 tasks.py test [pytest args…]  every test, spread over the cores (pytest-xdist ``-n auto``)
  python3 tasks.py check                ruff format --check, ruff check, mypy (code and tests) and
                                        lint-imports (the layers in pyproject.toml)
  python3 tasks.py screenshots [PASTA]  PNGs of ``helpdesk serve`` in Debian's Chromium
  python3 tasks.py shell                the project's Python
Each creates ``.venv`` and installs the project first when pyproject.toml changed.
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
PACKAGES = ("helpdesk", "screens", "store")
"""The project's packages, compiled to bytecode at install."""


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
        # An editable install leaves the project's modules uncompiled, unlike pip installing a
        # package; where bytecode is not written (PYTHONDONTWRITEBYTECODE) every start would
        # compile them again. Python recompiles any module edited since, so this is only a head start.
        subprocess.run([str(python), "-m", "compileall", "-q", *PACKAGES], cwd=ROOT, check=True)
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    """Dispatch ``app``, ``test``, ``check``, ``screenshots`` or ``shell``."""
    if not argv or argv[0] not in {"app", "test", "check", "screenshots", "shell"}:
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
    if command == "screenshots":
        return subprocess.call(
            [str(python), str(ROOT / "tests" / "screenshots.py"), *rest], cwd=ROOT
        )
    if command == "check":
        lint_imports = python.parent / ("lint-imports.exe" if os.name == "nt" else "lint-imports")
        for step in (
            [str(python), "-m", "ruff", "format", "--check", "."],
            [str(python), "-m", "ruff", "check", "."],
            [str(python), "-m", "mypy"],
            [str(lint_imports)],
        ):
            code = subprocess.call(step, cwd=ROOT)
            if code:
                return code
        return 0
    return subprocess.call([str(python)], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
