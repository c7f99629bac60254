"""Helpers for in-process CLI tests: run ``helpdesk`` and collect its exit code and output."""

from __future__ import annotations

import pytest

from helpdesk.compose.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``helpdesk`` in-process; return (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
