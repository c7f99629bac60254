"""The form of one license of the lote: add it by hand or edit its data, checked as it is typed."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static

from helpdesk.license_fields import LICENSE_FIELDS, license_errors, parse_license
from helpdesk.licenses import License
from screens.dialogs import discard_dialog
from screens.field_keys import ENTER_MOVES_ON, move_on
from screens.helpdesk_mixin import HelpdeskAware
from screens.modal import Dialog
from screens.widgets.field_row import FieldRow

FORM_CSS = """
LicenseFormDialog > Vertical {
    height: 90%;
    width: 76;
}
LicenseFormDialog #license-fields {
    height: 1fr;
}
LicenseFormDialog #license-hint {
    color: $text-muted;
    height: auto;
}
"""


class LicenseFormDialog(HelpdeskAware, Dialog[License | None]):
    """Every field of a license; ctrl+s saves a valid one, esc gives up (asking if typed)."""

    DEFAULT_CSS = Dialog.DEFAULT_CSS + FORM_CSS
    BINDINGS = [
        Binding("ctrl+s", "save", "Salvar", id="license_save"),
        Binding("escape", "cancel", "Cancelar", id="license_cancel"),
        ENTER_MOVES_ON,
    ]
    """ctrl+s saves, esc gives up, enter moves on."""

    def __init__(
        self,
        title: str,
        initial: Mapping[str, str],
        *,
        editing: str | None = None,
        taken: Collection[str] = (),
    ) -> None:
        super().__init__()
        self.title_text = title
        self.initial = {spec.name: initial.get(spec.name, "") for spec in LICENSE_FIELDS}
        self.editing = editing
        """The ID Suporte being edited (it cannot change), or None when adding."""
        self.taken = frozenset(taken)
        """IDs already in the lote (a new license cannot reuse one)."""

    def compose(self) -> ComposeResult:
        """Title, the fields (scrolling on small screens), the buttons."""
        with Vertical():
            yield Static(Content(self.title_text), classes="dialog-title")
            with VerticalScroll(id="license-fields"):
                for spec in LICENSE_FIELDS:
                    yield FieldRow(spec, self.initial[spec.name])
                yield Static(
                    Content.assemble(
                        ("*", "bold $text-error"),
                        " campo obrigatório · enter vai ao próximo campo · ctrl+s salva",
                    ),
                    id="license-hint",
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancelar", id="license-no")
                yield Button("Salvar", id="license-yes", variant="primary")

    def key_hints(self) -> Iterator[tuple[str, str]]:
        """enter moves to the next field."""
        yield ("enter", "Próximo campo")

    def on_mount(self) -> None:
        """Lock the ID when editing; put the cursor in the first field to fill."""
        rows = {row.spec.name: row for row in self.query(FieldRow)}
        if self.editing is not None:
            rows["support_id"].query_one(Input).disabled = True
        first = next(
            (row for row in rows.values() if not row.text and row.spec.required),
            rows["client"] if self.editing else rows["support_id"],
        )
        first.focus_control()

    def typed(self) -> dict[str, str]:
        """What each field holds now."""
        return {row.spec.name: row.text for row in self.query(FieldRow)}

    def errors(self) -> dict[str, str]:
        """Each field's error, the ID's uniqueness and the renewal's fit included."""
        typed = self.typed()
        found = license_errors(typed, self.helpdesk.clock().date())
        if self.editing is None and "support_id" not in found:
            support_id = typed["support_id"].strip()
            if support_id in self.taken:
                found["support_id"] = f"a licença {support_id} já está no lote; edite-a."
        return found

    @on(FieldRow.Changed)
    def field_changed(self) -> None:
        """Check again as the person types (errors show only in fields already touched)."""
        self._show(self.errors())

    def _show(self, errors: Mapping[str, str]) -> None:
        """Each row's error, or its help."""
        for row in self.query(FieldRow):
            row.show_error(errors.get(row.spec.name))

    def action_move_on(self) -> None:
        """enter in a field moves to the next one at once (see ``screens.field_keys``)."""
        move_on(self)

    @on(Button.Pressed, "#license-yes")
    def action_save(self) -> None:
        """Save when every field is right; otherwise show every error and go to the first."""
        errors = self.errors()
        if errors:
            for row in self.query(FieldRow):
                row.touched = True
            self._show(errors)
            first = next(row for row in self.query(FieldRow) if row.spec.name in errors)
            first.focus_control()
            first.scroll_visible()
            self.notify(
                f"Confira {'o campo marcado' if len(errors) == 1 else 'os campos marcados'}.",
                severity="warning",
            )
            return
        typed = self.typed()
        if self.editing is not None:
            typed["support_id"] = self.editing
        self.dismiss(parse_license(typed, self.helpdesk.clock().date()))

    @on(Button.Pressed, "#license-no")
    def action_cancel(self) -> None:
        """Give up; asks first when something was typed."""
        if self.typed() == self.initial:
            self.dismiss(None)
            return
        self.app.push_screen(discard_dialog(), self._discarded)

    def _discarded(self, discard: bool | None) -> None:
        """Close without saving once the person agreed to lose what was typed."""
        if discard:
            self.dismiss(None)
