"""The index reads each article's and action's fields through views made from them when read."""

from __future__ import annotations

import dataclasses

from _search import ACTIONS, ARTICLES, SYNONYMS, make_article

from helpdesk.search import SearchEngine
from helpdesk.search.documents import (
    action_document,
    action_fields,
    article_document,
    article_fields,
)


def test_article_fields_as_the_index_reads_them() -> None:
    """Title, keywords, headings other than the title, summary and the body without link targets."""
    article = make_article(
        "prazo",
        "Prazo do estorno",
        "# Prazo do estorno\n\nVeja [o formulário](form:refund).\n\n## Depois de sete dias\n\nNão.\n",
        keywords=("reembolso", "devolução"),
        summary="Sete dias.",
    )
    assert article_document(article) == {
        "title": "Prazo do estorno",
        "keywords": "reembolso ; devolução",
        "headings": "Depois de sete dias",
        "summary": "Sete dias.",
        "body": "# Prazo do estorno\n\nVeja [o formulário].\n\n## Depois de sete dias\n\nNão.\n",
    }


def test_action_fields_as_the_index_reads_them() -> None:
    """An action is read as its title, keywords and description."""
    action = ACTIONS[0]
    assert list(action_fields(action).items()) == [
        ("title", "Pedir estorno"),
        ("keywords", "estorno"),
        ("body", "Devolve o valor dentro do prazo."),
    ]
    assert action_document(action) == dict(action_fields(action))


def test_a_view_reads_each_field_from_its_article() -> None:
    """Each read makes the field from the article; a heading equal to the title is left out."""
    article = ARTICLES[0]
    view = article_fields(article)
    assert view["body"] == article.body
    assert view.get("headings") == "Prazo de arrependimento\nComo pedir"
    assert "nothing" not in view and view.get("nothing") is None
    assert len(view) == 5
    changed = dataclasses.replace(article, title="Prazo de arrependimento")
    assert article_fields(changed)["headings"] == "Como pedir"


def test_the_engine_spells_words_as_the_articles_write_them() -> None:
    """Accents of a corrected or suggested word come from the fields read again after the build."""
    engine = SearchEngine(ARTICLES, ACTIONS, SYNONYMS)
    assert engine.spelled("licenca") == "licença"
    assert engine.spelled("informacoes") == "informações"
    assert engine.shown_corrections("licnça") == {"licnca": "licença"}
    assert "arrependimento" in engine.suggestions("arependimntoo")
