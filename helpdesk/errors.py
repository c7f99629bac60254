"""Errors a person can fix, each naming the field at fault in Portuguese."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: ``field`` names what is wrong, ``message`` says why, in Portuguese."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message
