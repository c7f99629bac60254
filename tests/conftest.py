"""Fixtures shared by every test: no test touches the real home, clock or terminal size."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from _cli import LOTE, NOW, run
from hypothesis import settings

# CI runs every property test with the same examples (``HYPOTHESIS_PROFILE=ci``, set by .ci/run):
# a failure there is reproducible, not a one-off. Locally the default profile keeps exploring.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> str:
    """Pin the present to :data:`_cli.NOW` (the day of ``TODAY``), as ``HELPDESK_NOW`` does."""
    monkeypatch.setenv("HELPDESK_NOW", NOW)
    return NOW


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The data file every test uses (inside ``tmp_path``)."""
    return tmp_path / "data" / "helpdesk.json"


@pytest.fixture
def lote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The sample lote imported into the test database."""
    path = tmp_path / "lote.csv"
    path.write_text(LOTE, encoding="utf-8")
    code, out, err = run(capsys, "lote", "import", str(path))
    assert code == 2  # one bad row
    assert "linha 4: cliente: campo obrigatório." in err
    assert "2 novas" in out
    return path
