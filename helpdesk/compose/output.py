"""The command line's standard streams, made safe for any text and any terminal encoding.

Every byte a subcommand prints goes through :class:`SafeStream`:

* control characters (ESC, OSC 52 sequences, a carriage return that overwrites the line) and bidi
  overrides (U+202E) are shown escaped, ``\\u001b``: a name read from the data file cannot clear
  the screen, set the clipboard or reverse the text. Newlines and tabs pass; so do the two bold
  on/off sequences the app writes itself (harmless even if data held them). The escape is also a
  valid JSON escape, so ``--json`` output stays valid JSON.
* characters the stream's encoding cannot hold (``PYTHONIOENCODING=ascii``, a ``cp1252``
  console) become ``?`` instead of ending the command in ``UnicodeEncodeError`` — possibly after
  a request was already saved.

That filter is for text read by a person. Data meant for a file (an export sent to ``> x.csv`` or
a pipe) goes out through :func:`write_data` instead, byte for byte.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from helpdesk.text_safety import BIDI_CONTROLS

ALLOWED_SEQUENCES = ("\x1b[1m", "\x1b[0m")
"""Bold on and off: what ``helpdesk search`` writes on a terminal."""

_UNSAFE = re.compile(
    "|".join(re.escape(sequence) for sequence in ALLOWED_SEQUENCES)
    + "|[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f"
    + "".join(BIDI_CONTROLS)
    + "]"
)


def _escape(match: re.Match[str]) -> str:
    """One unsafe character as its escape; the allowed sequences as they are."""
    found = match.group()
    return found if len(found) > 1 else f"\\u{ord(found):04x}"


def escape_for_terminal(text: str) -> str:
    """``text`` with controls and bidi overrides escaped (newlines and tabs kept)."""
    return _UNSAFE.sub(_escape, text)


class SafeStream:
    """A text stream that escapes unsafe characters and replaces unencodable ones."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` made safe; returns the length of what was given."""
        safe = escape_for_terminal(text)
        encoding = getattr(self._stream, "encoding", None) or "utf-8"
        try:
            safe.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            with contextlib.suppress(LookupError):
                safe = safe.encode(encoding, errors="replace").decode(encoding)
        self._stream.write(safe)
        return len(text)

    @property
    def unfiltered(self) -> TextIO:
        """The stream underneath, for data that must go out unchanged (see :func:`write_data`)."""
        return self._stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def safe_streams() -> Iterator[None]:
    """Route ``sys.stdout`` and ``sys.stderr`` through :class:`SafeStream` for the block."""
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeStream(saved[0])
    sys.stderr = SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def write_data(data: bytes) -> None:
    """A file's bytes (CSV, JSON, calendar) on standard output, exactly as the file would hold them.

    Redirected or piped, nothing is escaped or re-encoded: the filter would turn the CR of every
    CSV line into the text ``\\u000d`` and the file would no longer import. On a terminal the
    text is for reading: the line-ending CRs are dropped and the rest goes through the filter, so
    a control character in a stored name still cannot drive the terminal.
    """
    stream = sys.stdout
    if getattr(stream, "isatty", lambda: False)():
        stream.write(data.decode("utf-8").replace("\r\n", "\n"))
        return
    raw = stream.unfiltered if isinstance(stream, SafeStream) else stream
    raw.flush()
    buffer = getattr(raw, "buffer", None)
    if buffer is None:  # a text-only stream (an embedding host): the text, unfiltered
        raw.write(data.decode("utf-8"))
    else:
        buffer.write(data)
    (buffer or raw).flush()
