"""Meu lote: the partner's licenses, the deadlines coming up, CSV import, and forms from a row."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from helpdesk.documents import format_date, mask_cnpj, mask_name
from helpdesk.history import Location
from helpdesk.licenses import ACTIVE
from helpdesk.policy import POLICY
from helpdesk.request_kinds import KINDS
from helpdesk.request_status import REGISTERED
from screens.binding_keys import bound_key
from screens.dialogs import ChoiceDialog
from screens.erase_dialog import EraseDialog
from screens.form_model import license_params
from screens.help import search_bindings
from screens.helpdesk_mixin import HelpdeskAware
from screens.lote_import import LoteImport
from screens.lote_keep import LoteKeeping
from screens.lote_rows import COLUMNS as CELL_ORDER
from screens.lote_rows import (
    LoteRow,
    build_rows,
    by_support_id,
    cells,
    deadline_text,
    detail_texts,
    due_soon,
    matching,
    support_id_of,
    urgent_first,
)
from screens.textual_hooks import FixedTitleHeader, QuietFooter
from screens.widgets.change_watcher import ChangeWatcher, reload_keeping_cursor
from screens.widgets.deadline_banner import DUE_TARGET
from screens.widgets.paged_table import Column, PagedTable
from screens.wording import counted

EDIT_CHOICE = "_editar"
"""The row dialog's first option: edit the license rather than start a request."""

COLUMNS = (
    Column("mark", " ", keep=True),
    Column("support_id", "ID Suporte", keep=True),
    Column("client", "Cliente", flex=True),
    Column("deadline", "Próximo prazo", keep=True),
    Column("status", "Situação"),
    Column("renews_on", "Renovação"),
    Column("cycle", "Ciclo"),
    Column("term_start", "Início"),
    Column("cnpj", "CNPJ"),
)
"""The lote table: ID Suporte, client and the next deadline always; the other columns as the
width allows, from the left (80 columns need no sideways scrolling; 120 leave out only the
masked CNPJ). The line under the table and the dialog of a row say what is left out."""


def deadline_cell(row: LoteRow) -> str:
    """The next deadline (``estorno até 27/11/2026 (amanhã)``), or the status if there is none.

    A license with no deadline left is usually transferred or cancelled; saying so here keeps
    that visible when the table is too narrow for the Situação column.
    """
    if row.deadline is None and row.status != ACTIVE:
        return f"— ({row.status})"
    return deadline_text(row)


def license_summary(row: LoteRow) -> str:
    """What the table may leave out at narrow widths: status, CNPJ (masked), term and deadline."""
    lic = row.license
    start, renews = row.term if row.term else (lic.term_start, lic.renews_on)
    term = f"{format_date(start)} a {format_date(renews)}" if start and renews else "—"
    lines = [
        f"Situação: {row.situation} · CNPJ: {mask_cnpj(lic.cnpj) if lic.cnpj else '—'}",
        f"Vigência: {term} · ciclo de {counted(lic.cycle_months, 'mês', 'meses')}",
    ]
    if row.deadline is not None:
        lines.append(f"Próximo prazo: {row.deadline.label} {format_date(row.deadline.when)}.")
    return "\n".join(lines)


def natural_widths(rows: Sequence[LoteRow]) -> dict[str, int]:
    """How wide each column's text gets over ``rows`` (measured on strings, not on cells)."""
    return {
        "mark": 1,
        "support_id": max((cell_len(row.license.support_id) for row in rows), default=0),
        "client": max((cell_len(mask_name(row.license.client)) for row in rows), default=0),
        "deadline": max((cell_len(deadline_cell(row)) for row in rows), default=0),
        "status": max((cell_len(row.situation_cell) for row in rows), default=0),
        "cnpj": len(mask_cnpj("11222333000181")),
        "term_start": len("DD/MM/AAAA"),
        "renews_on": len("DD/MM/AAAA"),
        "cycle": max((len(f"{row.license.cycle_months} m") for row in rows), default=0),
    }


def lote_key(binding_id: str) -> str:
    """The key Meu lote binds to ``binding_id``, as its texts name it."""
    return bound_key(LoteScreen.BINDINGS, binding_id)


def empty_hint() -> str:
    """What to do when the lote is empty: the CSV columns and an example line."""
    from store.interface import LOTE_CSV_TEMPLATE

    return (
        "Seu lote ainda está vazio.\n\n"
        f"Tecle {lote_key('lote_new_first')} para incluir uma licença à mão, ou "
        f"{lote_key('lote_import')} para importar suas licenças de um arquivo "
        "CSV (separado por vírgula ou ponto e "
        "vírgula, datas DD/MM/AAAA), com esta primeira linha e uma linha por licença:\n\n"
        f"{LOTE_CSV_TEMPLATE}\n"
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
        # n is in the footer while the lote is empty (the empty state tells the partner to press
        # it); once there are rows the footer needs its room for the keys that act on them.
        Binding(
            "n",
            "new_first_license",
            "Incluir",
            tooltip="Incluir uma licença à mão",
            id="lote_new_first",
        ),
        Binding("n", "new_license", "", show=False, id="lote_new"),
        Binding(
            "e",
            "edit_license",
            "Editar",
            tooltip="Editar a licença selecionada",
            show=False,
            id="lote_edit",
        ),
        Binding(
            "delete",
            "remove_license",
            "Remover",
            tooltip="Remover a licença selecionada do lote",
            show=False,
            id="lote_remove",
        ),
        Binding(
            "c",
            "calendar",
            "Calendário",
            tooltip="Gravar os prazos num arquivo .ics para o Google Agenda ou o Outlook",
            show=False,
            id="lote_calendar",
        ),
        Binding(
            "t",
            "show_all",
            "Todas",
            tooltip="Mostrar todas as licenças, não só as com prazo próximo",
            id="lote_all",
        ),
        Binding(
            "o",
            "toggle_order",
            "Ordenar",
            tooltip="Alternar a ordem: prazos próximos primeiro ou por ID Suporte",
            id="lote_order",
        ),
        Binding(
            "f",
            "focus_filter",
            "Filtrar",
            tooltip="Filtrar por ID Suporte ou nome do cliente",
            id="lote_filter",
        ),
        Binding(
            "a",
            "erase_license",
            "Apagar dados",
            tooltip="LGPD: apagar os dados pessoais do cliente da licença selecionada",
            show=False,
            id="lote_erase",
        ),
        *search_bindings("lote"),
    ]
    """esc goes back, n/e/del add, edit and remove, i imports, c writes the calendar, o orders,
    f filters, t leaves the near-deadlines view, a erases a client's personal data (LGPD), enter
    opens the license's choices (edit or start a request). The texts that name a key take it from
    here (``lote_key``)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[LoteRow] = []
        self.listed: list[LoteRow] = []
        self.urgent_first = True
        self.due_within: int | None = None
        """When set, only licenses whose notice deadline falls within this many days are shown."""

    def _cells(self, row: LoteRow) -> Sequence[Text]:
        """A row's cells in the order of ``COLUMNS``, urgent ones in the theme's warning colour."""
        made = cells(row, Style(color=self.app.current_theme.warning, bold=True))
        by_key = {key: cell for (key, _label), cell in zip(CELL_ORDER, made, strict=True)}
        by_key["deadline"] = Text(deadline_cell(row), style=by_key["deadline"].style)
        return [by_key[column.key] for column in COLUMNS]

    def compose(self) -> ComposeResult:
        """Filter, count, table (or the empty state with the CSV template)."""
        yield FixedTitleHeader()
        with Horizontal(id="lote-filters", classes="list-filters"):
            yield Input(
                placeholder="Buscar: ID Suporte ou nome do cliente", id="lote-text", compact=True
            )
        yield Static(id="lote-count", classes="list-count")
        yield PagedTable(self._cells, key=support_id_of, columns=COLUMNS, id="lote-table")
        yield Static(id="lote-more", classes="list-more", markup=False)
        yield Static(id="lote-empty", classes="list-empty")
        yield ChangeWatcher()
        yield QuietFooter()

    def on_mount(self) -> None:
        """Read the lote and show it."""
        self.load()
        self.query_one(DataTable).focus()

    @on(ChangeWatcher.Changed)
    def reload_changed(self) -> None:
        """Read again, the cursor staying on its row: someone else changed the store."""
        reload_keeping_cursor(self.query_one(DataTable), self.load)

    def show_location(self, location: Location) -> None:
        """``prazos`` shows only the near notice deadlines (from the home banner)."""
        due = None
        if location.target == DUE_TARGET:
            due = int(location.params.get("dias", POLICY.notice_days))
        if due != self.due_within:
            self.due_within = due
            self.refresh_bindings()
            if self.rows:
                self.show_rows()

    def load(self, select: str | None = None) -> None:
        """Read the licenses and compute each one's next deadline (cursor on ``select``)."""
        try:
            licenses = self.helpdesk.database.licenses.list()
            unsent = self.helpdesk.database.licenses.open_requests({REGISTERED})
        except Exception as error:  # shown in place of the table; nothing is written
            self.rows = []
            self._show_empty(f"Não foi possível ler o lote.\n\n{error}")
            self.notify(str(error), title="Dados indisponíveis", severity="error", markup=False)
            return
        self.rows = build_rows(licenses, self.helpdesk.clock().date(), unsent)
        self.refresh_bindings()
        self.show_rows()
        table = self.query_one(PagedTable)
        table.fit(natural_widths(self.rows))
        if select is not None:
            self._move_to(select)

    def _move_to(self, support_id: str) -> None:
        """Put the cursor on a license's row (loading pages until it is there)."""
        table = self.query_one(PagedTable)
        position = next(
            (i for i, row in enumerate(self.listed) if row.license.support_id == support_id), None
        )
        if position is None:
            return
        while table.loaded <= position:
            before = table.loaded
            table.load_more()
            if table.loaded == before:
                return  # columns not laid out yet: the cursor stays on the first row
        table.move_cursor(row=position)

    def current(self) -> LoteRow | None:
        """The row under the cursor, if any."""
        return self.query_one(PagedTable).current_item()

    def show_rows(self) -> None:
        """Fill the table in the chosen order with the rows matching the filter."""
        ordered = urgent_first(self.rows) if self.urgent_first else by_support_id(self.rows)
        if self.due_within is not None:
            ordered = due_soon(ordered, self.due_within)
        self.listed = matching(ordered, self.query_one("#lote-text", Input).value)
        self.query_one(PagedTable).show(self.listed)
        self.call_after_refresh(self.show_hidden_cells)
        if not self.rows:
            self._show_empty(empty_hint())
            return
        self._show_count()
        if self.listed:
            self._show_empty("")
        elif self.due_within is not None:
            self._show_empty(
                f"Nenhuma licença com prazo para pedir o cancelamento nos próximos "
                f"{self.due_within} dias. Tecle {lote_key('lote_all')} para ver todas."
            )
        else:
            self._show_empty("Nenhuma licença com este filtro.")

    def _show_count(self) -> None:
        """How many are listed and urgent, the order, and what enter does (two lines if narrow)."""
        urgent = sum(1 for row in self.rows if row.urgent)
        listed = len(self.listed)
        total = counted(len(self.rows), "licença", "licenças")
        order = "prazos próximos primeiro" if self.urgent_first else "por ID Suporte"
        first = Content.assemble(
            total if listed == len(self.rows) else f"{listed} de {total}",
            " · ",
            (f"▲ {urgent} com prazo em até {POLICY.notice_days} dias", "bold $text-warning"),
        )
        if self.due_within is not None:
            first = Content.assemble(
                f"{listed} de {total} · ",
                (
                    f"▲ prazo para pedir o cancelamento em até {self.due_within} dias",
                    "bold $text-warning",
                ),
                f" · {lote_key('lote_all')}: todas",
            )
        # Only the keys that act now: with no row listed there is nothing to edit or remove.
        acts = [f"ordem: {order}"]
        if self.listed:
            acts.append("enter edita ou inicia um pedido")
        acts.append(f"{lote_key('lote_new')} inclui")
        if self.listed:
            acts.append(f"{lote_key('lote_remove')} remove")
        acts.append(f"{lote_key('lote_calendar')} calendário")
        second = Content(" · ".join(acts))

        count = self.query_one("#lote-count", Static)
        together = first.cell_length + 3 + second.cell_length <= self.size.width - 2
        count.update(Content(" · " if together else "\n").join([first, second]))

    def on_resize(self) -> None:
        """The count takes one line or two depending on the width; the columns shown change
        with it, and so does the line of the left-out ones."""
        if self.rows:
            self._show_count()
        self.call_after_refresh(self.show_hidden_cells)

    @on(DataTable.RowHighlighted, "#lote-table")
    def highlighted(self) -> None:
        """Show, under the table, what the width leaves out of the highlighted row."""
        self.show_hidden_cells()

    def show_hidden_cells(self) -> None:
        """ "Situação: … · Renovação: …" for the highlighted license, when those columns are out."""
        line = self.query_one("#lote-more", Static)
        row = self.current()
        table = self.query_one(PagedTable)
        parts = table.hidden_cells(row, detail_texts(row)) if row is not None else []
        line.update(Content(" · ".join(f"{label}: {text}" for label, text in parts)))
        line.display = bool(parts)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ordering and filtering are offered once there are licenses to order and filter."""
        if action in {"toggle_order", "focus_filter", "calendar"}:
            return bool(self.rows)
        if action in {"edit_license", "remove_license"}:
            return bool(self.listed)
        if action == "new_first_license":
            return not self.rows
        if action == "show_all":
            return self.due_within is not None
        return True

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
        highlighted = kinds.index(suggested) + 1 if suggested in kinds else 0
        dialog = ChoiceDialog(
            f"Licença {row.license.support_id} · {mask_name(row.license.client)}",
            license_summary(row)
            + "\n\nO que fazer? Os pedidos abrem preenchidos com os dados do lote.",
            [
                (EDIT_CHOICE, f"Editar os dados da licença ({lote_key('lote_edit')})"),
                *((kind.id, kind.title) for kind in KINDS.values()),
            ],
            highlighted,
        )
        self.app.push_screen(dialog, lambda kind: self._start(row, kind))

    def _start(self, row: LoteRow, kind_id: str | None) -> None:
        """Open the chosen form pre-filled with the license (or the license's own form)."""
        if kind_id == EDIT_CHOICE:
            LoteKeeping(self).edit(row.license)
            return
        if kind_id is None or kind_id not in KINDS:
            return
        today = self.helpdesk.clock().date()
        self.helpdesk.open_form(kind_id, license_params(KINDS[kind_id], row.license, today))

    # ------------------------------------------------------------------- keep the lote

    def action_new_license(self) -> None:
        """Add a license by hand."""
        LoteKeeping(self).add()

    def action_new_first_license(self) -> None:
        """Add the first license by hand (the same as ``n`` later; shown in the footer)."""
        self.action_new_license()

    def action_edit_license(self) -> None:
        """Edit the license under the cursor."""
        row = self.current()
        if row is not None:
            LoteKeeping(self).edit(row.license)

    def action_remove_license(self) -> None:
        """Remove the license under the cursor (asking first)."""
        row = self.current()
        if row is not None:
            LoteKeeping(self).remove(row.license)

    def action_calendar(self) -> None:
        """Write the lote's deadlines to an iCalendar file."""
        LoteKeeping(self).calendar()

    # ---------------------------------------------------------------------- LGPD erasure

    def action_erase_license(self) -> None:
        """Show what erasing the selected license's client changes; erase after a typed sim."""
        from store.interface import describe_erasure

        row = self.current()
        if row is None:
            self.notify("Selecione uma licença do lote.", severity="warning")
            return
        support_id = row.license.support_id
        try:
            plan = self.helpdesk.database.preview_erasure(support_id, self.helpdesk.clock())
        except Exception as error:  # shown, never a crash; nothing is written
            self.notify(
                str(error), title="Não foi possível preparar", severity="error", markup=False
            )
            return
        dialog = EraseDialog(support_id, describe_erasure(plan))
        self.app.push_screen(dialog, lambda yes: self._erase(support_id) if yes else None)

    def _erase(self, support_id: str) -> None:
        """Erase the client of ``support_id`` and say what was done."""
        from store.errors import StoreError

        try:
            report = self.helpdesk.database.erase_client(support_id, self.helpdesk.clock())
        except (StoreError, OSError) as error:
            self.notify(str(error), title="Nada foi apagado", severity="error", markup=False)
            return
        self.load()
        licenses = counted(report.licenses, "licença retirada", "licenças retiradas")
        requests = counted(report.requests, "pedido anonimizado", "pedidos anonimizados")
        others = counted(report.other_documents, "outro registro limpo", "outros registros limpos")
        self.notify(
            f"Dados pessoais do ID Suporte {support_id} apagados: {licenses} do lote, "
            f"{requests}, {others}.",
            title="LGPD",
            markup=False,
        )

    def action_import_csv(self) -> None:
        """Ask for the CSV file, show what it changes, import it once confirmed."""
        LoteImport(self).start()

    def action_show_all(self) -> None:
        """Leave the near-deadlines view: every license again."""
        self.due_within = None
        self.refresh_bindings()
        self.show_rows()
