"""Highlights in snippets: the words of a text that match a query, found without folding it whole."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

from _search import SYNONYMS
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.search.snippet import _merge, highlight_spans, plain_text
from helpdesk.search.synonyms import Synonyms
from helpdesk.search.text import WORD_PATTERN, Analyzer, fold


def folded_spans(
    text: str, stems: Collection[str], tags: Collection[str], synonyms: Synonyms, analyzer: Analyzer
) -> list[tuple[int, int]]:
    """``highlight_spans`` the plain way: fold the whole text, then find and stem its words."""
    folded = fold(text)
    found = WORD_PATTERN.findall(folded)
    word_stems = [analyzer.word_stems[w] for w in found]
    hits = [(i, i) for i, s in enumerate(word_stems) if s in stems]
    if tags:
        kept = [i for i, s in enumerate(word_stems) if s]
        sequence = [word_stems[i] for i in kept]
        hits += [(kept[a], kept[b - 1]) for a, b, tag in synonyms.matches(sequence) if tag in tags]
    offsets = [m.span() for m in WORD_PATTERN.finditer(folded)]
    return _merge([(offsets[a][0], offsets[b][1]) for a, b in hits])


_PIECES = st.sampled_from(
    [
        *("Estorno", "ESTORNO", "estórno", "reembolso", "Reembolsos", "dinheiro", "de", "volta"),
        *("devolução", "DEVOLUÇÃO", "devoluc\u0327a\u0303o", "Licença", "licenca", "backup", "o"),
        *(" ", "  ", ", ", ".", "—", "…", "«", "»", "\n", "_", "-", "90", "İ", "ß", "ﬁ", "Ω"),
    ]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_spans_are_those_of_the_folded_text(text: str) -> None:
    """Whatever the case, accents, combining marks and punctuation, the same words are marked."""
    analyzer = Analyzer()
    stems = {analyzer.word_stems[w] for w in ("estorno", "licencas", "backup")}
    tags = {"~estorno"}
    assert highlight_spans(text, stems, tags, SYNONYMS, analyzer) == folded_spans(
        text, stems, tags, SYNONYMS, analyzer
    )
    assert highlight_spans(text, stems, (), SYNONYMS, analyzer) == folded_spans(
        text, stems, (), SYNONYMS, analyzer
    )


def test_marked_words_are_the_matching_ones() -> None:
    """Accented and upper-case forms are marked, synonym phrases from their first to last word."""
    analyzer = Analyzer()
    text = "O ESTORNO devolve o dinheiro de volta; a licença não."
    stems = {analyzer.word_stems["estorno"]}
    spans = highlight_spans(text, stems, {"~estorno"}, SYNONYMS, analyzer)
    assert [text[s:e] for s, e in spans] == ["ESTORNO", "dinheiro de volta"]


def test_offsets_are_those_of_the_composed_text() -> None:
    """Decomposed accents count as one letter each, as in ``plain_text``."""
    analyzer = Analyzer()
    text = "devoluc\u0327a\u0303o e estorno"
    spans = highlight_spans(text, {analyzer.word_stems["estorno"]}, (), SYNONYMS, analyzer)
    composed = unicodedata.normalize("NFC", text)
    assert [composed[s:e] for s, e in spans] == ["estorno"]
    assert plain_text(text) == composed


def test_plain_text_drops_the_marks_it_is_meant_to() -> None:
    """Links keep their text; tables, fences, rules, tags, emphasis and list marks go."""
    markdown = (
        "## Título\n\n- **Passo** um com [link](https://x) e `código`\n"
        "::: aviso\nCuidado <br> aqui\n:::\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n---\n"
        "![imagem](a.png) fim"
    )
    assert plain_text(markdown) == (
        "Título Passo um com link e código Cuidado aqui A · B 1 · 2 imagem fim"
    )
    assert plain_text("sem marca nenhuma") == "sem marca nenhuma"
