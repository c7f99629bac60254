"""Folding, tokens, stopwords and stemming of Portuguese text."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from helpdesk.search.text import _SEPARATORS, WORD_PATTERN, Analyzer, analyze, fold, stem, words


def test_fold_removes_case_and_accents() -> None:
    """Não = nao, Licença = licenca, ÁÉÍÓÚ ÂÊÔ ÃÕ Ç À all fold."""
    assert fold("Não") == "nao"
    assert fold("Licença") == "licenca"
    assert fold("ÁÉÍÓÚ âêô ãõ Ç à") == "aeiou aeo ao c a"


def test_fold_accepts_decomposed_input() -> None:
    """Text with combining accents (as some systems send it) folds the same way."""
    assert fold("licenc\u0327a") == "licenca"


@given(st.text())
def test_fold_keeps_offsets(text: str) -> None:
    """Folding NFC text never changes its length, so offsets point to the same letters."""
    nfc = unicodedata.normalize("NFC", text)
    assert len(fold(nfc)) == len(nfc)


def folded_one_by_one(text: str) -> str:
    """``fold`` the plain way: compose, lower-case, then map each accented letter to its base."""
    text = unicodedata.normalize("NFC", text)
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    result = []
    for char in lowered:
        decomposed = unicodedata.normalize("NFD", char)
        latin = 0xC0 <= ord(char) < 0x250 and decomposed[0].isascii() and decomposed[0].isalpha()
        result.append(decomposed[0].lower() if latin and len(decomposed) > 1 else char)
    return "".join(result)


_TYPED = st.text(
    st.sampled_from("aAçÇãÃéÉíóõôúüÜñšŠžŸÿß İıΣς—“”…›€→✓😀\u0301\u0327 .,-_1") | st.characters()
)


@given(_TYPED)
def test_fold_maps_each_letter_to_its_base(text: str) -> None:
    """Whatever the text (Windows-1252 or not, ASCII or not), each letter folds on its own."""
    assert fold(text) == folded_one_by_one(text)


def test_folded_words_carry_offsets_into_the_original() -> None:
    """Offsets of words in the folded text slice the original text at those words."""
    text = "Peça o estorno, já!"
    found = list(WORD_PATTERN.finditer(fold(text)))
    assert [m.group() for m in found] == ["peca", "o", "estorno", "ja"]
    assert [text[m.start() : m.end()] for m in found] == ["Peça", "o", "estorno", "já"]


# Portuguese letters in both cases, decomposed accents, digits, ASCII and non-ASCII punctuation
# and spaces (the index splits on ASCII ones itself and leaves the others to each piece).
_TEXT = st.text(
    alphabet="abcçdeéêfgãiíklmnoõóprstuúvxzCÇÃÉIİ0123456789 ,.;:!?()-/\n*#[]_'\"\t"
    "\u0301\u0303\u0327\u0307\u00a0\u2014\u2026\u00ba«»",
    max_size=80,
)


@given(_TEXT)
def test_index_and_query_analysis_agree(text: str) -> None:
    """The index (cached pieces of text) and queries (whole text) reach the same stems."""
    assert Analyzer().stems(text) == analyze(text)


@given(_TEXT)
def test_index_counts_are_the_stems_counted(text: str) -> None:
    """What the index counts for a field is the query analysis of it, counted."""
    analyzer = Analyzer()
    analyzer.count("cancelar—renovação")  # a piece of several words seen before
    _, counts, length = analyzer.count(text)
    stems = analyze(text)
    assert counts == Counter(stems)
    assert length == len(stems)


@given(_TEXT)
def test_learning_many_pieces_at_once_gives_what_one_at_a_time_gives(text: str) -> None:
    """The bulk build analyses new pieces together; the results are those of one by one."""
    pieces = text.encode("utf-8", "surrogatepass").translate(_SEPARATORS).split()
    pieces += [b"cancelamentos", b"devolucao", b"de", b"90", b"ab"]
    one, many = Analyzer(), Analyzer()
    one[b"licencas"], many[b"licencas"]  # a piece seen before
    assert many.learn(pieces) == [one[piece] for piece in pieces]
    assert many.words == one.words
    assert many.word_stems == one.word_stems


def test_word_stems_give_stems_and_blanks_for_stopwords() -> None:
    """Snippets look words up one by one: a stem, or nothing for a stopword."""
    analyzer = Analyzer()
    assert [analyzer.word_stems[w] for w in ("cancelamento", "de", "licencas")] == [
        stem("cancelamento"),
        "",
        stem("licencas"),
    ]


def test_words_drop_stopwords_and_filler() -> None:
    """'quero', 'meu', 'de' say nothing about what is searched for."""
    assert words("Quero meu dinheiro de volta") == ["dinheiro", "volta"]


def test_stemming_joins_word_families() -> None:
    """cancelar / cancelamento / cancelada / cancelo share one stem."""
    assert len({stem(w) for w in ("cancelar", "cancelamento", "cancelada", "cancelo")}) == 1


def test_stemming_ignores_accents() -> None:
    """Typed with or without accents, a word reaches the same stem."""
    for accented in ("devolução", "devoluções", "informações", "renovação", "cópia", "horários"):
        assert analyze(accented) == analyze(fold(accented)), accented


def test_singular_and_plural_meet() -> None:
    """licença = licenças, devolução = devoluções."""
    assert analyze("licença") == analyze("licenças")
    assert analyze("devolução") == analyze("devoluções")


def test_numbers_are_kept() -> None:
    """'90 dias' keeps the number, which partners search for."""
    assert analyze("90 dias")[0] == "90"
