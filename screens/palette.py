"""Command palette entries: every article, every self-service action and the main screens.

Typing in the palette asks the help center's search engine first, so everyday words find the
right article or form ("dinheiro de volta" → estorno); names of screens and commands are matched
by Textual's fuzzy matcher as well.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from helpdesk.request_kinds import KINDS
from screens.helpdesk_mixin import HelpdeskAware
from screens.widgets.deadline_banner import choose_deadline_window

if TYPE_CHECKING:
    from helpdesk.search import SearchEngine, SearchResult

SEARCH_LIMIT = 8
"""Search results offered in the palette."""


class HelpdeskCommands(HelpdeskAware, Provider):
    """Finds articles, forms and screens in the command palette (ctrl+p)."""

    _engine: SearchEngine | None = None

    async def startup(self) -> None:
        """Get the search engine ready (built in a thread the first time)."""
        from screens.search import search_engine

        try:
            self._engine = await asyncio.to_thread(search_engine, self.helpdesk)
        except Exception as error:  # the palette still works by names without the engine
            self.app.log.error(f"search engine unavailable: {error!r}")

    def _entries(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        """(text shown, help line, what to do) for every entry."""
        app = self.helpdesk
        for kind in KINDS.values():
            yield (f"Formulário: {kind.title}", kind.description, partial(app.open_form, kind.id))
        for article in app.catalog.articles.values():
            yield (
                f"Artigo: {article.title}",
                f"{article.category_title} › {article.section_title}",
                partial(app.open_article, article.id),
            )
        yield ("Minhas solicitações", "Pedidos registrados e seus status", app.action_requests)
        yield ("Meu lote", "Licenças do lote e próximos prazos", app.action_lote)
        yield (
            "Aviso de prazos na tela inicial",
            "Quantos dias antes avisar do prazo para pedir o cancelamento",
            partial(choose_deadline_window, app),
        )
        yield ("Buscar na central de ajuda", "Busca por palavras do dia a dia", app.action_search)
        yield ("Início", "Volta para a tela inicial", app.action_home)

    async def discover(self) -> Hits:
        """Everything, before the person types."""
        for text, help_text, callback in self._entries():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Search results first (scored by their rank), then names that fuzzily match."""
        matcher = self.matcher(query)
        offered: set[str] = set()
        if self._engine is not None and query.strip():
            results = await asyncio.to_thread(self._engine.search, query, SEARCH_LIMIT)
            best = results[0].score if results else 1.0
            for result in results:
                text, help_text, callback = self._from_result(result)
                offered.add(text)
                # Engine hits sit between 0.5 and 1, above all but near-exact name matches.
                score = 0.5 + 0.5 * result.score / best
                yield Hit(score, matcher.highlight(text), callback, text=text, help=help_text)
        for text, help_text, callback in self._entries():
            if text in offered:
                continue
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text, help=help_text)

    def _from_result(self, result: SearchResult) -> tuple[str, str, Callable[[], None]]:
        """(text shown, help line, what to do) for a search result."""
        app = self.helpdesk
        if result.kind == "action":
            return (
                f"Formulário: {result.title}",
                KINDS[result.id].description if result.id in KINDS else result.snippet,
                partial(app.open_form, result.id),
            )
        where = f" › {result.heading}" if result.heading else ""
        return (
            f"Artigo: {result.title}",
            f"{result.section_title}{where}",
            partial(app.open_article, result.id, result.anchor or ""),
        )
