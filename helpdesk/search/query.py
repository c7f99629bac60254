"""From what a person typed to weighted index terms: typos corrected, the last word completed,
synonym groups recognised."""

from __future__ import annotations

import bisect
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import OSA

from helpdesk.search.synonyms import Synonyms
from helpdesk.search.text import WORD_PATTERN, fold, is_meaningful, stem

CORRECTED_WEIGHT = 0.8
"""A corrected typo counts a little less than a word typed right."""
COMPLETION_WEIGHTS = (0.8, 0.5, 0.5)
"""Weights of the completions of an unfinished last word, most common first."""
PHRASE_WORD_WEIGHT = 0.5
"""Weight of a word that is part of a recognised synonym phrase (the group tag weighs 1)."""


def max_edits(word: str) -> int:
    """Typos tolerated in a word: none below 5 letters, one up to 7, two from 8 on."""
    if len(word) < 5 or word.isdigit():
        return 0
    return 1 if len(word) < 8 else 2


class Vocabulary:
    """Folded words of the index with their document counts, for typos and completions.

    Typo search compares a word only with words whose length is within the edits allowed and
    whose first letter is the same, or whose second letter is (the first letter is rarely the
    mistyped one, and a swap of the first two is caught by the second bucket). Optimal string
    alignment distance counts a swap of two neighbours ("bakcup") as one edit.
    """

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts = counts
        """Folded word → how many documents use it."""

    # Sorting and bucketing tens of thousands of words is only needed once a word has to be
    # completed or corrected, so the engine's build does not pay for it.
    @cached_property
    def _sorted(self) -> list[str]:
        """Every known word, sorted (for completions)."""
        return sorted(self.counts)

    @cached_property
    def _buckets(self) -> dict[tuple[int, str], list[str]]:
        """Words by (length, first letter) and by (length, "+" second letter), for typos."""
        buckets: dict[tuple[int, str], list[str]] = {}
        for word in self.counts:
            if len(word) >= 4 and not word.isdigit():
                buckets.setdefault((len(word), word[0]), []).append(word)
                buckets.setdefault((len(word), "+" + word[1]), []).append(word)
        return buckets

    def __contains__(self, word: object) -> bool:
        """Whether ``word`` (folded) is known."""
        return word in self.counts

    def _candidate_buckets(self, word: str, edits: int) -> list[list[str]]:
        """The buckets of words that could be within ``edits`` of ``word`` (they may overlap)."""
        found: list[list[str]] = []
        for length in range(len(word) - edits, len(word) + edits + 1):
            for key in ((length, word[0]), (length, "+" + word[1])):
                bucket = self._buckets.get(key)
                if bucket:
                    found.append(bucket)
        return found

    def corrections(self, word: str, edits: int | None = None) -> list[tuple[str, int]]:
        """Known words within the allowed edits of ``word``, nearest and most common first."""
        edits = max_edits(word) if edits is None else edits
        if edits == 0 or len(word) < 2:
            return []
        # Each bucket is searched as it is (in C) and the few matches merged: joining buckets
        # of thousands of words into one list first would cost more than comparing them.
        distances: dict[str, int] = {}
        for bucket in self._candidate_buckets(word, edits):
            for candidate, distance, _ in process.extract(
                word, bucket, scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                distances[candidate] = int(distance)
        counts = self.counts
        return sorted(distances.items(), key=lambda m: (m[1], -counts[m[0]], m[0]))

    def completions(self, prefix: str, limit: int = 3) -> list[str]:
        """The most common known words starting with ``prefix``."""
        start = bisect.bisect_left(self._sorted, prefix)
        end = bisect.bisect_left(self._sorted, prefix + "\uffff")
        found = self._sorted[start:end]
        found = [w for w in found if self.counts[w] > 0] or found
        return sorted(found, key=lambda w: (-self.counts[w], len(w), w))[:limit]


@dataclass
class QueryPlan:
    """What a query asks the index for, and how it was understood."""

    terms: dict[str, float] = field(default_factory=dict)
    """Index term → weight."""
    stems: set[str] = field(default_factory=set)
    """Stems to highlight in snippets."""
    tags: set[str] = field(default_factory=set)
    """Synonym groups the query named."""
    corrections: dict[str, str] = field(default_factory=dict)
    """Word typed → known word searched instead (typos and completions)."""
    unknown: list[str] = field(default_factory=list)
    """Words that matched nothing."""

    def add(self, term: str, weight: float) -> None:
        """Ask for ``term`` with at least ``weight``."""
        if weight > self.terms.get(term, 0.0):
            self.terms[term] = weight


def plan_query(
    query: str, vocabulary: Vocabulary, index_terms: Container[str], synonyms: Synonyms
) -> QueryPlan:
    """Turn a typed query into weighted terms.

    Known words count as typed; an unknown last word still being typed is completed; other
    unknown words are corrected to the nearest known word (one or two edits); phrases of a
    synonym group add the group's tag.
    """
    plan = QueryPlan()
    folded = fold(query)
    typed = WORD_PATTERN.findall(folded)
    unfinished = bool(typed) and not folded[-1:].isspace() and folded[-1:].isalnum()
    sequence: list[str] = []
    for position, word in enumerate(typed):
        if not is_meaningful(word):
            continue
        is_last = unfinished and position == len(typed) - 1
        if word in vocabulary or stem(word) in index_terms:
            sequence.append(stem(word))
            plan.add(stem(word), 1.0)
            continue
        completions = vocabulary.completions(word) if is_last and len(word) >= 3 else []
        if completions:
            plan.corrections[word] = completions[0]
            sequence.append(stem(completions[0]))
            for completion, weight in zip(completions, COMPLETION_WEIGHTS, strict=False):
                plan.add(stem(completion), weight)
            continue
        fixes = vocabulary.corrections(word)
        if fixes:
            best = fixes[0][0]
            plan.corrections[word] = best
            sequence.append(stem(best))
            plan.add(stem(best), CORRECTED_WEIGHT)
            continue
        plan.unknown.append(word)
        sequence.append(stem(word))
    plan.stems = set(sequence)
    in_phrases: set[str] = set()
    for start, end, tag in synonyms.matches(sequence):
        plan.tags.add(tag)
        plan.add(tag, 1.0)
        in_phrases.update(sequence[start:end])
    # The group tag carries the meaning of a synonym phrase; its own words keep a smaller weight
    # (the exact wording still ranks first) so a concept is not counted twice.
    for word_stem in in_phrases:
        if word_stem in plan.terms:
            plan.terms[word_stem] = min(plan.terms[word_stem], PHRASE_WORD_WEIGHT)
    return plan
