"""Minhas solicitações: every request, newest first, with filters, detail and CSV export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Select, Static

from helpdesk.documents import mask_name
from helpdesk.history import Location
from helpdesk.request_kinds import KINDS
from screens.binding_keys import bound_key
from screens.dialogs import ConfirmDialog, PathDialog
from screens.help import search_bindings
from screens.helpdesk_mixin import HelpdeskAware
from screens.request_rows import COLUMNS as CELL_ORDER
from screens.request_rows import (
    cells,
    filtered,
    haystack,
    key_date_text,
    kind_short,
    protocol_of,
)
from screens.textual_hooks import FixedTitleHeader, QuietFooter
from screens.widgets.change_watcher import ChangeWatcher, reload_keeping_cursor
from screens.widgets.paged_table import Column, PagedTable
from screens.widgets.select import PtSelect

if TYPE_CHECKING:
    from store.interface import Request, RequestSummary

FILTER_DELAY = 0.15
"""Seconds of quiet typing before the free-text filter runs (typing stays smooth)."""

KEPT = frozenset({"protocol", "kind", "status", "license"})
"""Columns every width shows: which request, of what kind, where it stands, for which license."""

COLUMNS = tuple(
    Column(key, label, keep=key in KEPT, flex=key == "client", min_width=8)
    for key, label in CELL_ORDER
)
"""The requests table; the client name takes the room left and the dates follow if they fit."""


def empty_hint() -> str:
    """What to do when there is no request yet, naming the keys of the screens it points to."""
    from screens.article import ArticleScreen
    from screens.home import ACTION_KEYS

    digits = list(ACTION_KEYS.values())
    back = bound_key(RequestsScreen.BINDINGS, "requests_back")
    form = bound_key(ArticleScreen.BINDINGS, "first_action")
    return (
        "Você ainda não fez nenhuma solicitação.\n\n"
        f"Para começar, volte ao início ({back}) e escolha uma ação de Autoatendimento (teclas "
        f"{digits[0]} a {digits[-1]}), ou abra um artigo e tecle {form} para o formulário dele. "
        "Cada pedido enviado aparece aqui, com o protocolo e a situação."
    )


def natural_widths(summaries: Sequence[RequestSummary]) -> dict[str, int]:
    """How wide each column's text gets (measured on strings; clients once per name)."""
    return {
        "protocol": max((len(summary.protocol) for summary in summaries), default=0),
        "kind": max((len(kind_short(kind)) for kind in {s.kind for s in summaries}), default=0),
        "status": max((len(label) for label in {s.status_label for s in summaries}), default=0),
        "license": max((cell_len(summary.support_id) for summary in summaries), default=0),
        "client": max(
            (cell_len(mask_name(client) or "—") for client in {s.client for s in summaries}),
            default=0,
        ),
        "key_date": max(
            (len(key_date_text(date)) for date in {s.key_date for s in summaries}), default=0
        ),
        "created": len("DD/MM/AAAA HH:MM"),
    }


class RequestsScreen(HelpdeskAware, Screen[None]):
    """The table of requests and what can be done with them."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("escape", "app.go_back", "Voltar", id="requests_back"),
        Binding(
            "f",
            "focus_filter",
            "Filtrar",
            tooltip="Filtrar por protocolo, ID Suporte ou cliente",
            id="requests_filter",
        ),
        Binding("x", "export", "Exportar CSV", id="requests_export"),
        Binding("ctrl+r", "reload", "Recarregar", show=False, id="requests_reload"),
        *search_bindings("requests"),
    ]
    """esc goes back, f filters, x exports, enter on a row opens the detail."""

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[RequestSummary] = []
        self.haystacks: list[str] = []
        self.listed: list[RequestSummary] = []
        self._filter_timer: Timer | None = None

    @property
    def table(self) -> PagedTable[RequestSummary]:
        """The table of requests."""
        return cast("PagedTable[RequestSummary]", self.query_one("#requests-table"))

    def compose(self) -> ComposeResult:
        """Filters, the count, the table (or the empty state)."""
        from helpdesk.request_status import STATUS_LABELS

        yield FixedTitleHeader()
        with Horizontal(id="requests-filters", classes="list-filters"):
            yield PtSelect(
                [(kind_short(kind), kind) for kind in KINDS],
                prompt="Todos os tipos",
                id="requests-kind",
                compact=True,
            )
            yield PtSelect(
                [(label, status) for status, label in STATUS_LABELS.items()],
                prompt="Todas as situações",
                id="requests-status",
                compact=True,
            )
            yield Input(
                placeholder="Protocolo, ID ou cliente",
                id="requests-text",
                compact=True,
            )
        yield Static(id="requests-count", classes="list-count")
        table: PagedTable[RequestSummary] = PagedTable(
            cells, key=protocol_of, columns=COLUMNS, id="requests-table"
        )
        yield table
        yield Static(id="requests-more", classes="list-more", markup=False)
        yield Static(id="requests-empty", classes="list-empty")
        yield ChangeWatcher()
        yield QuietFooter()

    def on_mount(self) -> None:
        """Read the requests and show them."""
        self.load()
        self.query_one(DataTable).focus()

    @on(ChangeWatcher.Changed)
    def reload_changed(self) -> None:
        """Read again, the cursor staying on its row: someone else changed the store."""
        reload_keeping_cursor(self.query_one(DataTable), self.load)

    def load(self) -> None:
        """Read every request from the store (newest first)."""
        try:
            self.summaries = self.helpdesk.database.requests.list()
        except Exception as error:  # shown in place of the table; nothing is written
            self.summaries = []
            self._show_empty(f"Não foi possível ler as solicitações.\n\n{error}")
            self.notify(str(error), title="Dados indisponíveis", severity="error", markup=False)
            return
        self.haystacks = []  # built on the first text search
        self.apply_filters()
        self.table.fit(natural_widths(self.summaries))

    def _filters(self) -> tuple[str | None, str | None, str]:
        """The kind, status and text chosen."""
        kind = self.query_one("#requests-kind", Select).value
        status = self.query_one("#requests-status", Select).value
        text = self.query_one("#requests-text", Input).value
        return (
            None if kind is Select.NULL else str(kind),
            None if status is Select.NULL else str(status),
            text,
        )

    def apply_filters(self) -> None:
        """Show the requests that match the filters."""
        kind, status, text = self._filters()
        if kind is None and status is None and not text.strip():
            self.listed = self.summaries
        else:
            if text.strip() and len(self.haystacks) != len(self.summaries):
                self.haystacks = [haystack(summary) for summary in self.summaries]
            self.listed = filtered(self.summaries, self.haystacks, kind, status, text)
        self.table.show(self.listed)
        total = len(self.summaries)
        count = self.query_one("#requests-count", Static)
        if not total:
            self._show_empty(empty_hint())
            return
        shown = len(self.listed)
        noun = "solicitação" if total == 1 else "solicitações"
        listed = (
            f"{total} {noun}" if shown == total else f"{shown} de {total} {noun} com estes filtros"
        )
        count.update(Content(f"{listed} · enter abre o detalhe · f filtra · x exporta"))
        self._show_empty("Nenhuma solicitação com estes filtros." if not shown else "")

    @on(DataTable.RowHighlighted, "#requests-table")
    def highlighted(self) -> None:
        """Show, under the table, what the width leaves out of the highlighted row."""
        self.show_hidden_cells()

    def on_resize(self) -> None:
        """The columns shown change with the width: so does the line of the left-out ones."""
        self.call_after_refresh(self.show_hidden_cells)

    def show_hidden_cells(self) -> None:
        """ "Criado em: … · Data-chave: …" for the highlighted row, when those columns are hidden."""
        table = self.table
        line = self.query_one("#requests-more", Static)
        item = table.current_item()
        parts = table.hidden_cells(item) if item is not None else []
        line.update(Content(" · ".join(f"{label}: {text}" for label, text in parts)))
        line.display = bool(parts)

    def _show_empty(self, message: str) -> None:
        """Show ``message`` instead of the table (or the table when there is no message)."""
        empty = self.query_one("#requests-empty", Static)
        empty.update(Content(message))
        empty.display = bool(message)
        self.query_one(DataTable).display = not message or bool(self.listed)
        if not self.summaries:
            self.query_one("#requests-filters").display = False
            self.query_one("#requests-count").display = False

    @on(Select.Changed, "#requests-kind, #requests-status")
    def choice_changed(self) -> None:
        """Filter at once on a new kind or status."""
        if self.is_mounted and self.summaries:
            self.apply_filters()

    @on(Input.Changed, "#requests-text")
    def text_changed(self) -> None:
        """Filter once the typing pauses."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self.apply_filters)

    @on(Input.Submitted, "#requests-text")
    def text_submitted(self) -> None:
        """Enter filters now and moves to the table."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self.apply_filters()
        self.query_one(DataTable).focus()

    def action_focus_filter(self) -> None:
        """Put the cursor in the free-text filter."""
        self.query_one("#requests-text", Input).focus()

    def action_reload(self) -> None:
        """Read the requests again (e.g. after the command line changed them)."""
        self.load()

    # ------------------------------------------------------------------------------ detail

    def show_location(self, location: Location) -> None:
        """Open the detail of the request the location names (e.g. after submitting)."""
        if location.target:
            self.open_detail(location.target)

    @on(DataTable.RowSelected, "#requests-table")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens its detail."""
        if event.row_key.value:
            self.open_detail(str(event.row_key.value))

    def open_detail(self, protocol: str) -> None:
        """Show one request in full, and update its row when the detail closes."""
        from screens.request_detail import RequestDetail
        from store.errors import StoreError

        try:
            request = self.helpdesk.database.requests.get(protocol)
        except (StoreError, OSError) as error:
            self.notify(str(error), title="Pedido indisponível", severity="warning", markup=False)
            return
        self.app.push_screen(RequestDetail(request), self._detail_closed)

    def _detail_closed(self, request: Request | None) -> None:
        """Reflect a status change in the table without reading everything again."""
        if request is None:
            return
        for index, summary in enumerate(self.summaries):
            if summary.protocol == request.protocol:
                self.summaries[index] = request
                break
        self.table.replace(request.protocol, request)
        self.table.fit(natural_widths(self.summaries))  # a new status may be longer

    # ------------------------------------------------------------------------------ export

    def action_export(self) -> None:
        """Export the requests listed to a CSV file the person confirms."""
        if not self.listed:
            self.notify("Não há solicitações para exportar.", severity="warning")
            return
        from helpdesk.paths import default_export_dir, export_file_name

        today = self.helpdesk.clock().date()
        default = default_export_dir() / export_file_name(today, "csv")
        dialog = PathDialog(
            "Exportar para CSV",
            f"Exporta as {len(self.listed)} solicitações listadas (com os nomes completos dos "
            "clientes: guarde o arquivo com cuidado), separadas por ponto e vírgula, como "
            "esperam as planilhas em português. Salvar em:",
            str(default),
            confirm="Exportar",
        )
        self.app.push_screen(dialog, self._export_to)

    def _export_to(self, path_text: str | None) -> None:
        """Write the file, asking before replacing an existing one."""
        if not path_text:
            return
        path = Path(path_text).expanduser().absolute()
        if path.exists():
            question = ConfirmDialog(
                "Substituir o arquivo?",
                f"{path} já existe. Substituir pelo novo arquivo?",
                confirm="Substituir",
                cancel="Escolher outro",
            )
            self.app.push_screen(
                question, lambda yes: self._write(path, replace=True) if yes else None
            )
            return
        self._write(path)

    def _write(self, path: Path, *, replace: bool = False) -> None:
        """Write the CSV; say where, or why not."""
        from helpdesk.errors import InputError, os_reason
        from store.interface import requests_csv, write_export

        rows = list(self.listed)
        try:
            write_export(path, requests_csv(rows), "csv", replace=replace)
        except (OSError, InputError) as error:
            reason = os_reason(error) if isinstance(error, OSError) else error.message
            self.notify(
                f"{path}: {reason}",
                title="Não foi possível exportar",
                severity="error",
                markup=False,
            )
            return
        self.notify(f"{len(rows)} solicitações exportadas para {path}.", markup=False)
