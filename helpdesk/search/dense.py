"""The ``k`` best documents of a large index, scored with numpy over whole postings arrays.

A query over 10,000 articles names words found in most of them ("licença", "cliente"); adding
their postings one document at a time in Python costs milliseconds, where one vectorised
multiply-and-add per term costs microseconds. Scores are the very numbers the one-at-a-time
scoring gives, bit for bit: each posting's value is widened to a double before it is multiplied
by the term's weight, and the terms are added in the same order (see ``SearchIndex.top``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpdesk.search.postings import Entry

Planned = tuple[float, float, Entry]
"""A query term: (most it can add, weight × idf, postings) — as ``SearchIndex.top`` plans it."""


COMMON_SHARE = 8
"""A term found in at least one document in this many is added over the whole score array."""


def ceiling(values: memoryview) -> float:
    """The largest of a term's posting values (as ``max`` gives, without a Python loop)."""
    return float(np.frombuffer(values, np.float32).max())


def top_k(plan: Sequence[Planned], size: int, k: int) -> list[tuple[int, float]]:
    """The ``k`` best of ``size`` documents for the planned terms, best first.

    Ties go to the document numbered first; documents that matched nothing are left out.
    """
    if k <= 0:
        return []
    scores = np.zeros(size)
    for _, factor, (docs, values) in plan:
        numbers = np.frombuffer(docs, np.int32)
        added = np.multiply(np.frombuffer(values, np.float32), factor, dtype=np.float64)
        if len(numbers) * COMMON_SHARE < size:
            # A document appears once in a term's postings: fancy-indexed ``+=`` adds each once.
            scores[numbers] += added
        else:
            # Spread out over every document first (adding 0.0 changes no score): for a word
            # in most documents, two plain passes cost less than one fancy-indexed one.
            scores += np.bincount(numbers, added, size)
    if np.count_nonzero(scores) > k:
        # Only the documents scoring at least the k-th best score (above 0 here) need sorting.
        kth = np.partition(scores, size - k)[size - k]
        found = np.flatnonzero(scores >= kth)
    else:
        found = np.flatnonzero(scores)
    # ``lexsort`` sorts by its last key first: best score, then lowest document number.
    order = found[np.lexsort((found, -scores[found]))][:k]
    return list(zip(order.tolist(), scores[order].tolist(), strict=True))
