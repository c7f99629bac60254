"""The snapshot and journal files as last read, and the two ways of writing them.

The descriptors of both files are kept open: they pin which files were read (an inode number
cannot be recycled while it is open), so :meth:`DiskFiles.unchanged` can prove that the files on
disk are still those, and then only the journal lines appended since need reading. Every method
runs with the storage's file lock held.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import secrets
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

from helpdesk.errors import os_reason
from store import journal, snapshot
from store.errors import DamagedDatabase, DataFileUnusable
from store.faults import checkpoint
from store.files import read_fd, same_file, write_atomic
from store.snapshot import Doc


def _map(fd: int) -> bytes | mmap.mmap:
    """The whole file behind ``fd``, memory-mapped (an empty file as empty bytes)."""
    if os.fstat(fd).st_size == 0:
        return b""
    return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)


class DiskFiles:
    """The snapshot (``helpdesk.json``) and its journal (``helpdesk.json.journal``)."""

    def __init__(self, path: Path, journal_path: Path) -> None:
        self.path = path
        self.journal_path = journal_path
        self.nonce: str | None = None
        """The nonce of the snapshot read (None: no snapshot, or one plain TinyDB wrote)."""
        self.base_size = 0
        """Size of the snapshot read, in bytes."""
        self.journal_end = 0
        """Offset just after the last good journal line read."""
        self._journal_torn = False
        self._base_fd: int | None = None
        self._journal_fd: int | None = None
        self._journal_writable = False
        self.journal_stale = False
        """Whether the journal on disk belongs to an older snapshot (its bytes are dead)."""
        self.body: snapshot.Body | None = None
        """The format-2 snapshot read (its checksums), None for other formats or none read."""

    # ------------------------------------------------------------------------- reading

    def unchanged(self) -> bool:
        """Whether both files on disk are still those read last (both absent counts)."""
        return same_file(self.path, self._base_fd) and same_file(
            self.journal_path, self._journal_fd
        )

    def load(self, lazy: frozenset[str]) -> tuple[dict[str, MutableMapping[str, Doc]], list[Any]]:
        """Read the snapshot and its journal from scratch: the tables, and the records to apply.

        The snapshot is memory-mapped, not read: a format-2 file's lazy tables are then read
        (and checked) only where a lookup lands (``store.snapshot``).
        """
        self.close()
        tables: dict[str, MutableMapping[str, Doc]] = {}
        try:
            base_fd: int | None = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            base_fd = None
        except OSError as error:
            raise DataFileUnusable(self.path, os_reason(error)) from error
        if base_fd is not None:
            try:
                data = _map(base_fd)
                tables, self.nonce, self.body = snapshot.decode(data, self.path, lazy)
            except OSError as error:
                os.close(base_fd)
                raise DamagedDatabase(self.path, os_reason(error)) from error
            except BaseException:
                os.close(base_fd)
                raise
            self.base_size = len(data)
        self._base_fd = base_fd
        return tables, self._open_journal()

    def _open_journal(self) -> list[Any]:
        """Open the journal and return its records, if it extends the snapshot read."""
        if self.nonce is None:
            return []
        try:
            # Read-only: reading needs only read access (a read-only journal still reads).
            fd = os.open(self.journal_path, os.O_RDONLY)
        except FileNotFoundError:
            return []
        except OSError as error:
            raise DataFileUnusable(self.journal_path, os_reason(error)) from error
        try:
            data = read_fd(fd)
            base, start = journal.read_header(data, self.journal_path)
            if base != self.nonce:
                # Left by a compaction that crashed before replacing it: already in the snapshot.
                os.close(fd)
                self.journal_stale = True
                return []
            scan = journal.scan(data[start:], start, self.journal_path)
        except BaseException:
            os.close(fd)
            raise
        self._journal_fd = fd
        return self._scanned(scan)

    def read_tail(self) -> list[Any]:
        """The journal records other processes appended since the last read."""
        if self._journal_fd is None:
            return []
        size = os.fstat(self._journal_fd).st_size
        if size == self.journal_end and not self._journal_torn:
            return []
        data = os.pread(self._journal_fd, max(size - self.journal_end, 0), self.journal_end)
        return self._scanned(journal.scan(data, self.journal_end, self.journal_path))

    def _scanned(self, scan: journal.Scan) -> list[Any]:
        """Move past what a journal scan read; its records."""
        self.journal_end = scan.end
        self._journal_torn = scan.torn
        return scan.records

    # ------------------------------------------------------------------------- writing

    def append(self, record: dict[str, Any]) -> None:
        """Append one record to the journal, durably (see :func:`store.journal.append`)."""
        if self._journal_fd is None:
            self.reset_journal()
        elif not self._journal_writable:
            self._reopen_journal_for_writing()
        assert self._journal_fd is not None
        self.journal_end = journal.append(
            self._journal_fd, self.journal_end, self._journal_torn, record
        )
        self._journal_torn = False

    def _reopen_journal_for_writing(self) -> None:
        """Swap the read-only journal descriptor for a writable one on the same file."""
        assert self._journal_fd is not None
        try:
            fd = os.open(self.journal_path, os.O_RDWR)
        except OSError as error:
            raise DataFileUnusable(self.journal_path, os_reason(error)) from error
        if (os.fstat(fd).st_dev, os.fstat(fd).st_ino) != (
            os.fstat(self._journal_fd).st_dev,
            os.fstat(self._journal_fd).st_ino,
        ):
            os.close(fd)
            raise DamagedDatabase(self.journal_path, "o diário mudou durante a gravação")
        os.close(self._journal_fd)
        self._journal_fd = fd
        self._journal_writable = True

    def write_snapshot(
        self,
        tables: Mapping[str, Mapping[str, Doc]],
        lazy: frozenset[str] = frozenset(),
        indexes: Mapping[str, Mapping[str, snapshot.IndexKey]] | None = None,
    ) -> None:
        """Compact: write every table as a new snapshot, then start an empty journal for it.

        The snapshot read is checked whole first: bytes copied from it must not carry damage
        into a file whose checksums would then vouch for them.
        """
        if self.body is not None:
            self.body.check_all()
        nonce = secrets.token_hex(8)
        payload = snapshot.encode(tables, nonce, lazy=lazy, indexes=indexes)
        write_atomic(self.path, payload)
        checkpoint("compact-before-journal-reset")
        self._close_fds()
        self._base_fd = os.open(self.path, os.O_RDONLY)
        self.base_size = len(payload)
        self.body = None  # the tables in memory stay valid: they hold the old file's map
        self.nonce = nonce
        self.reset_journal()

    def reset_journal(self) -> None:
        """Replace the journal by an empty one that extends the current snapshot."""
        assert self.nonce is not None
        header = journal.header_line(self.nonce)
        write_atomic(self.journal_path, header)
        if self._journal_fd is not None:
            os.close(self._journal_fd)
        self._journal_fd = os.open(self.journal_path, os.O_RDWR)
        self._journal_writable = True
        self.journal_end = len(header)
        self._journal_torn = False
        self.journal_stale = False

    # ------------------------------------------------------------------------- lifecycle

    def _close_fds(self) -> None:
        """Close the descriptors that pin the files' identities."""
        for fd in (self._base_fd, self._journal_fd):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._base_fd = None
        self._journal_fd = None
        self._journal_writable = False

    def close(self) -> None:
        """Forget what was read: the next access reads the files afresh."""
        self._close_fds()
        self.nonce = None
        self.body = None
        self.journal_end = 0
        self._journal_torn = False
        self.journal_stale = False
