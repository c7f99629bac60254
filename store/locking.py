"""The storage's locks: one thread lock and one file lock beside the data file, made only when needed.

Every transaction holds the file lock from its re-read to its commit, so two processes never
interleave a read-modify-write. Reads hold it too, so they never see a commit half-applied.

The lock file, and the private folder around it, are created by the first write only. A read of a
store that is not on disk yet (neither the data file nor its lock file exists) takes no file lock:
there is nothing to read, so it sees an empty store and leaves nothing behind. That is safe
because every writer creates the lock file before anything else, and the data file appears only
whole (``os.replace``): a read that finds neither simply comes before the first write.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from helpdesk.errors import os_reason
from store.errors import DataFileUnusable, LockTimeout
from store.files import FILE_MODE, ensure_private_dir


def _exists(path: Path) -> bool:
    """Whether ``path`` exists; an error other than "not there" counts as there.

    A path that cannot even be looked at (no permission, a file used as a folder) is left to the
    locked path, which reports it in Portuguese instead of passing it off as an empty store.
    """
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


class StoreLock:
    """The thread lock and the file lock of one data file (both reentrant)."""

    def __init__(self, path: Path, lock_path: Path, *, timeout: float) -> None:
        self.path = path
        self.lock_path = lock_path
        self.thread = threading.RLock()
        """Held by every access, so threads of one process take turns."""
        self._file_lock = FileLock(
            lock_path,
            timeout=timeout,
            mode=FILE_MODE,
            thread_local=False,
            poll_interval=0.002,
        )

    def on_disk(self) -> bool:
        """Whether the store exists on disk: its data file or its lock file (left by any write)."""
        return _exists(self.lock_path) or _exists(self.path)

    @contextlib.contextmanager
    def held(self, *, write: bool) -> Iterator[bool]:
        """Hold the thread lock and, unless a read finds no store on disk, the file lock.

        Yields whether the file lock is held: False means nothing is on disk and the caller
        must read an empty store without touching the disk. A write creates the data folder
        (``0700``) and the lock file (``0600``) when they are missing.
        """
        with self.thread:
            if not self._file_lock.is_locked:
                if not write and not self.on_disk():
                    yield False
                    return
                if write:
                    self._make_folder()
            self._acquire()
            try:
                yield True
            finally:
                self._file_lock.release()

    def _make_folder(self) -> None:
        """Create the data file's folder, private to the owner, if it is missing."""
        try:
            ensure_private_dir(self.path.parent)
        except OSError as error:
            raise DataFileUnusable(self.path, os_reason(error)) from error

    def _acquire(self) -> None:
        """Take the file lock (once more, if this process already holds it)."""
        try:
            self._file_lock.acquire()
        except Timeout as error:
            raise LockTimeout(self.path) from error
        except OSError as error:
            raise DataFileUnusable(self.path, os_reason(error)) from error
