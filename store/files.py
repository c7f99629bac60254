"""File-system primitives of the store: private folders, atomic replacement, stale temp sweep."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from store.faults import checkpoint

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) readable by the owner only.

    Only folders created here are restricted: a folder the person chose and that already exists
    (their home, ``/tmp``) keeps its permissions.
    """
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):
            created.mkdir(mode=DIR_MODE)
            os.chmod(created, DIR_MODE)


def temp_path_for(path: Path) -> Path:
    """A fresh hidden temp name beside ``path`` (same folder, so ``os.replace`` is atomic)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def temp_glob(path: Path) -> str:
    """The glob matching every temp file that writes to ``path`` or its sidecars can leave."""
    return f".{path.name}*.tmp"


def sweep_temps(path: Path) -> list[Path]:
    """Remove temp files left by a crash; call only while holding the write lock."""
    removed = []
    for leftover in path.parent.glob(temp_glob(path)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file, fsync, ``os.replace``, fsync the folder.

    A crash at any point leaves either the old file or the new one, never a mix; the temp file
    it may leave behind is removed by :func:`sweep_temps` at the next start.
    """
    temp = temp_path_for(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            write_all(fd, data)
            checkpoint("snapshot-temp-written")
            os.fsync(fd)
        finally:
            os.close(fd)
        checkpoint("snapshot-before-replace")
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    checkpoint("snapshot-after-replace")
    fsync_dir(path.parent)


def read_fd(fd: int) -> bytes:
    """Every byte of the file behind ``fd``, from the start."""
    size = os.fstat(fd).st_size
    chunks = []
    offset = 0
    while True:
        chunk = os.pread(fd, max(size - offset, 1 << 16), offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def same_file(path: Path, fd: int | None) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (both absent counts as the same)."""
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return fd is None
    if fd is None:
        return False
    held = os.fstat(fd)
    return (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino)
