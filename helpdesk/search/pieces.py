"""Texts as arrays of term numbers, for the bulk build (``bulk``): the pieces of text told apart
in numpy, each distinct piece analysed once in Python.

Splitting 10,000 articles into Python objects and looking each up in a dictionary costs more
than everything else the index does. Here a text's bytes stay one buffer: numpy finds where
the pieces start and end and reads each piece's bytes as two whole numbers, which a hash table
kept in arrays turns into the piece's number. Only a piece not seen before becomes ``bytes``
and goes through the ``Analyzer``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from helpdesk.search.mapped import mapped_copy, mapped_zeros
from helpdesk.search.text import Analyzer

Ints = npt.NDArray[np.int64]
Words = npt.NDArray[np.uint64]

GAP = b" \xff "
"""Put between two documents' texts: byte 0xFF never occurs in UTF-8, so it is a piece apart."""
BOUNDARY = -1
"""The term number ``GAP`` stands for."""
_NOTHING = -2
"""First term of a piece with no word worth searching (a stopword, a stray letter)."""
_SEVERAL = -3
"""First term of a piece of several words (``"cancelar—renovação"``): see its full list."""

_SPACE = ord(" ")
_SHORT = 16
"""Pieces up to this many bytes are told apart in numpy (nearly all); longer ones in Python."""
_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], np.uint64)
"""``_MASKS[n]`` keeps the first ``n`` bytes of a little-endian 8-byte number."""
_MIXERS = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))
"""Odd multipliers that spread a piece's bytes over its hash."""
_FIRST_BITS = 16
"""The hash table starts with 2¹⁶ slots and grows fourfold when half full."""


class Terms(dict[str, int]):
    """Term → its number, numbered as first met."""

    def __missing__(self, term: str) -> int:
        number = self[term] = len(self)
        return number


class Pieces(dict[bytes, int]):
    """Piece of text → its number, and what terms each piece stands for.

    Each distinct piece is analysed once by the ``Analyzer`` (which folds, filters and stems
    it); its term numbers are noted in flat lists, copied into arrays as they grow.
    """

    def __init__(self, analyzer: Analyzer, terms: Terms) -> None:
        super().__init__()
        self.analyzer = analyzer
        self.terms_of = terms
        self._first: list[int] = [BOUNDARY]
        self._starts: list[int] = [0]
        self._lengths: list[int] = [1]
        self._flat: list[int] = [BOUNDARY]
        self[GAP.strip()] = 0
        self._table = _Table()
        self._arrays: list[Ints] = [np.zeros(0, np.int64) for _ in range(4)]

    def __missing__(self, piece: bytes) -> int:
        return self._note(piece, self.analyzer[piece])

    def learn(self, pieces: list[bytes]) -> list[int]:
        """The numbers of many pieces, those not seen before analysed together."""
        new = list(dict.fromkeys(piece for piece in pieces if piece not in self))
        self.update(zip(new, range(len(self._first), len(self._first) + len(new)), strict=True))
        terms = self.terms_of
        for value in self.analyzer.learn(new):
            # Nearly every piece is one word (one term, or none for a stopword).
            if " " in value:
                self._note_terms(value)
                continue
            self._starts.append(len(self._flat))
            if value:
                number = terms[value]
                self._first.append(number)
                self._lengths.append(1)
                self._flat.append(number)
            else:
                self._first.append(_NOTHING)
                self._lengths.append(0)
        return list(map(self.__getitem__, pieces))

    def _note(self, piece: bytes, value: str) -> int:
        """Number a new piece whose stems the analyzer gave as ``value``."""
        number = self[piece] = len(self._first)
        self._note_terms(value)
        return number

    def _note_terms(self, value: str) -> None:
        """Note the terms of the piece numbered next (its stems spaced in ``value``)."""
        numbers = list(map(self.terms_of.__getitem__, value.split()))
        self._first.append(numbers[0] if len(numbers) == 1 else _SEVERAL if numbers else _NOTHING)
        self._starts.append(len(self._flat))
        self._lengths.append(len(numbers))
        self._flat.extend(numbers)

    def numbers(self, data: bytes) -> Ints:
        """The number of each piece of ``data`` in order, pieces being runs of bytes other than
        a space (``data.split(b" ")`` without the empty ones); ``data`` must end with at least
        ``_SHORT`` spaces, so reading a piece's first bytes never goes past it."""
        solid = np.frombuffer(data, np.uint8) != _SPACE
        edges = np.flatnonzero(solid[1:] != solid[:-1]) + 1
        starts, ends = edges[0::2], edges[1::2]
        sizes = ends - starts
        # Every byte offset of ``data`` read as the 8 bytes from there on; a piece's bytes are
        # its first two such numbers, less what lies past its end. No piece holds a zero byte,
        # so the two numbers tell any two pieces of up to 16 bytes apart.
        view = np.ndarray((len(data) - 7,), "<u8", data, strides=(1,))
        # (In-place operations: each new array of a field's pieces is megabytes to allocate.)
        low = view[starts]
        low &= _MASKS[np.minimum(sizes, 8)]
        high = view[starts + 8]
        high &= _MASKS[np.clip(sizes - 8, 0, 8)]
        hashed = low * _MIXERS[0]
        hashed ^= high * _MIXERS[1]
        hashed |= np.uint64(1)
        numbers = self._table.find(hashed)
        new = np.flatnonzero((numbers < 0) & (sizes <= _SHORT))
        if len(new):
            new = new[np.unique(hashed[new], return_index=True)[1]]
            names = [
                data[a:b] for a, b in zip(starts[new].tolist(), ends[new].tolist(), strict=True)
            ]
            found = np.array(self.learn(names), np.int64)
            self._table.add(hashed[new], found, low[new], high[new])
            numbers[new] = found
            numbers[numbers < 0] = self._table.find(hashed[numbers < 0])
        # Two pieces may share a hash: each piece is checked against the one found for it, and
        # those that differ (or are too long to check) are looked up one by one.
        odd = sizes > _SHORT
        odd |= self._table.low[numbers] != low
        odd |= self._table.high[numbers] != high
        for i in np.flatnonzero(odd).tolist():
            numbers[i] = self[data[starts[i] : ends[i]]]
        return numbers

    def terms(self, pieces: Ints) -> Ints:
        """The term numbers of pieces, in order, words not worth searching left out."""
        first, starts, lengths, flat = self._grown()
        found = first[pieces]
        if not (found == _SEVERAL).any():
            return found[found != _NOTHING]
        return expand(pieces, starts, lengths, flat)[0]

    def _grown(self) -> list[Ints]:
        """The four lists as arrays, extended with the pieces met since last asked."""
        lists = (self._first, self._starts, self._lengths, self._flat)
        for i, values in enumerate(lists):
            done = len(self._arrays[i])
            if done < len(values):
                tail = np.array(values[done:], np.int64)
                self._arrays[i] = np.concatenate((self._arrays[i], tail))
        return self._arrays


def expand(items: Ints, starts: Ints, lengths: Ints, flat: Ints) -> tuple[Ints, Ints]:
    """What each item stands for (``flat[starts[i] : starts[i] + lengths[i]]``), in order, and
    the position in ``items`` of the item each value came from."""
    counts = lengths[items]
    owner = np.repeat(np.arange(len(items)), counts)
    ends = np.cumsum(counts)
    offsets = np.arange(len(owner)) - (ends - counts)[owner]
    return flat[starts[items][owner] + offsets], owner


class _Table:
    """A hash table in arrays (open addressing, linear probing): piece hash → piece number, and
    each number's piece as two whole numbers (``low``, ``high``) to check a find against."""

    def __init__(self) -> None:
        self.bits = _FIRST_BITS
        # Mapped, as the build's other large arrays (see ``mapped``): they grow as it goes.
        self.hashes = mapped_zeros(1 << self.bits, np.uint64)
        """Hash in each slot (0: empty; hashes are odd)."""
        self.numbers = mapped_zeros(1 << self.bits, np.int64)
        self.low = mapped_zeros(1 << self.bits, np.uint64)
        """Piece number → first 8 bytes of the piece (0 for a number not in the table)."""
        self.high = mapped_zeros(1 << self.bits, np.uint64)
        """Piece number → its next 8 bytes."""
        self.count = 0

    def find(self, hashed: Words) -> Ints:
        """The number stored for each hash, -1 where there is none."""
        mask = len(self.hashes) - 1
        slots = (hashed >> np.uint64(64 - self.bits)).astype(np.intp)
        found = self.numbers[slots]
        # Most hashes are in their own slot; the others are further on, or nowhere.
        todo = np.flatnonzero(self.hashes[slots] != hashed)
        found[todo] = -1
        slots = slots[todo]
        while len(todo):
            going = self.hashes[slots] != 0  # an empty slot ends the search
            todo, slots = todo[going], (slots[going] + 1) & mask
            hit = self.hashes[slots] == hashed[todo]
            found[todo[hit]] = self.numbers[slots[hit]]
            todo, slots = todo[~hit], slots[~hit]
        return found

    def add(self, hashed: Words, numbers: Ints, low: Words, high: Words) -> None:
        """Store hashes not in the table yet (each once) with their pieces' numbers and bytes."""
        while 2 * (self.count + len(hashed)) > len(self.hashes):
            self._grow()
        self._put(hashed, numbers)
        self.count += len(hashed)
        if len(numbers) and numbers.max() >= len(self.low):
            size = max(int(numbers.max()) + 1, 2 * len(self.low))
            self.low = mapped_copy(self.low, size)
            self.high = mapped_copy(self.high, size)
        self.low[numbers], self.high[numbers] = low, high

    def _put(self, hashed: Words, numbers: Ints) -> None:
        """Put each hash in its slot or the first free one after it, all at once: in each round
        the hashes whose slot is free take it (one per slot), the others try the next."""
        mask = len(self.hashes) - 1
        slots = (hashed >> np.uint64(64 - self.bits)).astype(np.int64)
        while len(slots):
            free = np.flatnonzero(self.hashes[slots] == 0)
            taking = free[np.unique(slots[free], return_index=True)[1]]
            self.hashes[slots[taking]] = hashed[taking]
            self.numbers[slots[taking]] = numbers[taking]
            left = np.ones(len(slots), bool)
            left[taking] = False
            hashed, numbers, slots = hashed[left], numbers[left], slots[left]
            slots = np.where(self.hashes[slots] != 0, (slots + 1) & mask, slots)

    def _grow(self) -> None:
        """Four times the slots, every stored hash put again."""
        used = np.flatnonzero(self.hashes)
        hashes, numbers = self.hashes[used], self.numbers[used]
        self.bits += 2
        self.hashes = mapped_zeros(1 << self.bits, np.uint64)
        self.numbers = mapped_zeros(1 << self.bits, np.int64)
        self._put(hashes, numbers)
