"""The filters of lists and pickers fold text as search does."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpdesk.search import text
from screens import text_filter
from screens.text_filter import fold


def test_filters_use_the_search_folding() -> None:
    """One folding for every place a person types to find something."""
    assert text_filter.fold is text.fold


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("joao", "João da Silva"),
        ("ACAO", "Ação Contábil"),
        ("licenca", "Licença"),
        ("conceicao", "Maria Conceic\u0327a\u0303o"),  # accents sent decomposed
        ("são", "SAO PAULO"),
        ("123", "ID 12345 — Padaria “Central”"),
    ],
)
def test_a_word_typed_without_case_or_accents_is_found(typed: str, shown: str) -> None:
    """Case, accents and how the accents were encoded do not matter, on either side."""
    assert fold(typed) in fold(shown)


def test_folding_keeps_what_is_not_a_latin_accent() -> None:
    """Punctuation, digits and other marks stay: only letters lose case and accents."""
    assert fold("João Ação") == "joao acao"
    assert fold("Nº 12 — “Ltda.”") == "nº 12 — “ltda.”"
    assert fold("") == ""


def test_the_filters_do_not_load_the_search_engine() -> None:
    """Folding a filter's text imports the folding, not the engine and its libraries."""
    code = (
        "import sys\nfrom screens.text_filter import fold\nfold('João')\n"
        "print(sorted(m for m in ('helpdesk.search.engine', 'rapidfuzz', 'numpy') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
