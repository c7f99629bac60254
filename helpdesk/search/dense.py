"""The ``k`` best documents of a large index, scored with numpy over whole postings arrays.

A query over 10,000 articles names words found in most of them ("licença", "cliente"); adding
their postings one document at a time in Python costs milliseconds, where one vectorised
multiply-and-add per term costs microseconds. Scores are the very numbers the one-at-a-time
scoring gives, bit for bit: each posting's value is widened to a double before it is multiplied
by the term's weight, and the terms are added in the same order (see ``SearchIndex.top``).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import numpy as np

Planned = tuple[float, float, tuple["array[int]", "array[float]"]]
"""A query term: (most it can add, weight × idf, postings) — as ``SearchIndex.top`` plans it."""


def top_k(plan: Sequence[Planned], size: int, k: int) -> list[tuple[int, float]]:
    """The ``k`` best of ``size`` documents for the planned terms, best first.

    Ties go to the document numbered first; documents that matched nothing are left out.
    """
    scores = np.zeros(size)
    for _, factor, (docs, values) in plan:
        numbers = np.frombuffer(docs, np.int32)
        # A document appears once in a term's postings, so fancy-indexed ``+=`` adds each once.
        scores[numbers] += np.multiply(np.frombuffer(values, np.float32), factor, dtype=np.float64)
    found = np.flatnonzero(scores)
    if len(found) > k:
        # Only the documents scoring at least the k-th best score need sorting.
        kth = np.partition(scores[found], len(found) - k)[len(found) - k]
        found = found[scores[found] >= kth]
    # ``lexsort`` sorts by its last key first: best score, then lowest document number.
    order = found[np.lexsort((found, -scores[found]))][:k]
    return list(zip(order.tolist(), scores[order].tolist(), strict=True))
