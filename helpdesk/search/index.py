"""An inverted index ranking documents with weighted fields (title > keywords > headings > body).

Scoring is BM25 summed over fields, each field saturating on its own:
``score = Σ_t idf(t) · Σ_f w_f · tf'_f / (k1 + tf'_f)`` with ``tf'_f = tf_f / (1 − b_f + b_f ·
len_f / avglen_f)``. Plain BM25F saturates the fields' combined frequency instead: in a help
center where every article says "cancelamento" a dozen times, the body saturates and the article
*titled* with the word scores like all the others. Summing per field keeps a title or keyword
match worth its weight. Every part depends only on the documents, so the build stores
``Σ_f …`` per posting and a query is a sum of lookups times each term's idf. Postings live in
two flat arrays shared by every term (8 bytes a posting, ``postings``) so 10,000 articles stay
small in memory. Large help centers are
built with numpy (``bulk``), into the very same postings, and their queries scored with numpy
over whole postings arrays (``dense``), to the very same scores.
"""

from __future__ import annotations

import gc
import heapq
import math
from array import array
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, islice, repeat
from operator import add, ge, itemgetter
from typing import Any, NamedTuple

from helpdesk.search.postings import Entry, Postings, TermValues
from helpdesk.search.synonyms import Synonyms
from helpdesk.search.text import Analyzer

FIELDS: tuple[str, ...] = ("title", "keywords", "headings", "summary", "body")
"""Fields a document may have, from the most telling to the least."""

BODY_FIRST = tuple(reversed(FIELDS))
"""The order fields are summed in (scores depend on it in their last bits)."""


@dataclass(frozen=True)
class FieldSpec:
    """How much a match in a field counts (``weight``) and how much its length dampens it (``b``)."""

    weight: float
    b: float


FIELD_SPECS: dict[str, FieldSpec] = {
    "title": FieldSpec(weight=6.0, b=0.3),
    "keywords": FieldSpec(weight=4.0, b=0.3),
    "headings": FieldSpec(weight=2.5, b=0.4),
    "summary": FieldSpec(weight=1.5, b=0.5),
    "body": FieldSpec(weight=1.0, b=0.75),
}
"""Field weights and length normalisation."""

K1 = 1.2
"""BM25 saturation: how fast repeating a word stops adding to the score."""

BULK_SIZE = 1000
"""From this many documents on, the index is built and queries are scored with numpy (``bulk``,
``dense``) rather than one document at a time: below it numpy's import would cost more than it
saves."""

_Planned = tuple[float, float, Entry]
"""A query term as ``top`` works through it: (most it can add, weight × idf, postings)."""


class Analyzed(NamedTuple):
    """One field of a document, analysed: its stems and synonym tags with their counts."""

    name: str
    counts: dict[str, int]
    length: int


def analyze_document(
    document: Mapping[str, str], synonyms: Synonyms, analyzer: Analyzer
) -> list[Analyzed]:
    """The document's non-empty fields, analysed, the body first (it has the most terms)."""
    fields = []
    for name in BODY_FIRST:
        text = document.get(name)
        if text:
            runs, counts, length = analyzer.count(text)
            synonyms.add_tags(runs, counts)
            fields.append(Analyzed(name, counts, length))
    return fields


class Saturation(dict[int, float]):
    """Count → ``w · tf' / (k1 + tf')`` for one field length, computed once per count.

    Counts are small whole numbers and lengths repeat from document to document, so one table
    per (field, length) serves every document of that length.
    """

    def __init__(self, spec: FieldSpec, length: int, average: float) -> None:
        super().__init__()
        self.weight = spec.weight
        self.norm = 1 / (1 - spec.b + spec.b * length / average)

    def __missing__(self, count: int) -> float:
        norm = self.norm
        value = self[count] = self.weight * count * norm / (K1 + count * norm)
        return value


class Saturations(dict[tuple[str, int], Saturation]):
    """The ``Saturation`` table of each (field, length), made when first asked for."""

    def __init__(self, averages: Mapping[str, float]) -> None:
        super().__init__()
        self.averages = averages

    def __missing__(self, key: tuple[str, int]) -> Saturation:
        name, length = key
        table = self[key] = Saturation(FIELD_SPECS[name], length, self.averages[name])
        return table


class SearchIndex:
    """Postings for a fixed list of documents (built once, read by many queries)."""

    def __init__(
        self,
        postings: Postings,
        idf: Mapping[str, float],
        size: int,
        extra_words: Iterable[str],
        analyzer: Analyzer,
    ) -> None:
        self.postings = postings
        """Term → (document numbers, ``Σ_f w_f · saturated tf`` for each; times idf when scored)."""
        self.idf = idf
        """Term → inverse document frequency (also used to weigh a heading within an article)."""
        self.size = size
        """How many documents."""
        self._extra_words = tuple(extra_words)
        # The words of the documents themselves are the first ones the analyzer met (it goes
        # on learning from queries and snippets): a count, not a copy of tens of thousands.
        self._words_read = len(analyzer.word_stems)
        self.analyzer = analyzer
        """The analyzer that read the documents (it knows their pieces of text already)."""
        self._ceilings: dict[str, float] = {}

    @classmethod
    def build(
        cls,
        documents: Sequence[Mapping[str, str]],
        synonyms: Synonyms,
        extra_words: Iterable[str] = (),
        bulk: bool | None = None,
    ) -> SearchIndex:
        """Index documents given as ``{field: text}``; ``extra_words`` join the vocabulary.

        ``bulk`` picks the build (both give the same index); by default, the size decides.
        """
        # Building allocates millions of small objects that all live on; the cyclic collector
        # would walk them again and again for nothing (none form cycles).
        collecting = gc.isenabled()
        gc.disable()
        try:
            if bulk is None:
                bulk = len(documents) >= BULK_SIZE
            if not bulk:
                return cls._build(documents, synonyms, extra_words)
            # Imported here: numpy only loads for a build that needs it (see ``BULK_SIZE``).
            from helpdesk.search.bulk import build_postings

            analyzer = Analyzer()
            postings, idf = build_postings(documents, synonyms, analyzer)
            return cls(postings, idf, len(documents), extra_words, analyzer)
        finally:
            if collecting:
                gc.enable()

    @classmethod
    def _build(
        cls,
        documents: Sequence[Mapping[str, str]],
        synonyms: Synonyms,
        extra_words: Iterable[str],
    ) -> SearchIndex:
        """``build`` itself."""
        analyzer = Analyzer()
        analyzed = [analyze_document(document, synonyms, analyzer) for document in documents]
        size = len(documents)
        totals = dict.fromkeys(FIELDS, 0)
        for fields in analyzed:
            for field_data in fields:
                totals[field_data.name] += field_data.length
        averages = {name: (totals[name] / size if size else 0.0) or 1.0 for name in FIELDS}
        saturations = Saturations(averages)
        pairs_of: defaultdict[str, list[Any]] = defaultdict(list)  # document, value, …
        for number, fields in enumerate(analyzed):
            combined = _combine(fields, saturations)
            analyzed[number] = []  # its counts are now these scores: let them go once added
            # Add (document, value) to every term's list in C: one ``extend`` per term, and
            # ``zip`` hands it the same reused pair each time, so nothing is allocated per posting.
            pairs = zip(repeat(number), combined.values(), strict=False)
            _consume(map(list.extend, map(pairs_of.__getitem__, combined), pairs))
        postings = Postings.collect(
            (term, flat[0::2], flat[1::2]) for term, flat in pairs_of.items()
        )
        del pairs_of
        idf = array("d", [bm25_idf(postings.count(term), size) for term in postings])
        return cls(postings, TermValues(postings.numbers, idf), size, extra_words, analyzer)

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        """Folded surface word → how many documents use it (for typos and completions).

        Made on first use: only queries need it. A word's count is its stem's document
        frequency: close enough to rank typo fixes and completions, and free, where counting
        words per document would cost a pass per field.
        """
        vocabulary = dict.fromkeys(self._extra_words, 0)
        stems = self.analyzer.word_stems
        count = self.postings.count
        for word, word_stem in islice(stems.items(), self._words_read):
            if word_stem:  # a stopword is no word to correct to or complete
                vocabulary[word] = count(word_stem)
        return vocabulary

    def __contains__(self, term: str) -> bool:
        """Whether any document holds ``term``."""
        return term in self.postings

    def top(
        self, terms: Mapping[str, float], k: int, dense: bool | None = None
    ) -> list[tuple[int, float]]:
        """The ``k`` best documents for weighted query terms, with their scores, best first.

        Terms are taken from the one that can add the most to a score down to the least. Large
        indexes add whole postings arrays with numpy (``dense``); small ones, whose postings
        are a few dozen entries, one posting at a time without loading numpy. Both give the
        same scores, bit for bit, and break ties by the lower document number; ``dense`` picks
        the way (by default, the size decides, as for the build).
        """
        if dense is None:
            dense = self.size >= BULK_SIZE
        if dense:
            # Imported here, as for the build: only large indexes load numpy.
            from helpdesk.search import dense as numpy_scoring

            measure = numpy_scoring.ceiling
        else:
            measure = _largest
        plan: list[_Planned] = []
        for term, weight in terms.items():
            entry = self.postings.find(term)
            if entry is not None and weight > 0:
                factor = weight * self.idf[term]
                ceiling = self._ceilings.get(term)
                if ceiling is None:
                    ceiling = self._ceilings[term] = measure(entry[1])
                plan.append((factor * ceiling, factor, entry))
        # The order terms are added in decides a score's last bits: both ways keep this one.
        plan.sort(key=itemgetter(0), reverse=True)
        if dense:
            return numpy_scoring.top_k(plan, self.size, k)
        return self._top_small(plan, k)

    def _top_small(self, plan: list[_Planned], k: int) -> list[tuple[int, float]]:
        """``top`` one posting at a time, for small indexes.

        Exact top-k with MaxScore pruning (Turtle & Flood 1995): once the terms left could not
        lift an unseen document into the top ``k``, they are only looked up for the documents
        that could still get there.
        """
        if sum(len(docs) for _, _, (docs, _) in plan) > self.size // 2:
            return self._top_common(plan, k)
        scores: dict[int, float] = {}
        get = scores.get
        remaining = sum(ceiling for ceiling, _, _ in plan)
        threshold = 0.0
        done = 0
        for ceiling, factor, (docs, values) in plan:
            if len(scores) >= k:
                threshold = heapq.nlargest(k, scores.values())[-1]
                if remaining < threshold:
                    break
            for doc, value in zip(docs, values, strict=True):
                scores[doc] = get(doc, 0.0) + value * factor
            remaining -= ceiling
            done += 1
        pool: Iterable[int] = scores
        if done < len(plan):
            pool = [doc for doc, score in scores.items() if score + remaining >= threshold]
            for _, factor, (docs, values) in plan[done:]:
                if len(pool) * 16 > len(docs):  # looking each one up would cost more
                    for doc, value in zip(docs, values, strict=True):
                        scores[doc] = get(doc, 0.0) + value * factor
                    continue
                for doc in pool:
                    i = bisect_left(docs, doc)
                    if i < len(docs) and docs[i] == doc:
                        scores[doc] += values[i] * factor
        # Ties go to the lower document number, as in ``_top_common`` and ``dense.top_k``.
        ranked = ((doc, scores[doc]) for doc in sorted(pool))
        return heapq.nlargest(k, ranked, key=itemgetter(1))

    def _top_common(self, plan: list[_Planned], k: int) -> list[tuple[int, float]]:
        """``top`` for queries of common words: one score slot per document.

        Indexing a list is cheaper than growing a dict, which pays off once the terms touch a
        good share of the documents, which is when this path is taken.
        """
        size = self.size
        scores = [0.0] * size
        remaining = sum(ceiling for ceiling, _, _ in plan)
        threshold = 0.0
        done = 0
        for ceiling, factor, (docs, values) in plan:
            if done:
                threshold = heapq.nlargest(k, scores)[-1]
                if remaining < threshold:
                    break
            for doc, value in zip(docs, values, strict=True):
                scores[doc] += value * factor
            remaining -= ceiling
            done += 1
        pool: Iterable[int] = range(size)
        if done < len(plan):
            # Only documents that could still reach the top k need the remaining terms.
            pool = list(compress(range(size), map(ge, scores, repeat(threshold - remaining))))
            for _, factor, (docs, values) in plan[done:]:
                if len(pool) * 16 > len(docs):  # looking each one up would cost more
                    for doc, value in zip(docs, values, strict=True):
                        scores[doc] += value * factor
                    continue
                for doc in pool:
                    i = bisect_left(docs, doc)
                    if i < len(docs) and docs[i] == doc:
                        scores[doc] += values[i] * factor
        best = heapq.nlargest(k, pool, key=scores.__getitem__)
        return [(doc, scores[doc]) for doc in best if scores[doc] > 0]


def _combine(fields: Sequence[Analyzed], saturations: Saturations) -> dict[str, Any]:
    """Term → ``Σ_f w_f · tf'_f / (k1 + tf'_f)`` for one document, summed in C.

    The first field's counts become the result in place (no new dictionary for the body's
    hundreds of terms), so ``fields`` must not be used afterwards.
    """
    if not fields:
        return {}
    name, combined, length = fields[0]
    table: dict[int, float] = saturations[name, length]
    result: dict[str, Any] = combined
    result.update(zip(combined, map(table.__getitem__, combined.values()), strict=True))
    for name, counts, length in fields[1:]:
        values = map(saturations[name, length].__getitem__, counts.values())
        # Add to what earlier fields gave (each term is read before it is written).
        result.update(
            zip(counts, map(add, map(result.get, counts, repeat(0.0)), values), strict=True)
        )
    return result


def _largest(values: memoryview) -> float:
    """The largest of a term's posting values (``top``'s ceiling for a small index)."""
    return max(values)


_consume = deque[object](maxlen=0).extend
"""Run an iterator to its end, keeping nothing."""


def bm25_idf(document_frequency: int, size: int) -> float:
    """BM25's idf, kept positive for words found in most documents."""
    return math.log(1 + (size - document_frequency + 0.5) / (document_frequency + 0.5))
