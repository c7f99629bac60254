"""Command palette entries: every article, every self-service action and the main screens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from helpdesk.request_kinds import KINDS

if TYPE_CHECKING:
    from screens.app import HelpdeskApp


class HelpdeskCommands(Provider):
    """Finds articles, forms and screens by name in the command palette (ctrl+p)."""

    @property
    def helpdesk(self) -> HelpdeskApp:
        """The app, typed."""
        return cast("HelpdeskApp", self.app)

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
        yield ("Buscar na central de ajuda", "Busca por palavras do dia a dia", app.action_search)
        yield ("Início", "Volta para a tela inicial", app.action_home)

    async def discover(self) -> Hits:
        """Everything, before the person types."""
        for text, help_text, callback in self._entries():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Entries whose name fuzzily matches ``query``."""
        matcher = self.matcher(query)
        for text, help_text, callback in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
