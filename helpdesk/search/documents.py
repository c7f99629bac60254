"""The fields of articles and actions as the index reads them, made when read and not kept.

The index only needs each field's text while it builds, one field of one document at a time;
a body's link-free copy (``searchable_text``) is as large as the body itself. Made up front for
every document, those copies doubled the articles' memory during the build and left the freed
space behind in the process's heap; read through a ``FieldView`` each text lives only as long
as the build step that reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Generic, TypeVar

from helpdesk.search.actions import ActionEntry
from helpdesk.search.snippet import searchable_text

if TYPE_CHECKING:
    from helpdesk.catalog import Article

Source = TypeVar("Source")

ARTICLE_FIELDS: dict[str, Callable[[Article], str]] = {
    "title": lambda article: article.title,
    "keywords": lambda article: " ; ".join(article.keywords),
    "headings": lambda article: "\n".join(
        h.title for h in article.headings if h.title != article.title
    ),
    "summary": lambda article: article.summary,
    "body": lambda article: searchable_text(article.body),
}
"""Field → its text in an article, in the order the index lists them."""

ACTION_FIELDS: dict[str, Callable[[ActionEntry], str]] = {
    "title": lambda action: action.title,
    "keywords": lambda action: " ; ".join(action.keywords),
    "body": lambda action: action.description,
}
"""Field → its text in an action."""


class FieldView(Mapping[str, str], Generic[Source]):
    """One document's fields, each text made from its source when read (never stored)."""

    __slots__ = ("_readers", "_source")

    def __init__(self, source: Source, readers: Mapping[str, Callable[[Source], str]]) -> None:
        self._source = source
        self._readers = readers

    def __getitem__(self, name: str) -> str:
        return self._readers[name](self._source)

    def __iter__(self) -> Iterator[str]:
        return iter(self._readers)

    def __len__(self) -> int:
        return len(self._readers)


def article_fields(article: Article) -> FieldView[Article]:
    """The fields of an article as the index sees them, made when read."""
    return FieldView(article, ARTICLE_FIELDS)


def action_fields(action: ActionEntry) -> FieldView[ActionEntry]:
    """The fields of an action as the index sees them, made when read."""
    return FieldView(action, ACTION_FIELDS)


def article_document(article: Article) -> dict[str, str]:
    """The fields of an article as the index sees them."""
    return dict(article_fields(article))


def action_document(action: ActionEntry) -> dict[str, str]:
    """The fields of an action as the index sees them."""
    return dict(action_fields(action))
