"""Postings kept in flat arrays read as a mapping of term → (documents, values)."""

from __future__ import annotations

from array import array

import numpy as np
import pytest

from helpdesk.search.index import SearchIndex
from helpdesk.search.mapped import mapped_copy, mapped_zeros
from helpdesk.search.postings import Postings, TermValues
from helpdesk.search.synonyms import Synonyms

ENTRIES = [
    ("estorn", [0, 3, 7], [1.5, 0.25, 2.0]),
    ("licenc", [2], [0.5]),
    ("backup", [1, 2, 5, 6], [0.125, 1.0, 3.0, 0.75]),
]


def test_each_term_reads_its_own_documents_and_values() -> None:
    """A term's slice of the flat arrays is its documents and values, in order."""
    postings = Postings.collect(ENTRIES)
    assert list(postings) == ["estorn", "licenc", "backup"]
    assert len(postings) == 3
    for term, docs, values in ENTRIES:
        found_docs, found_values = postings[term]
        assert list(found_docs) == docs
        assert list(found_values) == values
        assert postings.count(term) == len(docs)
    assert "cancel" not in postings and postings.get("cancel") is None
    assert postings.find("cancel") is None
    assert postings.find("licenc") == postings["licenc"]
    assert postings.count("cancel") == 0
    with pytest.raises(KeyError):
        postings["cancel"]


def test_values_are_single_precision_as_the_index_stores_them() -> None:
    """Values round to C floats, the way an ``array('f')`` of them would."""
    postings = Postings.collect([("x", [4], [0.1])])
    assert postings["x"][1].tobytes() == array("f", [0.1]).tobytes()
    assert postings["x"][1][0] != 0.1


def test_postings_compare_as_mappings() -> None:
    """Two postings of the same terms are equal whatever their storage; none equals ``{}``."""
    assert Postings.collect([]) == {}
    assert Postings.collect(ENTRIES) == Postings.collect(ENTRIES)
    assert Postings.collect(ENTRIES) != Postings.collect(ENTRIES[:2])


def test_postings_over_numpy_arrays_read_the_same() -> None:
    """Postings over mapped numpy arrays (the bulk build's) read as those from lists."""
    docs = mapped_copy(np.array([0, 3, 7, 2], np.int32), 10)
    values = mapped_copy(np.array([1.5, 0.25, 2.0, 0.5], np.float32), 10)
    postings = Postings(
        {"estorn": 0, "licenc": 1}, array("q", [0, 3, 4]), docs[:4].data, values[:4].data
    )
    assert postings == Postings.collect(ENTRIES[:2])
    assert postings.nbytes == 4 * 4 + 4 * 4 + 3 * 8


def test_postings_refuse_arrays_of_other_types() -> None:
    """Document numbers must be C ints and values C floats."""
    with pytest.raises(ValueError, match="C int"):
        Postings({}, array("q", [0]), memoryview(array("q")), memoryview(array("f")))
    with pytest.raises(ValueError, match="C float"):
        Postings({}, array("q", [0]), memoryview(array("i")), memoryview(array("d")))


def test_term_values_follow_the_term_numbers() -> None:
    """One number per term, looked up through the postings' term numbers."""
    postings = Postings.collect(ENTRIES)
    idf = TermValues(postings.numbers, array("d", [0.5, 1.5, 2.5]))
    assert dict(idf) == {"estorn": 0.5, "licenc": 1.5, "backup": 2.5}
    assert "cancel" not in idf and idf.get("cancel", 0.0) == 0.0


def test_mapped_arrays_start_as_zeros_and_are_writable() -> None:
    """A mapped array is zero-filled, sized as asked (even empty), and takes writes."""
    zeros = mapped_zeros(5, np.int64)
    assert zeros.tolist() == [0] * 5
    zeros[2] = 9
    assert zeros.tolist() == [0, 0, 9, 0, 0]
    assert len(mapped_zeros(0, np.float32)) == 0
    copy = mapped_copy(np.array([3, 4], np.uint64), 4)
    assert copy.dtype == np.uint64 and copy.tolist() == [3, 4, 0, 0]


def test_the_vocabulary_is_the_words_of_the_documents() -> None:
    """Words the analyzer meets after the build (queries, snippets) do not join the vocabulary."""
    documents = [{"title": "Estorno da licença", "body": "O estorno devolve o valor pago."}]
    index = SearchIndex.build(documents, Synonyms(), ("extra",))
    index.analyzer.runs("palavras depois da construção")
    index.analyzer.written_stems["Cancelamento"]
    assert index.vocabulary == {
        "extra": 0,
        "estorno": 1,
        "licenca": 1,
        "devolve": 1,
        "valor": 1,
        "pago": 1,
    }
    assert {"palavras", "construcao", "cancelamento"} <= index.analyzer.words
