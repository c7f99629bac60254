"""The bulk index build (numpy, for large help centers) gives the very index of the plain one."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence

import numpy as np
import pytest
from _search import ACTIONS, ARTICLES, SYNONYMS
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk.catalog import load_catalog
from helpdesk.search import bulk, load_synonyms, pieces
from helpdesk.search.documents import action_document, article_document
from helpdesk.search.index import BULK_SIZE, SearchIndex
from helpdesk.search.synonyms import Synonyms, build_synonyms

Documents = Sequence[Mapping[str, str]]


def assert_same_index(documents: Documents, synonyms: Synonyms) -> SearchIndex:
    """Build both ways and compare every posting, score bit and idf; the bulk index is returned."""
    plain = SearchIndex.build(documents, synonyms, ("extra",), bulk=False)
    fast = SearchIndex.build(documents, synonyms, ("extra",), bulk=True)
    assert fast.postings.keys() == plain.postings.keys()
    for term, (docs, values) in plain.postings.items():
        assert fast.postings[term][0] == docs, term
        assert fast.postings[term][1].tobytes() == values.tobytes(), term
    assert fast.idf == plain.idf
    assert fast.size == plain.size
    assert fast.vocabulary == plain.vocabulary
    return fast


def test_same_index_for_the_small_articles() -> None:
    """Articles and actions of the engine tests index the same both ways."""
    documents = [article_document(a) for a in ARTICLES] + [action_document(a) for a in ACTIONS]
    assert_same_index(documents, SYNONYMS)


def test_same_index_for_the_shipped_help_center() -> None:
    """The real articles with the real synonyms index the same both ways."""
    documents = [article_document(a) for a in load_catalog().articles.values()]
    assert_same_index(documents, load_synonyms())


TRICKY = [
    # Several words in one piece (non-ASCII punctuation), accents and case, long words.
    {"title": "Cancelar—renovação", "body": "LICENÇA… licença «estorno» responsabilidades"},
    # A synonym phrase twice in a row counts twice; stopwords between its words do not matter.
    {"keywords": "dinheiro de volta dinheiro de volta", "body": "o dinheiro, de volta!"},
    {"body": "de a o"},  # only stopwords: a field of length 0
    {},  # no fields at all
    {"headings": "inconstitucionalissimamente inconstitucionalissimamente x"},
    {"summary": "ba ba ba", "body": "ba ba ba ba"},  # a phrase that can overlap itself
]
TRICKY_SYNONYMS = build_synonyms(
    [["estorno", "dinheiro de volta"], ["cancelar", "cancelar renovação"], ["ba ba", "bis"]]
)


def test_same_index_for_tricky_texts() -> None:
    """Pieces of several words, empty fields, long words and repeated phrases agree."""
    fast = assert_same_index(TRICKY, TRICKY_SYNONYMS)
    docs, _ = fast.postings["~estorno"]
    assert list(docs) == [0, 1]


def test_same_index_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents read a few at a time number and count the same as read all at once."""
    monkeypatch.setattr(bulk, "CHUNK", 2)
    assert_same_index(TRICKY * 3, TRICKY_SYNONYMS)


def test_same_index_when_every_hash_collides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces that share a hash are still told apart (each is checked against its bytes)."""
    monkeypatch.setattr(pieces, "_MIXERS", (np.uint64(0), np.uint64(0)))
    # The first piece read is the one every other is checked against: pieces alike in their
    # first 8 bytes come first.
    documents = [{"body": "licenciamento licenciada licenciadas licencia licenciar"}]
    documents += [article_document(a) for a in ARTICLES]
    assert_same_index(documents, SYNONYMS)


def test_hash_table_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    """More distinct pieces than the first table holds are all found again."""
    monkeypatch.setattr(pieces, "_FIRST_BITS", 2)
    documents = [{"body": " ".join(f"palavra{n}" for n in range(i, i + 40))} for i in range(20)]
    assert_same_index(documents, SYNONYMS)


def test_same_index_read_a_few_keys_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys turned into postings a few at a time, a term's keys often longer than a block,
    give the same postings as read all at once."""
    monkeypatch.setattr(bulk, "_BLOCK", 3)
    documents = [article_document(a) for a in ARTICLES] + [action_document(a) for a in ACTIONS]
    fast = assert_same_index(documents + TRICKY, TRICKY_SYNONYMS)
    assert fast.postings.count("licenc") >= 4


def test_same_index_when_counts_cannot_share_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys too wide to carry their counts in the same number are sorted with counts apart."""
    monkeypatch.setattr(bulk, "_PACKED_BITS", 4)
    assert_same_index(TRICKY * 3, TRICKY_SYNONYMS)
    documents = [article_document(a) for a in ARTICLES] + [action_document(a) for a in ACTIONS]
    assert_same_index(documents, SYNONYMS)


def test_empty_catalog() -> None:
    """No documents, or none with words, give an empty index."""
    assert assert_same_index([], SYNONYMS).postings == {}
    assert assert_same_index([{"body": "de o a"}], SYNONYMS).postings == {}


def test_without_synonyms() -> None:
    """A help center without a synonyms file indexes the same both ways."""
    assert_same_index(TRICKY, Synonyms())


def test_shipped_catalog_builds_without_numpy() -> None:
    """The small shipped help center never pays numpy's import (the CLI starts fast)."""
    code = (
        "import sys\nfrom helpdesk.search import build_engine\nbuild_engine()\n"
        "print('numpy' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


def test_large_catalogs_take_the_bulk_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """The size alone picks the build."""
    called: list[int] = []
    original = bulk.build_postings

    def spy(*args: object, **kwargs: object) -> object:
        called.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bulk, "build_postings", spy)
    SearchIndex.build([{"body": "a"}] * (BULK_SIZE - 1), SYNONYMS)
    assert not called
    SearchIndex.build([{"body": "a"}] * BULK_SIZE, SYNONYMS)
    assert called


_WORDS = st.sampled_from(
    [
        *("estorno", "reembolso", "dinheiro", "de", "volta", "cancelar", "renovação", "Licença"),
        *("LICENÇA", "o", "a", "90", "cópia", "segurança", "backup", "ba", "bis", "x", "—", "«»"),
        *("cancelar—renovação", "estorno…de…volta", "responsabilidades", "licenciamento"),
    ]
)
_FIELD = st.lists(_WORDS, max_size=12).map(" ".join)
_DOCUMENT = st.dictionaries(
    st.sampled_from(["title", "keywords", "headings", "summary", "body"]), _FIELD
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_DOCUMENT, max_size=8))
def test_same_index_for_any_documents(documents: list[dict[str, str]]) -> None:
    """Whatever the documents, both builds agree."""
    assert_same_index(documents, TRICKY_SYNONYMS)
