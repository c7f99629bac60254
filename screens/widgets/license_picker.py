"""Pick a license of the lote by typing part of its ID Suporte or of the client's name."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.documents import mask_cnpj, mask_name
from helpdesk.licenses import License
from screens.modal import Modal
from screens.text_filter import fold
from screens.wording import counted

MAX_SHOWN = 100
"""Matches listed at once; typing more narrows them down."""


def matches(licenses: Sequence[License], query: str) -> list[License]:
    """Licenses whose ID Suporte or client name contains ``query`` (case and accents ignored)."""
    wanted = fold(query.strip())
    if not wanted:
        return list(licenses)
    return [lic for lic in licenses if wanted in fold(f"{lic.support_id} {lic.client}")]


def option_content(lic: License) -> Content:
    """One line of the list: ID, masked client, masked CNPJ and status (LGPD: lists mask)."""
    return Content.assemble(
        (lic.support_id, "bold"),
        "  ",
        mask_name(lic.client),
        ("  " + mask_cnpj(lic.cnpj) if lic.cnpj else "", "$text-muted"),
        ("  · " + lic.status, "$text-muted"),
    )


class LicensePicker(Modal[License | None]):
    """A search box over the lote; enter picks the highlighted license, esc gives up."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    LicensePicker {
        align: center middle;
        background: $background 60%;
    }
    LicensePicker > Vertical {
        width: 80;
        max-width: 95%;
        height: 80%;
        border: thick $accent;
        background: $panel;
        padding: 0 1;
    }
    LicensePicker.-empty > Vertical {
        height: auto;
    }
    LicensePicker #picker-list {
        height: 1fr;
    }
    LicensePicker #picker-count {
        color: $text-muted;
        height: 1;
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancelar", id="picker_cancel"),
        Binding("down", "move(1)", "Próxima", show=False),
        Binding("up", "move(-1)", "Anterior", show=False),
    ]
    """esc gives up; ↑/↓ move through the list while typing."""

    def __init__(self, licenses: Sequence[License]) -> None:
        super().__init__()
        self.licenses = list(licenses)
        self.shown: list[License] = []

    def compose(self) -> ComposeResult:
        """Title, search box, count and list."""
        with Vertical() as box:
            box.border_title = "Escolher licença do lote"
            yield Input(placeholder="ID Suporte ou nome do cliente", id="picker-query")
            yield Static(id="picker-count")
            yield OptionList(id="picker-list")

    def key_hints(self) -> Iterator[tuple[str, str]]:
        """enter picks the highlighted license; ↑↓ move through the list while typing."""
        if self.licenses:
            yield ("enter", "Escolher")
            yield ("up,down", "Mover")

    def on_mount(self) -> None:
        """List everything and wait for typing."""
        self._refresh("")
        self.query_one("#picker-query", Input).focus()

    @on(Input.Changed, "#picker-query")
    def narrow(self, event: Input.Changed) -> None:
        """Filter as the person types."""
        self._refresh(event.value)

    def _refresh(self, query: str) -> None:
        """Show the licenses matching ``query``."""
        found = matches(self.licenses, query)
        self.shown = found[:MAX_SHOWN]
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        options.add_options([Option(option_content(lic)) for lic in self.shown])
        if self.shown:
            options.highlighted = 0
        options.display = bool(self.shown)  # no empty box under "nothing found"
        self.set_class(not self.licenses, "-empty")
        count = self.query_one("#picker-count", Static)
        if not self.licenses:
            count.update("Seu lote está vazio: importe o CSV em Meu lote (tecla l no início).")
        elif not found:
            count.update("Nenhuma licença encontrada; digite o ID Suporte no formulário.")
        elif len(found) > len(self.shown):
            count.update(
                f"{len(found)} licenças; mostrando {len(self.shown)}. Digite para filtrar."
            )
        else:  # the keys are in the dialog's own footer
            count.update(counted(len(found), "licença", "licenças"))

    def action_move(self, step: int) -> None:
        """Move the highlight without leaving the search box."""
        options = self.query_one("#picker-list", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#picker-query")
    def pick_highlighted(self) -> None:
        """Enter in the search box picks the highlighted license."""
        highlighted = self.query_one("#picker-list", OptionList).highlighted
        if highlighted is not None and highlighted < len(self.shown):
            self.dismiss(self.shown[highlighted])

    @on(OptionList.OptionSelected, "#picker-list")
    def pick(self, event: OptionList.OptionSelected) -> None:
        """Enter or click on the list picks that license."""
        self.dismiss(self.shown[event.option_index])

    def action_cancel(self) -> None:
        """Give up."""
        self.dismiss(None)
