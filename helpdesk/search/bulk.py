"""The index build for large help centers: the postings ``SearchIndex`` makes one document at a
time, computed for every document at once with numpy.

Built one document at a time, each word of the text costs several dictionary updates in Python
(count it, tag it, add its fields up, file it under its term): at 10,000 articles that is
millions of small objects. Here the texts of a thousand documents at a time become one array
of term numbers (``pieces``), and counting, synonym tags, field saturation and inversion are
whole-array operations on such arrays; Python only sees each distinct word once, and each term
once at the end. The results are the same, bit for bit (a test holds both builds to that), so
the small shipped catalog keeps the plain build and does not pay numpy's import.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from itertools import count

import numpy as np
import numpy.typing as npt

from helpdesk.search.index import BODY_FIRST, FIELD_SPECS, K1, bm25_idf
from helpdesk.search.mapped import mapped_zeros
from helpdesk.search.pieces import BOUNDARY, GAP, Ints, Pieces, Terms, expand
from helpdesk.search.postings import Postings, TermValues
from helpdesk.search.synonyms import Synonyms
from helpdesk.search.text import _SEPARATORS, Analyzer

CHUNK = 125
"""Documents whose texts are read at a time. Their arrays are made and let go chunk after chunk
in the heap, each chunk reusing the space the last one left, so the heap grows by about one
chunk's arrays and keeps that after the build. At 10,000 articles, chunks of 1,000 left 10–20 MB
more behind than chunks of 125, for the same build time."""
_TAIL = b" " * 16
"""Spaces after a field's texts (and a last ``GAP``): room for ``Pieces.numbers`` to read past
the last piece."""
_BLOCK = 1 << 15
"""Keys turned into postings at a time: bounds the temporary arrays of ``_invert`` (a dozen of
them, 256 KB each), which stay behind in the heap as ``CHUNK``'s do."""
_RANK_BITS = 3
"""Bits of a key that hold the field (``BODY_FIRST.index``)."""
_PACKED_BITS = 63
"""Bits a key and its count may take together (``_merged``)."""

Counts = npt.NDArray[np.int32]
"""How often each key came up (a word in one field of one document)."""


class _SynonymTables:
    """The synonym groups as term numbers: what ``Synonyms.add_tags`` counts, as arrays."""

    def __init__(self, synonyms: Synonyms, terms: Terms) -> None:
        # Numbered before any text, so every term a group speaks of has a number below ``known``.
        singles = {
            terms[first]: [terms[tag] for tag in tags]
            for first, tags in synonyms.indexed_singles().items()
        }
        self.phrases = [
            ([terms[s] for s in stems], terms[tag], _overlaps(stems))
            for stems, tag in synonyms.indexed_phrases()
        ]
        self.known = len(terms)
        self.lengths = np.zeros(self.known, np.int64)
        self.starts = np.zeros(self.known, np.int64)
        flat: list[int] = []
        for term, tags in singles.items():
            self.starts[term], self.lengths[term] = len(flat), len(tags)
            flat.extend(tags)
        self.flat = np.array(flat, np.int64)
        self.is_first = np.zeros(self.known, bool)
        for stems, _, _ in self.phrases:
            self.is_first[stems[0]] = True

    def single_tags(self, terms: Ints, docs: Ints) -> tuple[Ints, Ints]:
        """(tag, document) once for each term that alone stands for a group."""
        found = np.flatnonzero(terms < self.known)
        found = found[self.lengths[terms[found]] > 0]
        tags, owner = expand(terms[found], self.starts, self.lengths, self.flat)
        return tags, docs[found][owner]

    def phrase_tags(self, sequence: Ints, docs: Ints) -> tuple[Ints, Ints]:
        """(tag, document) once for each multi-word phrase found in ``sequence``.

        ``sequence`` is a field's terms with ``BOUNDARY`` between documents, so no phrase is
        found across two of them; ``docs`` gives each position's document.
        """
        if not self.phrases:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        # Read as unsigned, the boundaries (negative) are past every known term.
        found = np.flatnonzero(sequence.view(np.uint64) < self.known)
        found = found[self.is_first[sequence[found]]]
        heads = sequence[found]
        tags, places = [], []
        for stems, tag, overlaps in self.phrases:
            at = found[heads == stems[0]]
            # The sequence ends with a boundary, so no phrase reads past its end.
            for offset, term in enumerate(stems[1:], start=1):
                at = at[sequence[at + offset] == term]
            if overlaps:
                at = _apart(at, len(stems))
            tags.append(np.full(len(at), tag, np.int64))
            places.append(at)
        return np.concatenate(tags), docs[np.concatenate(places)]


def _overlaps(stems: Sequence[str]) -> bool:
    """Whether a phrase can overlap itself ("a b a"): its finds must then be counted apart."""
    return any(stems[:n] == stems[-n:] for n in range(1, len(stems)))


def _apart(starts: Ints, length: int) -> Ints:
    """The finds counted left to right without overlapping, as ``str.count`` counts them."""
    kept: list[int] = []
    for start in starts.tolist():
        if not kept or start >= kept[-1] + length:
            kept.append(start)
    return np.array(kept, np.int64)


def build_postings(
    documents: Sequence[Mapping[str, str]], synonyms: Synonyms, analyzer: Analyzer
) -> tuple[Postings, TermValues]:
    """Term → (documents, ``Σ_f w_f · saturated tf``) and term → idf, as ``SearchIndex`` builds them."""
    size = len(documents)
    terms = Terms()
    tables = _SynonymTables(synonyms, terms)
    pieces = Pieces(analyzer, terms)
    lengths = np.zeros((len(BODY_FIRST), size), np.int64)
    doc_bits = max(1, (size - 1).bit_length())
    keys: list[tuple[Ints, Counts]] = []
    for rank, name in enumerate(BODY_FIRST):
        for low in range(0, size, CHUNK):
            high = min(size, low + CHUNK)
            texts = (document.get(name) or "" for document in documents[low:high])
            encoded = [
                text.encode("utf-8", "surrogatepass").translate(_SEPARATORS) for text in texts
            ]
            data = b"".join((b" ", GAP.join(encoded), GAP, _TAIL))
            sequence = pieces.terms(pieces.numbers(data))
            docs = np.cumsum(sequence == BOUNDARY)  # counted from ``low``
            words = sequence >= 0
            found, where = sequence[words], docs[words]
            lengths[rank, low:high] = np.bincount(where, minlength=high - low)
            single, single_docs = tables.single_tags(found, where)
            phrase, phrase_docs = tables.phrase_tags(sequence, docs)
            # One key per word (and tag): term, document and field packed in one number, so
            # a single sort groups them as postings want them (63 bits leave room for millions
            # of terms and of documents).
            rows = np.concatenate((found, single, phrase))
            rows <<= doc_bits
            rows |= np.concatenate((where, single_docs, phrase_docs))
            rows += low
            rows <<= _RANK_BITS
            rows |= rank
            if not len(rows):
                continue
            # Words repeat within a field: keep each key once, with how often it came up.
            rows.sort()
            starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
            counts = mapped_zeros(len(starts), np.int32)
            counts[:] = np.diff(starts, append=len(rows))
            keys.append((np.take(rows, starts, out=mapped_zeros(len(starts), np.int64)), counts))
            del rows, starts, counts
    analyzer.compound.clear()
    return _invert(keys, lengths, list(terms), doc_bits)


def _merged(keys: list[tuple[Ints, Counts]]) -> tuple[Ints, Counts | None, int]:
    """Every chunk's keys in one array, ascending, with their counts, and how many low bits of
    a key hold its count. ``keys`` is emptied as it is read (each chunk let go once copied).

    Each count is packed in the low bits of its key when both fit in 63 bits (nearly always):
    one array sorted in place, where counts in an array of their own would need an index sort
    and two more arrays as large as the keys. Otherwise (millions of terms and of documents)
    the counts come apart (``None`` then stands for counts packed).
    """
    total = sum(len(chunk) for chunk, _ in keys)
    largest_count = max((int(counts.max()) for _, counts in keys if len(counts)), default=1)
    # Each chunk's keys are sorted: its last is its largest.
    largest_key = max((int(chunk[-1]) for chunk, _ in keys if len(chunk)), default=0)
    count_bits = largest_count.bit_length()
    if largest_key.bit_length() + count_bits > _PACKED_BITS:
        every = np.concatenate([chunk for chunk, _ in keys]) if keys else np.zeros(0, np.int64)
        counts = np.concatenate([c for _, c in keys]) if keys else np.zeros(0, np.int32)
        keys.clear()
        order = np.argsort(every)
        return every[order], counts[order], 0
    every = mapped_zeros(total, np.int64)
    at = 0
    keys.reverse()  # taken from the end of the list, so each chunk goes once copied
    while keys:
        chunk, chunk_counts = keys.pop()
        into = every[at : at + len(chunk)]
        np.left_shift(chunk, count_bits, out=into)
        into |= chunk_counts
        at += len(chunk)
    every.sort()
    return every, None, count_bits


def _invert(
    keys: list[tuple[Ints, Counts]], lengths: Ints, names: list[str], doc_bits: int
) -> tuple[Postings, TermValues]:
    """Postings from each chunk's distinct ``term · document · field rank`` keys and counts.

    The keys are merged into one sorted array (``_merged``) and read a block of whole terms at a
    time into the postings' own arrays, so no step holds more than a block's temporary arrays
    beside them: at 10,000 articles an array of every key is tens of megabytes, and each such
    array made and let go would stay behind in the process's heap.
    """
    every, counts, count_bits = _merged(keys)
    size = lengths.shape[1]
    term_shift = count_bits + _RANK_BITS + doc_bits
    # As many as the keys at most; the pages past the postings found are never touched.
    docs = mapped_zeros(len(every), np.int32)
    sums = mapped_zeros(len(every), np.float32)
    bounds = [0]
    numbers: dict[str, int] = {}
    saturation = _Saturation(lengths, doc_bits)
    low = done = 0
    while low < len(every):
        high = min(len(every), low + _BLOCK)
        if high < len(every):
            # End the block where a term starts (past the term at ``high`` if it alone is longer).
            term = int(every[high]) >> term_shift
            cut = int(np.searchsorted(every, term << term_shift))
            if cut == low:  # the last key of the term (a term's keys stay below 2⁶³)
                cut = int(np.searchsorted(every, ((term + 1) << term_shift) - 1, side="right"))
            high = cut
        block = every[low:high]
        if counts is None:
            key, found = block >> count_bits, block & ((1 << count_bits) - 1)
        else:
            key, found = block, counts[low:high]
        values = saturation(key, found)
        pairs = key >> _RANK_BITS
        # A term and document's fields follow each other body first, the order the plain build
        # adds them up in.
        firsts = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))
        end = done + len(firsts)
        sums[done:end] = np.add.reduceat(values, firsts)
        pairs = pairs[firsts]
        docs[done:end] = pairs & ((1 << doc_bits) - 1)
        terms = pairs >> doc_bits
        starts = np.flatnonzero(np.concatenate(([True], terms[1:] != terms[:-1])))
        numbers.update(zip(map(names.__getitem__, terms[starts].tolist()), count(len(numbers))))
        bounds.extend((starts[1:] + done).tolist())
        bounds.append(end)
        low, done = high, end
    del every, counts
    found_in = np.diff(np.array(bounds, np.int64))
    # The idf of each document count once, with ``bm25_idf`` itself (the plain build's values).
    distinct, which = np.unique(found_in, return_inverse=True)
    by_count = np.array([bm25_idf(n, size) for n in distinct.tolist()], np.float64)
    postings = Postings(numbers, array("q", bounds), docs[:done].data, sums[:done].data)
    return postings, TermValues(numbers, array("d", by_count[which].tobytes()))


class _Saturation:
    """``w_f · tf' / (k1 + tf')`` for (term, document, field rank) keys and their counts.

    The very operations of ``index.Saturation``, in its order, so the values come out the same.
    """

    def __init__(self, lengths: Ints, doc_bits: int) -> None:
        size = lengths.shape[1]
        totals = lengths.sum(axis=1).tolist()
        self.averages = np.array([(total / size if size else 0.0) or 1.0 for total in totals])
        specs = [FIELD_SPECS[name] for name in BODY_FIRST]
        self.bs = np.array([spec.b for spec in specs])
        self.weights = np.array([spec.weight for spec in specs])
        self.lengths = lengths
        self.doc_mask = (1 << doc_bits) - 1

    def __call__(self, keys: Ints, counts: Ints | Counts) -> npt.NDArray[np.float64]:
        """The value of each key with its count."""
        rank = keys & ((1 << _RANK_BITS) - 1)
        length = self.lengths[rank, (keys >> _RANK_BITS) & self.doc_mask]
        b, count = self.bs[rank], counts.astype(np.float64)
        norm = 1 / (1 - b + b * length / self.averages[rank])
        return self.weights[rank] * count * norm / (K1 + count * norm)
