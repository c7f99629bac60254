"""Keeping the lote by hand from Meu lote: add, edit, remove a license, write the calendar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.documents import format_date, mask_name
from helpdesk.license_fields import LICENSE_FIELDS, license_text
from helpdesk.licenses import License
from screens.dialogs import ConfirmDialog, PathDialog
from screens.license_form import LicenseFormDialog
from screens.wording import counted

if TYPE_CHECKING:
    from screens.lote import LoteScreen

CALENDAR_FILE = "prazos.ics"


def new_license_text() -> dict[str, str]:
    """A blank license form, with the defaults the CSV import also applies (ciclo, Conta PJ)."""
    return {spec.name: spec.default for spec in LICENSE_FIELDS}


class LoteKeeping:
    """The actions of Meu lote that change the lote or write its calendar."""

    def __init__(self, screen: LoteScreen) -> None:
        self.screen = screen
        self.app = screen.helpdesk

    # ------------------------------------------------------------------------------- add

    def add(self) -> None:
        """Open the blank form; save the license it returns."""
        taken = {row.license.support_id for row in self.screen.rows}
        dialog = LicenseFormDialog("Incluir licença no lote", new_license_text(), taken=taken)
        self.app.push_screen(dialog, self._added)

    def _added(self, lic: License | None) -> None:
        """Save a new license, note it in its history, show it."""
        from store.errors import StoreError

        if lic is None:
            return
        try:
            self.app.database.licenses.add(lic, self.app.clock())
        except StoreError as error:
            self.screen.notify(
                str(error), title="Licença não incluída", severity="error", markup=False
            )
            return
        self.screen.load(select=lic.support_id)
        self.screen.notify(f"Licença {lic.support_id} incluída no lote.", markup=False)

    # ------------------------------------------------------------------------------ edit

    def edit(self, lic: License) -> None:
        """Open the form filled with the license's data (its ID stays)."""
        dialog = LicenseFormDialog(
            f"Editar licença {lic.support_id}", license_text(lic), editing=lic.support_id
        )
        self.app.push_screen(dialog, self._edited)

    def _edited(self, lic: License | None) -> None:
        """Save the changed fields; say which changed (or that nothing did)."""
        from store.errors import StoreError

        if lic is None:
            return
        try:
            changes = self.app.database.licenses.edit(lic.support_id, lic, self.app.clock())
        except StoreError as error:
            self.screen.notify(
                str(error), title="Licença não alterada", severity="error", markup=False
            )
            return
        if not changes:
            self.screen.notify("Nada mudou.", markup=False)
            return
        self.screen.load(select=lic.support_id)
        named = ", ".join(change.label for change in changes)
        self.screen.notify(f"Licença {lic.support_id} alterada: {named}.", markup=False)

    # ---------------------------------------------------------------------------- remove

    def remove(self, lic: License) -> None:
        """Ask first, naming the license and its open requests."""
        from store.errors import StoreError

        try:
            protocols = self.app.database.licenses.open_requests().get(lic.support_id, [])
        except StoreError as error:
            self.screen.notify(str(error), severity="error", markup=False)
            return
        name = f" ({mask_name(lic.client)})" if lic.client else ""
        if protocols:
            about = (
                f"Ela tem {counted(len(protocols), 'pedido aberto', 'pedidos abertos')}: "
                f"{', '.join(protocols)}. Os pedidos continuam em Minhas solicitações, mas "
                "deixam de ter a licença no lote."
            )
        else:
            about = "Ela não tem pedidos abertos."
        dialog = ConfirmDialog(
            f"Remover a licença {lic.support_id}{name} do lote?",
            f"{about} A licença e o histórico dela saem do lote; para tê-la de volta, inclua "
            "de novo ou importe o CSV.",
            confirm="Remover",
            cancel="Manter",
            danger=True,
        )
        self.app.push_screen(dialog, lambda yes: self._removed(lic) if yes else None)

    def _removed(self, lic: License) -> None:
        """Take the license out and say so."""
        from store.errors import StoreError

        try:
            self.app.database.licenses.remove(lic.support_id)
        except StoreError as error:
            self.screen.notify(
                str(error), title="Licença não removida", severity="error", markup=False
            )
            return
        self.screen.load()
        self.screen.notify(f"Licença {lic.support_id} removida do lote.", markup=False)

    # -------------------------------------------------------------------------- calendar

    def calendar(self) -> None:
        """Ask where to write the calendar file."""
        from helpdesk.paths import default_export_dir

        dialog = PathDialog(
            "Prazos no seu calendário (.ics)",
            "Para cada licença: o prazo para pedir o cancelamento (com lembretes uma semana e um "
            "dia antes), a renovação, o fim do prazo de estorno e as datas de um cancelamento. "
            "Importe o arquivo no Google Agenda ou no Outlook; importar de novo atualiza os "
            "eventos. Os nomes dos clientes saem mascarados. Arquivo:",
            str(default_export_dir() / CALENDAR_FILE),
            confirm="Gravar",
        )
        self.app.push_screen(dialog, self._write_calendar)

    def _write_calendar(self, path_text: str | None) -> None:
        """Write the file; say how many events and where."""
        from pathlib import Path

        from helpdesk.errors import InputError, os_reason
        from helpdesk.lote_calendar import lote_events, to_ics
        from store.errors import StoreError
        from store.interface import is_calendar_file, write_output

        if not path_text:
            return
        path = Path(path_text).expanduser()
        now = self.app.clock()
        try:
            events = lote_events(self.app.database.licenses.list(), now.date())
            write_output(path, to_ics(events, now), replace=is_calendar_file(path))
        except (StoreError, InputError) as error:
            self.screen.notify(
                str(error), title="Calendário não gravado", severity="error", markup=False
            )
            return
        except OSError as error:
            self.screen.notify(
                f"Não foi possível gravar {path}: {os_reason(error)}.",
                title="Calendário não gravado",
                severity="error",
                markup=False,
            )
            return
        first = f" O primeiro: {format_date(events[0].day)}." if events else ""
        self.screen.notify(
            f"{counted(len(events), 'evento gravado', 'eventos gravados')} em {path}.{first}",
            title="Calendário",
            markup=False,
        )
