"""A BM25F inverted index over documents with weighted fields (title > keywords > headings > body).

BM25F (Robertson, Zaragoza & Taylor 2004) folds the fields into one term frequency before BM25's
saturation: ``tf~ = Σ_f w_f · tf_f / (1 − b_f + b_f · len_f / avglen_f)``, then
``score = Σ_t idf(t) · tf~ / (k1 + tf~)``. Every part of that depends only on the documents, so
the build stores ``idf · tf~ / (k1 + tf~)`` per posting and a query is a sum of lookups.
Postings live in compact arrays (8 bytes each) so 10,000 articles stay small in memory.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from helpdesk.search.synonyms import Synonyms
from helpdesk.search.text import stem, words

FIELDS: tuple[str, ...] = ("title", "keywords", "headings", "summary", "body")
"""Fields a document may have, from the most telling to the least."""


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


@dataclass(frozen=True)
class Analyzed:
    """One field of a document, analysed: its stems and synonym tags with their counts."""

    counts: Counter[str]
    length: int


def analyze_field(
    text: str, synonyms: Synonyms, vocabulary: Counter[str] | None = None
) -> Analyzed:
    """Stems and synonym tags of one field; the field's folded words go into ``vocabulary``."""
    folded = words(text)
    if vocabulary is not None:
        vocabulary.update(set(folded))
    stems = [stem(w) for w in folded]
    counts = Counter(stems)
    counts.update(synonyms.tag_counts(stems, counts))
    return Analyzed(counts, len(stems))


class SearchIndex:
    """BM25F postings for a fixed list of documents (built once, read by many queries)."""

    def __init__(
        self,
        postings: dict[str, tuple[array[int], array[float]]],
        idf: dict[str, float],
        size: int,
        vocabulary: Counter[str],
    ) -> None:
        self.postings = postings
        """Term → (document numbers, ``idf · saturated tf~`` for each)."""
        self.idf = idf
        """Term → inverse document frequency (also used to weigh a heading within an article)."""
        self.size = size
        """How many documents."""
        self.vocabulary = vocabulary
        """Folded surface word → how many documents use it (for typos and completions)."""

    @classmethod
    def build(
        cls,
        documents: Sequence[Mapping[str, str]],
        synonyms: Synonyms,
        extra_words: Iterable[str] = (),
    ) -> SearchIndex:
        """Index documents given as ``{field: text}``; ``extra_words`` join the vocabulary."""
        vocabulary: Counter[str] = Counter()
        analyzed: list[dict[str, Analyzed]] = []
        totals = dict.fromkeys(FIELDS, 0)
        for document in documents:
            fields = {}
            for name in FIELDS:
                text = document.get(name)
                if text:
                    fields[name] = analyze_field(text, synonyms, vocabulary)
                    totals[name] += fields[name].length
            analyzed.append(fields)
        size = len(documents)
        averages = {name: (totals[name] / size if size else 0.0) or 1.0 for name in FIELDS}
        # Per field, a precomputed multiplier for each document: w_f / (1 − b_f + b_f·len/avg).
        raw: dict[str, tuple[list[int], list[float]]] = {}
        for number, fields in enumerate(analyzed):
            combined: dict[str, float] = {}
            for name, field_data in fields.items():
                spec = FIELD_SPECS[name]
                norm = spec.weight / (1 - spec.b + spec.b * field_data.length / averages[name])
                for term, count in field_data.counts.items():
                    combined[term] = combined.get(term, 0.0) + count * norm
            for term, tf in combined.items():
                entry = raw.get(term)
                if entry is None:
                    entry = raw[term] = ([], [])
                entry[0].append(number)
                entry[1].append(tf / (K1 + tf))
        idf = {term: _idf(len(entry[0]), size) for term, entry in raw.items()}
        postings = {
            term: (array("i", docs), array("f", [idf[term] * s for s in saturated]))
            for term, (docs, saturated) in raw.items()
        }
        for word in extra_words:
            vocabulary.setdefault(word, 0)
        return cls(postings, idf, size, vocabulary)

    def __contains__(self, term: str) -> bool:
        return term in self.postings

    def score(self, terms: Mapping[str, float]) -> dict[int, float]:
        """Document number → BM25F score for query terms given with their weights."""
        scores: dict[int, float] = {}
        get = scores.get
        for term, weight in terms.items():
            entry = self.postings.get(term)
            if entry is None:
                continue
            docs, values = entry
            if weight == 1.0:
                for doc, value in zip(docs, values, strict=True):
                    scores[doc] = get(doc, 0.0) + value
            else:
                for doc, value in zip(docs, values, strict=True):
                    scores[doc] = get(doc, 0.0) + value * weight
        return scores


def _idf(document_frequency: int, size: int) -> float:
    """BM25's idf, kept positive for words found in most documents."""
    return math.log(1 + (size - document_frequency + 0.5) / (document_frequency + 0.5))
