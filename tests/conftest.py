"""Fixtures shared by every test: no test touches the real home, clock or terminal size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["_engines"]


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the data file, the home and the XDG folders into ``tmp_path``; unpin the clock."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("HELPDESK_DB", str(tmp_path / "data" / "helpdesk.json"))
    monkeypatch.delenv("HELPDESK_NOW", raising=False)
    yield tmp_path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The data file every test uses (inside ``tmp_path``)."""
    return tmp_path / "data" / "helpdesk.json"
