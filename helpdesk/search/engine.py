"""The search engine the CLI, the search screen and the command palette share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from helpdesk.search.actions import ActionEntry, load_actions
from helpdesk.search.documents import FieldView, action_fields, article_fields
from helpdesk.search.index import SearchIndex
from helpdesk.search.query import QueryPlan, Vocabulary, plan_query
from helpdesk.search.sections import Part, Patterns, best_part, query_patterns, split_article
from helpdesk.search.snippet import excerpt, highlight_spans, plain_text
from helpdesk.search.synonyms import Synonyms, load_synonyms
from helpdesk.search.text import WORD_PATTERN as WRITTEN_WORD
from helpdesk.search.text import fold

if TYPE_CHECKING:
    from helpdesk.catalog import Article

ACTIONS_SECTION = "Autoatendimento"
"""Section shown for action results."""
RELATIVE_CUTOFF = 0.12
"""Results scoring below this share of the best one are noise (a lone common word matched)."""
TITLE_MATCH_BOOST = 0.8
"""Extra share of score for a target whose whole title the query names ("pedir estorno")."""

SCAN_LENGTH = 2000
"""Characters of a section searched for the words to highlight."""

ResultKind = Literal["article", "action"]


@dataclass(frozen=True)
class SearchResult:
    """One hit: an article (opened at ``anchor`` when set) or an action (a form)."""

    kind: ResultKind
    id: str
    title: str
    section_title: str
    anchor: str | None
    heading: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The fields ``helpdesk search --json`` prints."""
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "section": self.section_title,
            "anchor": self.anchor,
            "heading": self.heading,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass(frozen=True, slots=True)
class _Target:
    """A searchable thing behind one index document."""

    kind: ResultKind
    id: str
    title: str
    section_title: str
    article: Article | None = None
    action: ActionEntry | None = None


def _fields(target: _Target) -> FieldView[Any]:
    """The fields of a target as the index reads them (made when read, never kept)."""
    if target.article is not None:
        return article_fields(target.article)
    assert target.action is not None
    return action_fields(target.action)


class SearchEngine:
    """Articles and actions in one weighted-field BM25 index; ``search`` answers a typed query."""

    def __init__(
        self,
        articles: Iterable[Article],
        actions: Iterable[ActionEntry] = (),
        synonyms: Synonyms | None = None,
    ) -> None:
        self.synonyms = synonyms if synonyms is not None else Synonyms()
        targets: list[_Target] = []
        for article in articles:
            targets.append(
                _Target(
                    "article", article.id, article.title, article.section_title, article=article
                )
            )
        for action in actions:
            targets.append(
                _Target("action", action.id, action.title, ACTIONS_SECTION, action=action)
            )
        self._targets = targets
        # Views, not copies: each field's text is made as the build reads it and let go after.
        documents = [_fields(target) for target in targets]
        self.index = SearchIndex.build(documents, self.synonyms, self.synonyms.vocabulary)
        self._title_stems: dict[int, frozenset[str]] = {}
        self._parts: dict[str, list[Part]] = {}

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Known words for typos and completions (made with the first query)."""
        return Vocabulary(self.index.vocabulary)

    @cached_property
    def _spellings(self) -> dict[str, str]:
        """Folded word → how the articles write it, accents included (made on first use)."""
        seen: dict[str, Counter[str]] = {}
        for target in self._targets:
            for text in _fields(target).values():
                for written in WRITTEN_WORD.findall(text):
                    seen.setdefault(fold(written), Counter())[written.lower()] += 1
        return {folded: counts.most_common(1)[0][0] for folded, counts in seen.items()}

    def spelled(self, folded: str) -> str:
        """A folded known word as people write it: ``licenca`` → ``licença``."""
        return self._spellings.get(folded, folded)

    def shown_corrections(self, query: str) -> dict[str, str]:
        """The typed words the search also read as another, that other spelled with accents."""
        return {typed: self.spelled(known) for typed, known in self.plan(query).corrections.items()}

    def __len__(self) -> int:
        """How many articles and actions are searchable."""
        return len(self._targets)

    def plan(self, query: str) -> QueryPlan:
        """How ``query`` is understood: weighted terms, corrections, unknown words."""
        return plan_query(query, self.vocabulary, self.index.postings, self.synonyms)

    def search(self, query: str, limit: int = 10) -> list[SearchResult]:
        """The best results for ``query``, best first (empty when nothing matches)."""
        if limit <= 0:
            return []
        plan = self.plan(query)
        # The title boost can reorder the head of the list, so look a little past the limit.
        best = self.index.top(plan.terms, max(2 * limit, 20))
        if not best:
            return []
        best = [(n, score * self._title_factor(n, plan)) for n, score in best]
        best.sort(key=lambda item: -item[1])
        floor = best[0][1] * RELATIVE_CUTOFF
        patterns = query_patterns(plan.terms, self.index.idf, self.synonyms)
        return [
            self._result(self._targets[n], score, plan, patterns)
            for n, score in best[:limit]
            if score >= floor
        ]

    def _title_factor(self, number: int, plan: QueryPlan) -> float:
        """Boost when the query says every word of the target's title (itself or a synonym).

        A query that names a title is asking for that very thing: "pedir estorno" is the refund
        form, even though the refund article says "estorno" many more times.
        """
        title = self._title_stems.get(number)
        if title is None:
            # Only the titles of results are ever asked for: analysed on first use.
            analyzer = self.index.analyzer
            title = self._title_stems[number] = frozenset(
                analyzer.stems(self._targets[number].title)
            )
        if not title:
            return 1.0
        for word_stem in title:
            if word_stem not in plan.terms and not (self.synonyms.tags_of(word_stem) & plan.tags):
                return 1.0
        return 1.0 + TITLE_MATCH_BOOST

    def suggestions(self, query: str, limit: int = 5) -> list[str]:
        """Known words closest to the words of ``query`` that matched nothing, with accents."""
        plan = self.plan(query)
        found: list[str] = []
        for word in plan.unknown:
            edits = max(2, len(word) // 3)
            for candidate, _distance in self.vocabulary.corrections(word, edits):
                if self.vocabulary.counts.get(candidate) and candidate not in found:
                    found.append(candidate)
        return [self.spelled(word) for word in found[:limit]]

    def _result(
        self, target: _Target, score: float, plan: QueryPlan, patterns: Patterns
    ) -> SearchResult:
        """A result with the best heading and a highlighted snippet."""
        anchor = heading = None
        texts: list[str | Callable[[], str]]
        if target.article is not None:
            parts = self._article_parts(target.article)
            part = best_part(parts, patterns)
            article = target.article
            if self._within_title(target.title, plan):
                # The query names the article itself ("estorno"): it opens at its top, where the
                # rule is stated, and the summary says why it came up.
                texts = [lambda: plain_text(article.summary), parts[0].text, part.text]
            else:
                anchor, heading = part.anchor, part.heading
                # The section's own text first; when the match was only in its heading, the
                # summary or the introduction say why the article came up.
                texts = [part.text, lambda: plain_text(article.summary)]
                if part is not parts[0]:
                    texts.append(parts[0].text)
        else:
            assert target.action is not None
            texts = [target.action.description]
        text, spans = self._first_with_matches(texts, plan)
        snippet, highlights = excerpt(text, spans)
        return SearchResult(
            target.kind, target.id, target.title, target.section_title, anchor, heading,
            score, snippet, highlights,
        )  # fmt: skip

    def _within_title(self, title: str, plan: QueryPlan) -> bool:
        """Whether every word of the query is a word of ``title`` (itself or a synonym)."""
        if not plan.stems:
            return False
        stems = frozenset(self.index.analyzer.stems(title))
        tags = {tag for word_stem in stems for tag in self.synonyms.tags_of(word_stem)}
        return all(s in stems or self.synonyms.tags_of(s) & tags for s in plan.stems)

    def _first_with_matches(
        self, texts: Iterable[str | Callable[[], str]], plan: QueryPlan
    ) -> tuple[str, list[tuple[int, int]]]:
        """The first text (computed only when reached) where the query's words show up."""
        first = ""
        for candidate in texts:
            text = candidate() if callable(candidate) else candidate
            first = first or text
            # Only the start of a long section can make the snippet; no need to scan the rest.
            head = text[:SCAN_LENGTH]
            spans = highlight_spans(head, plan.stems, plan.tags, self.synonyms, self.index.analyzer)
            if spans:
                return head, spans
        return first, []

    def _article_parts(self, article: Article) -> list[Part]:
        """The introduction and headed parts of ``article`` (split on first use)."""
        parts = self._parts.get(article.id)
        if parts is None:
            parts = self._parts[article.id] = split_article(article, self.index.analyzer)
        return parts


def build_engine(
    articles: Sequence[Article] | None = None,
    actions: Sequence[ActionEntry] | None = None,
    synonyms: Synonyms | None = None,
) -> SearchEngine:
    """An engine over the shipped help center (or the articles and actions given)."""
    if articles is None:
        from helpdesk.catalog import load_catalog

        articles = list(load_catalog().articles.values())
    return SearchEngine(
        articles,
        load_actions() if actions is None else actions,
        load_synonyms() if synonyms is None else synonyms,
    )
