"""An article cut at its headings, so a result can open at the section that matches best."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from helpdesk.search.index import K1, analyze_field
from helpdesk.search.snippet import plain_text, searchable_text
from helpdesk.search.synonyms import Synonyms
from helpdesk.search.text import Analyzer

if TYPE_CHECKING:
    from helpdesk.catalog import Article

HEADING_WEIGHT = 3.0
"""Within an article, a match in a heading counts this much more than one in its text."""


@dataclass
class Part:
    """One heading of an article with the text under it, or the text before the first heading."""

    anchor: str | None
    heading: str | None
    heading_counts: Counter[str]
    text_counts: Counter[str]
    markdown: str

    @cached_property
    def text(self) -> str:
        """The part's text as one readable line (for snippets)."""
        return plain_text(self.markdown)

    def score(self, terms: Mapping[str, float], idf: Mapping[str, float]) -> float:
        """How well the part matches weighted query terms (BM25 saturation, heading weighted)."""
        total = 0.0
        for term, weight in terms.items():
            tf = HEADING_WEIGHT * self.heading_counts[term] + self.text_counts[term]
            if tf:
                total += weight * idf.get(term, 0.0) * tf / (K1 + tf)
        return total


def split_article(article: Article, synonyms: Synonyms, analyzer: Analyzer) -> list[Part]:
    """The introduction, then each heading's part (text up to the next heading of its rank or above)."""
    lines = article.body.splitlines()
    headings = [h for h in article.headings if h.title != article.title or h.level > 1]
    first = headings[0].line - 1 if headings else len(lines)
    intro = "\n".join(lines[:first])
    parts = [Part(None, None, Counter(), _counts(intro, synonyms, analyzer), intro)]
    for number, heading in enumerate(headings):
        end = next(
            (h.line - 1 for h in headings[number + 1 :] if h.level <= heading.level), len(lines)
        )
        markdown = "\n".join(lines[heading.line : end])
        parts.append(
            Part(
                heading.anchor,
                heading.title,
                _counts(heading.title, synonyms, analyzer),
                _counts(markdown, synonyms, analyzer),
                markdown,
            )
        )
    return parts


def best_part(parts: list[Part], terms: Mapping[str, float], idf: Mapping[str, float]) -> Part:
    """The part that matches best; the introduction when none matches."""
    best, best_score = parts[0], 0.0
    for part in parts:
        score = part.score(terms, idf)
        if score > best_score:
            best, best_score = part, score
    return best


def _counts(markdown: str, synonyms: Synonyms, analyzer: Analyzer) -> Counter[str]:
    """Stem and synonym-tag counts of a piece of Markdown."""
    return analyze_field(searchable_text(markdown), synonyms, analyzer).counts
