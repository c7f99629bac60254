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

import numpy as np
import numpy.typing as npt

from helpdesk.search.index import BODY_FIRST, FIELD_SPECS, K1, Postings, bm25_idf
from helpdesk.search.pieces import BOUNDARY, GAP, Ints, Pieces, Terms, expand
from helpdesk.search.synonyms import Synonyms
from helpdesk.search.text import _SEPARATORS, Analyzer

CHUNK = 1000
"""Documents whose texts are read at a time (bounds the memory the arrays of a field take)."""
_TAIL = b" " * 16
"""Spaces after a field's texts (and a last ``GAP``): room for ``Pieces.numbers`` to read past
the last piece."""
_BLOCK = 1 << 18
"""Keys whose field saturation is worked out at a time."""
_RANK_BITS = 3
"""Bits of a key that hold the field (``BODY_FIRST.index``)."""


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
) -> tuple[Postings, dict[str, float]]:
    """Term → (documents, ``Σ_f w_f · saturated tf``) and term → idf, as ``SearchIndex`` builds them."""
    size = len(documents)
    terms = Terms()
    tables = _SynonymTables(synonyms, terms)
    pieces = Pieces(analyzer, terms)
    lengths = np.zeros((len(BODY_FIRST), size), np.int64)
    doc_bits = max(1, (size - 1).bit_length())
    keys: list[Ints] = []
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
            keys.append(rows)
    analyzer.compound.clear()
    return _invert(keys, lengths, list(terms), doc_bits)


def _invert(
    keys: list[Ints], lengths: Ints, names: list[str], doc_bits: int
) -> tuple[Postings, dict[str, float]]:
    """Postings from keys of one per word, ``term · document · field rank`` packed in bits.

    Each array is let go once the next is made (``keys`` is emptied too): at 10,000 articles
    each one is tens of megabytes.
    """
    every = np.concatenate(keys) if keys else np.zeros(0, np.int64)
    keys.clear()
    if not len(every):
        return {}, {}
    every.sort()
    starts = np.flatnonzero(np.concatenate(([True], every[1:] != every[:-1])))
    counts = np.diff(starts, append=len(every))
    unique = every[starts]
    del every, starts
    values = _saturated(unique, counts, lengths, doc_bits)
    del counts
    pairs = unique >> _RANK_BITS
    del unique
    # A term and document's fields follow each other body first, the order the plain build
    # adds them up in.
    firsts = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))
    sums = np.add.reduceat(values, firsts).astype(np.float32)
    del values
    pairs = pairs[firsts]
    del firsts
    docs = (pairs & ((1 << doc_bits) - 1)).astype(np.int32)
    terms = pairs >> doc_bits
    del pairs
    return _postings(terms, docs, sums, names, lengths.shape[1])


def _saturated(keys: Ints, counts: Ints, lengths: Ints, doc_bits: int) -> npt.NDArray[np.float64]:
    """``w_f · tf' / (k1 + tf')`` for each (term, document, field) key and its count.

    The very operations of ``Saturation``, in its order, so the values come out the same;
    worked out a block at a time, which keeps the temporary arrays small.
    """
    size = lengths.shape[1]
    totals = lengths.sum(axis=1).tolist()
    averages = np.array([(total / size if size else 0.0) or 1.0 for total in totals])
    specs = [FIELD_SPECS[name] for name in BODY_FIRST]
    bs = np.array([spec.b for spec in specs])
    weights = np.array([spec.weight for spec in specs])
    values = np.empty(len(keys))
    for low in range(0, len(keys), _BLOCK):
        key = keys[low : low + _BLOCK]
        rank = key & ((1 << _RANK_BITS) - 1)
        length = lengths[rank, (key >> _RANK_BITS) & ((1 << doc_bits) - 1)]
        b, count = bs[rank], counts[low : low + _BLOCK].astype(np.float64)
        norm = 1 / (1 - b + b * length / averages[rank])
        values[low : low + _BLOCK] = weights[rank] * count * norm / (K1 + count * norm)
    return values


def _postings(
    terms: Ints,
    docs: npt.NDArray[np.int32],
    sums: npt.NDArray[np.float32],
    names: list[str],
    size: int,
) -> tuple[Postings, dict[str, float]]:
    """Postings and idf by term name, from (term, document, value) sorted by term then document."""
    doc_bytes, value_bytes = docs.tobytes(), sums.tobytes()
    bounds = np.flatnonzero(np.concatenate(([True], terms[1:] != terms[:-1]))).tolist()
    numbers = terms[bounds].tolist()
    bounds.append(len(terms))
    postings: Postings = {}
    idfs: dict[str, float] = {}
    by_count: dict[int, float] = {}
    for number, start, end in zip(numbers, bounds, bounds[1:], strict=False):
        name = names[number]
        postings[name] = (
            array("i", doc_bytes[4 * start : 4 * end]),
            array("f", value_bytes[4 * start : 4 * end]),
        )
        found = end - start
        value = by_count.get(found)
        if value is None:
            value = by_count[found] = bm25_idf(found, size)
        idfs[name] = value
    return postings, idfs
