"""Arrays for the bulk build that take their memory from the system directly, not the heap.

The build's large arrays (the pieces' hash table, the keys of every chunk, their merge, the
postings) outlive many smaller arrays and objects made while they exist. Taken from the process
heap, the space such an array leaves when let go stays with the process for as long as it runs
(the heap only shrinks from its top, and whatever was allocated after the array pins it);
measured at 10,000 articles, that was most of the index's memory. An anonymous memory mapping
of its own goes back to the system whole when the array is let go, and pages are only taken
when first written, so an array sized for the most it may need costs what it uses.
"""

from __future__ import annotations

import mmap
from typing import Any

import numpy as np
import numpy.typing as npt


def mapped_zeros(count: int, dtype: type[np.generic]) -> npt.NDArray[Any]:
    """``count`` zeros of ``dtype`` in an anonymous memory mapping of their own (unmapped with
    the array)."""
    size = max(1, count * np.dtype(dtype).itemsize)  # a mapping cannot be empty
    return np.frombuffer(mmap.mmap(-1, size), dtype, count)


def mapped_copy(values: npt.NDArray[Any], count: int | None = None) -> npt.NDArray[Any]:
    """``values`` copied into a mapped array of ``count`` items (at least as many), zeros after."""
    copy = mapped_zeros(len(values) if count is None else count, values.dtype.type)
    copy[: len(values)] = values
    return copy
