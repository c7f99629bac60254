"""Scoring with numpy (large indexes) ranks exactly as scoring one posting at a time (small ones)."""

from __future__ import annotations

import random
from dataclasses import astuple
from itertools import pairwise

import pytest
from _search import RELEVANCE

from helpdesk.catalog import load_catalog
from helpdesk.search import SearchEngine, build_engine, index, load_synonyms
from helpdesk.search.documents import article_document
from helpdesk.search.index import BULK_SIZE, SearchIndex
from helpdesk.search.query import Vocabulary, plan_query

COPY_EVERY = 7
"""Every this many documents is an exact copy of a shipped one: copies tie on every query."""


def varied_documents(count: int, seed: int = 3) -> list[dict[str, str]]:
    """``count`` documents made from the shipped articles, about a third of their words swapped."""
    rng = random.Random(seed)
    shipped = [article_document(a) for a in load_catalog().articles.values()]
    words = sorted({w for document in shipped for text in document.values() for w in text.split()})
    documents = []
    for number in range(count):
        document = shipped[number % len(shipped)]
        if number % COPY_EVERY == 0:
            documents.append(dict(document))
            continue
        documents.append(
            {
                name: " ".join(w if rng.random() > 0.3 else rng.choice(words) for w in text.split())
                for name, text in document.items()
            }
        )
    return documents


def queries(seed: int = 5) -> list[str]:
    """The relevance set, what is typed on the way to each of its queries, and random words."""
    rng = random.Random(seed)
    typed = [query for query, _ in RELEVANCE]
    typed += [query[:n] for query in typed[:10] for n in range(3, len(query), 3)]
    words = sorted({w for query in typed for w in query.split() if len(w) > 3})
    typed += [" ".join(rng.sample(words, rng.randint(1, 5))) for _ in range(60)]
    return typed


@pytest.fixture(scope="module")
def large() -> SearchIndex:
    """An index large enough to be scored with numpy by default."""
    return SearchIndex.build(varied_documents(BULK_SIZE + 60), load_synonyms())


def test_large_indexes_rank_the_same_both_ways(large: SearchIndex) -> None:
    """Same documents, same order, same scores to the last bit, ties to the lower number."""
    synonyms = load_synonyms()
    vocabulary = Vocabulary(large.vocabulary)
    tied = 0
    for query in queries():
        terms = plan_query(query, vocabulary, large.postings, synonyms).terms
        for k in (1, 3, 20, large.size - 1, large.size):
            dense = large.top(terms, k, dense=True)
            assert dense == large.top(terms, k, dense=False), (query, k)
            assert large.top(terms, k) == dense  # numpy is the default at this size
            for (doc, score), (next_doc, next_score) in pairwise(dense):
                assert score > next_score or (score == next_score and doc < next_doc)
                tied += score == next_score
    assert tied  # the copies did tie, so the tie order was checked


def test_nothing_matched_is_nothing_found(large: SearchIndex) -> None:
    """Terms no document holds, or weighed zero, give no documents either way."""
    for dense in (True, False):
        assert large.top({"xyzzy": 1.0}, 10, dense=dense) == []
        assert large.top({}, 10, dense=dense) == []
        assert large.top({"licenc": 0.0}, 10, dense=dense) == []
        assert large.top({"licenc": 1.0}, 0, dense=dense) == []


@pytest.fixture(scope="module")
def shipped() -> SearchEngine:
    """The engine over the shipped help center."""
    return build_engine()


def test_shipped_results_are_the_same_scored_with_numpy(
    shipped: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole results (order, scores, headings, snippets) do not depend on how scores are added."""
    every = queries()
    small = [[astuple(r) for r in shipped.search(q)] for q in every]
    monkeypatch.setattr(index, "BULK_SIZE", 0)
    assert [[astuple(r) for r in shipped.search(q)] for q in every] == small
    assert any(small)
