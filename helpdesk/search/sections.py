"""An article cut at its headings, so a result can open at the section that matches best."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from helpdesk.search.index import K1
from helpdesk.search.snippet import plain_text, searchable_text
from helpdesk.search.synonyms import Synonyms
from helpdesk.search.text import Analyzer

if TYPE_CHECKING:
    from helpdesk.catalog import Article

Patterns = Mapping[str, tuple[float, tuple[str, ...]]]
"""Query term → (weight × idf, the spaced phrases counted for it), as ``query_patterns`` gives."""

HEADING_WEIGHT = 3.0
"""Within an article, a match in a heading counts this much more than one in its text."""


@dataclass
class Part:
    """One heading of an article with the text under it, or the text before the first heading.

    Heading and text are kept as spaced stems (``" licenc cancel "``): counting a query's terms
    and phrases in them is a handful of ``str.count`` calls, cheaper than analysing each part
    into counters for results that are shown once.
    """

    anchor: str | None
    heading: str | None
    heading_stems: str
    text_stems: str
    markdown: str

    @cached_property
    def text(self) -> str:
        """The part's text as one readable line (for snippets)."""
        return plain_text(self.markdown)

    def score(self, patterns: Patterns) -> float:
        """How well the part matches: BM25 saturation per term, a heading match weighing more.

        ``patterns`` maps each query term to its weight times idf and the spaced phrases that
        count for it (the stem itself, or every phrase of a synonym group).
        """
        total = 0.0
        heading, text = self.heading_stems, self.text_stems
        for factor, phrases in patterns.values():
            tf = HEADING_WEIGHT * sum(map(heading.count, phrases)) + sum(map(text.count, phrases))
            if tf:
                total += factor * tf / (K1 + tf)
        return total


def split_article(article: Article, analyzer: Analyzer) -> list[Part]:
    """The introduction, then each heading's part (text up to the next heading of its rank or above)."""
    lines = article.body.splitlines()
    headings = [h for h in article.headings if h.title != article.title or h.level > 1]
    first = headings[0].line - 1 if headings else len(lines)
    intro = "\n".join(lines[:first])
    parts = [Part(None, None, "", _spaced(intro, analyzer), intro)]
    for number, heading in enumerate(headings):
        end = next(
            (h.line - 1 for h in headings[number + 1 :] if h.level <= heading.level), len(lines)
        )
        markdown = "\n".join(lines[heading.line : end])
        parts.append(
            Part(
                heading.anchor,
                heading.title,
                _spaced(heading.title, analyzer),
                _spaced(markdown, analyzer),
                markdown,
            )
        )
    return parts


def query_patterns(
    terms: Mapping[str, float], idf: Mapping[str, float], synonyms: Synonyms
) -> dict[str, tuple[float, tuple[str, ...]]]:
    """For each query term: weight × idf, and the spaced phrases to count for it."""
    patterns = {}
    for term, weight in terms.items():
        group = synonyms.group(term)
        phrases = [term] if group is None else [" ".join(p) for p in group.phrases]
        patterns[term] = (weight * idf.get(term, 0.0), tuple(f" {p} " for p in phrases))
    return patterns


def best_part(parts: list[Part], patterns: Patterns) -> Part:
    """The part that matches best; the introduction when none matches."""
    best, best_score = parts[0], 0.0
    for part in parts:
        score = part.score(patterns)
        if score > best_score:
            best, best_score = part, score
    return best


def _spaced(markdown: str, analyzer: Analyzer) -> str:
    """The stems of a piece of Markdown, spaced and padded: ``" licenc cancel "``."""
    return f" {' '.join(analyzer.runs(searchable_text(markdown)))} "
