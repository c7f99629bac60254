"""Subcommands: search (to be filled in)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add this group's subcommands to the parser."""
    del subparsers


_ = argparse
