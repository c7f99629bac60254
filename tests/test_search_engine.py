"""The search engine on small in-memory articles: ranking, typos, synonyms, headings, snippets."""

from __future__ import annotations

import pytest
from _search import small_engine

from helpdesk.search import SearchEngine


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    """One engine for the module (building is the slow part)."""
    return small_engine()


def ids(engine: SearchEngine, query: str) -> list[str]:
    """Result ids, actions marked with '!'."""
    return [r.id + ("!" if r.kind == "action" else "") for r in engine.search(query)]


def test_accents_and_case_do_not_matter(engine: SearchEngine) -> None:
    """'LICENCA' without the cedilla finds the articles that say 'licença'."""
    assert ids(engine, "renovacao da LICENCA")[0] == "cancelar"


def test_stemming_matches_word_families(engine: SearchEngine) -> None:
    """'cancelada' finds the article about 'cancelar'."""
    assert ids(engine, "cancelada")[0] == "cancelar"


@pytest.mark.parametrize(("typed", "expected"), [("estrono", "estorno"), ("bakcup", "backup")])
def test_typos_are_corrected(engine: SearchEngine, typed: str, expected: str) -> None:
    """One swapped or wrong letter in a longer word still finds it."""
    assert engine.plan(typed).corrections == {typed: expected}
    assert expected in ids(engine, typed)[:2]


def test_short_words_are_not_guessed(engine: SearchEngine) -> None:
    """Words under five letters are never 'corrected' into something else."""
    assert engine.plan("ped ").corrections == {}


def test_two_edits_allowed_on_long_words(engine: SearchEngine) -> None:
    """'cancelamnetoo' (two edits) still reaches 'cancelamento'."""
    assert engine.plan("cancelamnetoo ").corrections == {"cancelamnetoo": "cancelamento"}


def test_unfinished_last_word_is_completed(engine: SearchEngine) -> None:
    """Typing 'titula' already finds 'titularidade'."""
    assert ids(engine, "titula")[0] == "titularidade"


def test_synonym_phrase_finds_article_without_those_words(engine: SearchEngine) -> None:
    """'dinheiro de volta' finds the estorno article, which never says it."""
    assert ids(engine, "quero meu dinheiro de volta")[0] in {"estorno", "refund!"}
    assert "estorno" in ids(engine, "quero meu dinheiro de volta")[:2]


def test_multi_word_synonym_on_the_article_side(engine: SearchEngine) -> None:
    """'titularidade' finds the article that says 'responsável pelo pagamento'."""
    assert ids(engine, "mudar a titularidade")[0] == "titularidade"


def test_title_outweighs_body(engine: SearchEngine) -> None:
    """An article named 'Backup' beats one that only mentions the word in passing."""
    found = ids(engine, "backup")
    assert "backup" in found
    assert "geral" not in found or found.index("backup") < found.index("geral")


def test_actions_are_searchable(engine: SearchEngine) -> None:
    """'agendar backup' offers the form to schedule a backup first."""
    assert ids(engine, "agendar backup")[0] == "backup!"


def test_result_opens_at_the_matching_heading(engine: SearchEngine) -> None:
    """A query about the download hour points at that section of the backup article."""
    top = engine.search("horario do download")[0]
    assert (top.id, top.anchor, top.heading) == (
        "backup",
        "horário-do-download",
        "Horário do download",
    )


def test_result_without_heading_match_opens_at_the_top(engine: SearchEngine) -> None:
    """When only the introduction matches, no anchor is given."""
    top = engine.search("planilhas")[0]
    assert (top.id, top.anchor) == ("backup", None)


def test_snippet_highlights_the_matched_words(engine: SearchEngine) -> None:
    """Highlights mark the matched words (synonyms too) inside the snippet."""
    top = engine.search("reembolso arrependimento")[0]
    marked = {top.snippet[s:e].lower() for s, e in top.highlights}
    assert top.id == "estorno"
    assert "arrependimento" in marked or "estorno" in marked
    assert all(top.snippet[s:e].strip() for s, e in top.highlights)


def test_nothing_found_gives_empty_list_and_suggestions(engine: SearchEngine) -> None:
    """A word nobody wrote finds nothing; a far-off typo gets close suggestions."""
    assert engine.search("xyzzy") == []
    assert engine.search("") == []
    assert engine.search("de para o") == []
    assert "arrependimento" in engine.suggestions("arependimntoo")


@pytest.mark.parametrize("query", ["9", "7 x", "2026"])
def test_numbers_nobody_wrote_get_no_suggestions(engine: SearchEngine, query: str) -> None:
    """A number that matched nothing is not compared with words (one digit has no neighbours)."""
    assert engine.search(query) == []
    assert engine.suggestions(query) == []


def test_limit_is_respected(engine: SearchEngine) -> None:
    """No more results than asked for."""
    assert len(engine.search("licença", limit=2)) <= 2


def test_json_view_has_the_promised_fields(engine: SearchEngine) -> None:
    """--json rows carry id, title, score, kind and anchor."""
    row = engine.search("backup")[0].to_json()
    assert {"id", "title", "score", "kind", "anchor"} <= row.keys()
