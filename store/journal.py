"""The journal: an append-only sidecar of committed changes, one checksummed line per commit.

Line format: ``<crc32 as 8 hex digits> <compact JSON>\\n``. The first line is a header naming the
snapshot (by its nonce) that the records apply to. A crash while appending can only leave an
incomplete *last* line (no newline: the newline is written last): it was never acknowledged, so
readers ignore it and the next writer cuts it off. A complete line whose checksum fails cannot
come from a crash of this protocol, so it is reported as damage (wherever it is) and nothing is
written; ``helpdesk db recover`` salvages the other lines.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.errors import DamagedDatabase
from store.faults import checkpoint
from store.files import write_all

FORMAT = 1


def encode_line(payload: Any) -> bytes:
    """One journal line for ``payload``: checksum, space, compact JSON, newline."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def header_line(nonce: str) -> bytes:
    """The first line of a journal that belongs to the snapshot ``nonce``."""
    return encode_line({"journal": FORMAT, "base": nonce})


def decode_line(line: bytes) -> Any:
    """The payload of one complete line (without its newline), or raise ValueError."""
    if len(line) < 10 or line[8:9] != b" ":
        raise ValueError("linha incompleta")
    body = line[9:]
    if int(line[:8], 16) != zlib.crc32(body):
        raise ValueError("soma de verificação não confere")
    return json.loads(body)


@dataclass
class Scan:
    """What a read of the journal from some offset found."""

    records: list[Any] = field(default_factory=list)
    end: int = 0
    """Offset just after the last good line."""
    torn: bool = False
    """Whether bytes after ``end`` are the debris of an interrupted append."""


def scan(data: bytes, start: int, path: Path) -> Scan:
    """Decode the lines in ``data`` (which begins at file offset ``start``)."""
    result = Scan(end=start)
    position = 0
    while position < len(data):
        newline = data.find(b"\n", position)
        if newline < 0:
            result.torn = True
            break
        try:
            result.records.append(decode_line(data[position:newline]))
        except ValueError as error:
            # An interrupted append never leaves a newline (it is the line's last byte), so a
            # complete line that fails its checksum is damage, even the last one: reported,
            # never skipped (skipping it would hand its protocol number out again).
            raise DamagedDatabase(
                path, f"registro inválido na posição {start + position}"
            ) from error
        position = newline + 1
        result.end = start + position
    return result


def read_header(data: bytes, path: Path) -> tuple[str, int]:
    """The snapshot nonce a journal belongs to and the offset of its first record."""
    newline = data.find(b"\n")
    try:
        if newline < 0:
            raise ValueError("cabeçalho incompleto")
        header = decode_line(data[:newline])
        if not isinstance(header, dict) or header.get("journal") != FORMAT:
            raise ValueError("cabeçalho desconhecido")
        return str(header["base"]), newline + 1
    except (ValueError, KeyError) as error:
        raise DamagedDatabase(path, f"cabeçalho do diário inválido: {error}") from error


def append(fd: int, end: int, torn: bool, record: Any) -> int:
    """Append ``record`` at offset ``end`` of the journal open as ``fd``, fsynced; the new end.

    Debris of a crashed append after ``end`` (``torn``, or a size that does not match) is cut
    off first. If the write fails, the line is cut off again before the error goes up.
    """
    line = encode_line(record)
    if torn or os.fstat(fd).st_size != end:
        os.ftruncate(fd, end)
    half = len(line) // 2
    os.lseek(fd, end, os.SEEK_SET)
    try:
        write_all(fd, line[:half])
        checkpoint("journal-partial")
        write_all(fd, line[half:])
        checkpoint("journal-before-fsync")
        os.fsync(fd)
    except OSError:
        # The caller is told nothing was saved: make sure a complete line cannot survive.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, end)
            os.fsync(fd)
        raise
    checkpoint("journal-after-fsync")
    return end + len(line)
