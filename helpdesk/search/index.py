"""An inverted index ranking documents with weighted fields (title > keywords > headings > body).

Scoring is BM25 summed over fields, each field saturating on its own:
``score = Σ_t idf(t) · Σ_f w_f · tf'_f / (k1 + tf'_f)`` with ``tf'_f = tf_f / (1 − b_f + b_f ·
len_f / avglen_f)``. Plain BM25F saturates the fields' combined frequency instead: in a help
center where every article says "cancelamento" a dozen times, the body saturates and the article
*titled* with the word scores like all the others. Summing per field keeps a title or keyword
match worth its weight. Every part depends only on the documents, so the build stores
``idf · Σ_f …`` per posting and a query is a sum of lookups. Postings live in compact arrays
(8 bytes each) so 10,000 articles stay small in memory.
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
    """Postings for a fixed list of documents (built once, read by many queries)."""

    def __init__(
        self,
        postings: dict[str, tuple[array[int], array[float]]],
        idf: dict[str, float],
        size: int,
        vocabulary: Counter[str],
    ) -> None:
        self.postings = postings
        """Term → (document numbers, ``idf · Σ_f w_f · saturated tf`` for each)."""
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
        raw: dict[str, tuple[list[int], list[float]]] = {}
        for number, fields in enumerate(analyzed):
            combined: dict[str, float] = {}
            for name, field_data in fields.items():
                spec = FIELD_SPECS[name]
                norm = 1 / (1 - spec.b + spec.b * field_data.length / averages[name])
                for term, count in field_data.counts.items():
                    tf = count * norm
                    combined[term] = combined.get(term, 0.0) + spec.weight * tf / (K1 + tf)
            for term, value in combined.items():
                entry = raw.get(term)
                if entry is None:
                    entry = raw[term] = ([], [])
                entry[0].append(number)
                entry[1].append(value)
        idf = {term: _idf(len(entry[0]), size) for term, entry in raw.items()}
        postings = {
            term: (array("i", docs), array("f", [idf[term] * v for v in values]))
            for term, (docs, values) in raw.items()
        }
        for word in extra_words:
            vocabulary.setdefault(word, 0)
        return cls(postings, idf, size, vocabulary)

    def __contains__(self, term: str) -> bool:
        return term in self.postings

    def score(self, terms: Mapping[str, float]) -> dict[int, float]:
        """Document number → score for query terms given with their weights."""
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
