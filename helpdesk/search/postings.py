"""Every term's postings in two flat arrays, and its idf in a third, read as mappings by term.

A help center of 10,000 articles has tens of thousands of terms, most of them in a handful of
documents. Two arrays and a tuple per term cost more than the postings of such a term (an
``array`` object alone is 64 bytes, plus its own allocation), and tens of thousands of small
allocations made at the end of a build land wherever the build's freed memory left holes.
Here a term is a number into one offsets array; its postings are ``memoryview`` slices of the
shared arrays, made when asked for, read like the arrays they view (``len``, iteration,
``bisect``, ``numpy.frombuffer``) without copying anything.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence

Entry = tuple[memoryview, memoryview]
"""A term's document numbers (``int`` each, ascending) and its ``Σ_f w_f · saturated tf`` for
each (single-precision ``float`` each)."""


class Postings(Mapping[str, Entry]):
    """Term → (document numbers, ``Σ_f w_f · saturated tf`` for each), all in flat arrays."""

    __slots__ = ("_bounds", "_docs", "_numbers", "_values")

    def __init__(
        self, numbers: dict[str, int], bounds: array[int], docs: memoryview, values: memoryview
    ) -> None:
        """Term ``t``'s postings are ``docs`` (of C ``int``) and ``values`` (of C ``float``) from
        ``bounds[n]`` to ``bounds[n + 1]``, ``n = numbers[t]``."""
        if docs.format != "i" or values.format != "f":
            raise ValueError("postings take C int document numbers and C float values")
        self._numbers = numbers
        self._bounds = bounds
        self._docs = docs
        self._values = values

    @classmethod
    def collect(cls, entries: Iterable[tuple[str, Sequence[int], Sequence[float]]]) -> Postings:
        """Postings from each term's own document numbers and values, in the order given."""
        numbers: dict[str, int] = {}
        bounds, docs, values = array("q", [0]), array("i"), array("f")
        for term, term_docs, term_values in entries:
            numbers[term] = len(numbers)
            docs.extend(term_docs)
            values.extend(term_values)
            bounds.append(len(docs))
        return cls(numbers, bounds, memoryview(docs), memoryview(values))

    @property
    def numbers(self) -> Mapping[str, int]:
        """Term → its number (the order terms are kept in)."""
        return self._numbers

    def __getitem__(self, term: str) -> Entry:
        number = self._numbers[term]
        start, end = self._bounds[number], self._bounds[number + 1]
        return self._docs[start:end], self._values[start:end]

    def find(self, term: str) -> Entry | None:
        """``term``'s postings, or ``None`` (``get`` without raising and catching a ``KeyError``)."""
        number = self._numbers.get(term)
        if number is None:
            return None
        start, end = self._bounds[number], self._bounds[number + 1]
        return self._docs[start:end], self._values[start:end]

    def __contains__(self, term: object) -> bool:
        return term in self._numbers

    def __iter__(self) -> Iterator[str]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)

    @property
    def nbytes(self) -> int:
        """Bytes the postings' flat arrays hold."""
        return self._docs.nbytes + self._values.nbytes + self._bounds.itemsize * len(self._bounds)

    def count(self, term: str) -> int:
        """How many documents hold ``term`` (0 when none does)."""
        number = self._numbers.get(term)
        if number is None:
            return 0
        return self._bounds[number + 1] - self._bounds[number]


class TermValues(Mapping[str, float]):
    """Term → one number per term (its idf), kept in an array by the postings' term numbers."""

    __slots__ = ("_numbers", "_values")

    def __init__(self, numbers: Mapping[str, int], values: array[float]) -> None:
        self._numbers = numbers
        self._values = values

    def __getitem__(self, term: str) -> float:
        return self._values[self._numbers[term]]

    def __contains__(self, term: object) -> bool:
        return term in self._numbers

    def __iter__(self) -> Iterator[str]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)
