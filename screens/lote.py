"""Meu lote: the partner's licenses, the deadlines coming up, CSV import, and forms from a row."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from helpdesk.errors import InputError
from helpdesk.policy import POLICY
from helpdesk.request_kinds import KINDS
from screens.dialogs import ChoiceDialog, PathDialog, ReportDialog
from screens.form_model import license_params
from screens.helpdesk_mixin import HelpdeskAware
from screens.lote_rows import (
    COLUMNS,
    LoteRow,
    build_rows,
    by_support_id,
    cells,
    matching,
    support_id_of,
    urgent_first,
)
from screens.widgets.paged_table import PagedTable
from screens.widgets.quiet_footer import QuietFooter
from screens.wording import counted

REPORT_LIMIT = 200
"""Bad lines listed one by one in the import report (the count says how many in all)."""


def empty_hint() -> str:
    """What to do when the lote is empty: the CSV columns and an example line."""
    from store.lote_csv import TEMPLATE

    return (
        "Seu lote ainda está vazio.\n\n"
        "Tecle i para importar suas licenças de um arquivo CSV (separado por vírgula ou ponto e "
        "vírgula, datas DD/MM/AAAA), com esta primeira linha e uma linha por licença:\n\n"
        f"{TEMPLATE}\n"
        "A coluna email é opcional. Depois, cada licença mostra o próximo prazo que importa e "
        "enter abre um pedido já preenchido."
    )


class LoteScreen(HelpdeskAware, Screen[None]):
    """The table of licenses and what can be started from each."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("escape", "app.go_back", "Voltar", id="lote_back"),
        Binding(
            "i", "import_csv", "Importar", tooltip="Importar licenças de um CSV", id="lote_import"
        ),
        Binding("o", "toggle_order", "Ordenar", id="lote_order"),
        Binding("f", "focus_filter", "Filtrar", id="lote_filter"),
    ]
    """esc goes back, i imports, o switches the order, f filters, enter starts a request."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[LoteRow] = []
        self.listed: list[LoteRow] = []
        self.urgent_first = True

    def _cells(self, row: LoteRow) -> Sequence[Text]:
        """A row's cells, urgent ones in the theme's warning colour."""
        return cells(row, Style(color=self.app.current_theme.warning, bold=True))

    def compose(self) -> ComposeResult:
        """Filter, count, table (or the empty state with the CSV template)."""
        yield Header()
        with Horizontal(id="lote-filters", classes="list-filters"):
            yield Input(
                placeholder="Buscar: ID Suporte ou nome do cliente", id="lote-text", compact=True
            )
        yield Static(id="lote-count", classes="list-count")
        yield PagedTable(self._cells, key=support_id_of, id="lote-table")
        yield Static(id="lote-empty", classes="list-empty")
        yield QuietFooter()

    def on_mount(self) -> None:
        """Read the lote and show it."""
        table = self.query_one(DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        self.load()
        table.focus()

    def load(self) -> None:
        """Read the licenses and compute each one's next deadline."""
        try:
            licenses = self.helpdesk.database.licenses.list()
        except Exception as error:  # shown in place of the table; nothing is written
            self.rows = []
            self._show_empty(f"Não foi possível ler o lote.\n\n{error}")
            self.notify(str(error), title="Dados indisponíveis", severity="error", markup=False)
            return
        self.rows = build_rows(licenses, self.helpdesk.clock().date())
        self.show_rows()

    def show_rows(self) -> None:
        """Fill the table in the chosen order with the rows matching the filter."""
        ordered = urgent_first(self.rows) if self.urgent_first else by_support_id(self.rows)
        self.listed = matching(ordered, self.query_one("#lote-text", Input).value)
        self.query_one(PagedTable).show(self.listed)
        if not self.rows:
            self._show_empty(empty_hint())
            return
        urgent = sum(1 for row in self.rows if row.urgent)
        order = "prazos próximos primeiro" if self.urgent_first else "por ID Suporte"
        self.query_one("#lote-count", Static).update(
            Content.assemble(
                f"{len(self.listed)} de {len(self.rows)} licenças · ",
                (f"▲ {urgent} com prazo em até {POLICY.notice_days} dias", "bold $text-warning"),
                f" · ordem: {order} (o) · enter inicia um pedido · i importa CSV",
            )
        )
        self._show_empty("" if self.listed else "Nenhuma licença com este filtro.")

    def _show_empty(self, message: str) -> None:
        """Show ``message`` instead of the table (or the table when there is no message)."""
        empty = self.query_one("#lote-empty", Static)
        empty.update(Content(message))
        empty.display = bool(message)
        self.query_one(DataTable).display = not message
        self.query_one("#lote-filters").display = bool(self.rows)
        self.query_one("#lote-count").display = bool(self.rows)

    @on(Input.Changed, "#lote-text")
    def filter_changed(self) -> None:
        """Filter as the person types (two thousand licenses filter in a blink)."""
        self.show_rows()

    @on(Input.Submitted, "#lote-text")
    def filter_submitted(self) -> None:
        """Enter moves to the table."""
        self.query_one(DataTable).focus()

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter."""
        self.query_one("#lote-text", Input).focus()

    def action_toggle_order(self) -> None:
        """Switch between urgent-first and by-ID order."""
        self.urgent_first = not self.urgent_first
        self.show_rows()

    # ---------------------------------------------------------------------- start a request

    @on(DataTable.RowSelected, "#lote-table")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        """Ask which request to start for the license of the row."""
        row = self.query_one(PagedTable).item(str(event.row_key.value))
        if row is None:
            return
        kinds = list(KINDS)
        suggested = row.deadline.action if row.deadline else None
        highlighted = kinds.index(suggested) if suggested in kinds else 0
        dialog = ChoiceDialog(
            f"Licença {row.license.support_id}",
            "Qual pedido você quer fazer? O formulário abre preenchido com os dados do lote."
            + (
                f"\nPróximo prazo: {row.deadline.label} {row.deadline.when:%d/%m/%Y}."
                if row.deadline
                else ""
            ),
            [(kind.id, kind.title) for kind in KINDS.values()],
            highlighted,
        )
        self.app.push_screen(dialog, lambda kind: self._start(row, kind))

    def _start(self, row: LoteRow, kind_id: str | None) -> None:
        """Open the chosen form pre-filled with the license."""
        if kind_id is None or kind_id not in KINDS:
            return
        today = self.helpdesk.clock().date()
        self.helpdesk.open_form(kind_id, license_params(KINDS[kind_id], row.license, today))

    # ------------------------------------------------------------------------------ import

    def action_import_csv(self) -> None:
        """Ask for the CSV file, then import it."""
        dialog = PathDialog(
            "Importar lote (CSV)",
            "Colunas: id_suporte, cliente, cnpj, inicio_vigencia, renovacao, ciclo_meses, "
            "conta_pj (email opcional). Linhas com problema são listadas e não entram; as "
            "outras entram todas de uma vez. Arquivo:",
            str(self.helpdesk.db_path.parent / "lote.csv"),
            confirm="Importar",
        )
        self.app.push_screen(dialog, self._import_from)

    def _import_from(self, path_text: str | None) -> None:
        """Read the file, import the good rows in one write, report every bad one."""
        from store.errors import StoreError
        from store.lote_csv import read_file

        if not path_text:
            return
        path = Path(path_text).expanduser()
        try:
            parsed = read_file(path)
            result = (
                self.helpdesk.database.licenses.import_licenses(
                    parsed.licenses, self.helpdesk.clock()
                )
                if parsed.licenses
                else None
            )
        except (InputError, StoreError, OSError) as error:
            self.notify(str(error), title="Importação não feita", severity="error", markup=False)
            return
        lines = [f"Linha {e.line}: {e.message}" for e in parsed.errors[:REPORT_LIMIT]]
        if len(parsed.errors) > REPORT_LIMIT:
            lines.append(f"… e mais {len(parsed.errors) - REPORT_LIMIT} linhas com problema.")
        if result is None:
            summary = "Nenhuma licença importada."
        else:
            added = counted(result.added, "licença incluída", "licenças incluídas")
            updated = counted(result.updated, "atualizada", "atualizadas")
            summary = f"{added}, {updated}."
        if parsed.errors:
            left_out = counted(
                len(parsed.errors), "linha com problema ficou", "linhas com problema ficaram"
            )
            summary += f" {left_out} de fora:"
        self.load()
        if parsed.errors:
            self.app.push_screen(ReportDialog("Importação do lote", summary, lines))
        else:
            self.notify(summary, title="Lote importado", markup=False)
