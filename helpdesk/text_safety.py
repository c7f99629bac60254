"""Characters a terminal would obey rather than show: control characters and bidi overrides."""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Marks that reorder the text around them (U+202E shows ``gpj.exe`` as ``exe.jpg``)."""


def is_unsafe(char: str) -> bool:
    """Whether ``char`` is a control character (C0, DEL, C1) or a bidi control."""
    return unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds any character :func:`is_unsafe` refuses."""
    return any(is_unsafe(char) for char in text)


def escape_unsafe(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with each unsafe character written as its escape (``\\x1b``, ``\\u202e``)."""
    if not has_unsafe(text):
        return text
    out = []
    for char in text:
        if keep_newlines and char == "\n":
            out.append(char)
        elif is_unsafe(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
