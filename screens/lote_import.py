"""Importing the lote in Meu lote: read the file, show what would change, write once confirmed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from helpdesk.documents import mask_cnpj, mask_name, mask_text
from helpdesk.errors import InputError
from helpdesk.license_fields import FieldChange
from helpdesk.lote_import import ImportPreview, preview_lines
from screens.dialogs import PathDialog, ReportDialog
from screens.modal import Dialog, ModalFooter
from screens.wording import counted

if TYPE_CHECKING:
    from screens.lote import LoteScreen
    from store.interface import ParsedLote

REPORT_LIMIT = 200
"""Lines listed one by one in a report (the counts say how many in all)."""


PREVIEW_CSS = """
ImportPreviewDialog #preview-body {
    height: auto;
    margin-bottom: 1;
}
ImportPreviewDialog.-full #preview-body {
    height: 1fr;
}
"""
"""The changes take the height they need; when the box cannot hold them (80×24), they scroll
in the room left above the buttons, which always stay in view."""


def masked_change(change: FieldChange) -> FieldChange:
    """A changed field as a list shows it (LGPD): client names and CNPJs masked, e-mails hidden."""
    mask = {"client": mask_name, "cnpj": mask_cnpj, "email": mask_text}.get(change.name)
    if mask is None:
        return change
    return replace(
        change,
        before=mask(change.before) if change.before else "",
        after=mask(change.after) if change.after else "",
    )


def masked_preview(preview: ImportPreview) -> ImportPreview:
    """The preview with its client data masked, for the screen (what is written is unmasked)."""
    changed = tuple(
        replace(item, changes=tuple(masked_change(c) for c in item.changes))
        for item in preview.changed
    )
    return replace(preview, changed=changed)


class PreviewBox(Vertical):
    """The dialog's box; each new size of it (terminal resized, first layout) asks the dialog
    whether the changes must scroll, once that layout is done."""

    def on_resize(self) -> None:
        """Measure after this layout (the screen's own Resize comes before it)."""
        screen = self.screen
        if isinstance(screen, ImportPreviewDialog):
            self.call_after_refresh(screen.fit)


class ImportPreviewDialog(Dialog[bool]):
    """What an import would change, before anything is written; esc writes nothing."""

    SCOPED_CSS = False
    DEFAULT_CSS = PREVIEW_CSS
    BINDINGS = [
        Binding("escape", "answer(False)", "Não importar", id="preview_cancel"),
        Binding("left", "app.focus_previous", show=False, id="preview_left"),
        Binding("right", "app.focus_next", show=False, id="preview_right"),
        Binding("up", "scroll_body('up')", show=False, id="preview_up"),
        Binding("down", "scroll_body('down')", show=False, id="preview_down"),
        Binding("pageup", "scroll_body('page_up')", show=False, id="preview_page_up"),
        Binding("pagedown", "scroll_body('page_down')", show=False, id="preview_page_down"),
        Binding("home", "scroll_body('home')", show=False, id="preview_home"),
        Binding("end", "scroll_body('end')", show=False, id="preview_end"),
    ]
    """esc is the safe answer; ← → move between the buttons; ↑ ↓ pgup pgdn home end scroll the
    changes while a button keeps the focus (the person reads, then answers)."""

    def __init__(self, summary: str, lines: Sequence[str], *, warning: str = "") -> None:
        super().__init__()
        self.summary = summary
        self.lines = tuple(lines)
        self.warning = warning

    def compose(self) -> ComposeResult:
        """Title; counts, the warning about open requests and the changes (scrolling); buttons."""
        with PreviewBox():
            yield Static(Content("Importar lote: confira antes de gravar"), classes="dialog-title")
            with VerticalScroll(id="preview-body", can_focus=False):
                yield Static(Content(self.summary), classes="dialog-text")
                if self.warning:
                    yield Static(
                        Content.styled(self.warning, "bold $text-warning"),
                        classes="dialog-text",
                        id="preview-warning",
                    )
                if self.lines:
                    yield Static(
                        Content("\n").join(Content(line) for line in self.lines),
                        id="preview-lines",
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Não importar", id="preview-no")
                yield Button(
                    "Importar mesmo assim" if self.warning else "Importar",
                    id="preview-yes",
                    variant="warning" if self.warning else "primary",
                )

    def key_hints(self) -> Iterator[tuple[str, str]]:
        """enter answers with the focused button, tab moves to the other, ↑↓ pgdn scroll."""
        yield ("enter", "Responder")
        yield ("tab", "Outro botão")
        if self.has_class("-full"):
            yield ("up,down", "Rolar")
            yield ("pagedown", "Página")

    def on_mount(self) -> None:
        """Focus the safe answer when open requests would be touched, else Importar."""
        self.query_one("#preview-no" if self.warning else "#preview-yes", Button).focus()

    def fit(self) -> None:
        """Let the changes scroll (buttons kept in view) when the box cannot show them all."""
        box = self.query_one(PreviewBox)
        body = self.query_one("#preview-body", VerticalScroll)
        if self.has_class("-full"):
            # Back to its natural height when that now fits (a larger terminal).
            spare = box.content_size.height - sum(
                child.outer_size.height for child in box.children if child is not body
            )
            full = body.virtual_size.height > spare
        else:
            full = box.virtual_size.height > box.content_size.height
        if full != self.has_class("-full"):
            self.set_class(full, "-full")
            footer = self.query_one(ModalFooter)
            # The scroll keys' hints; composed from the footer's own queue, as its keys bind
            # to it (``data_bind``).
            footer.call_later(footer.recompose)

    def action_scroll_body(self, where: str) -> None:
        """Scroll the changes from the keyboard (the focus stays on the button)."""
        body = self.query_one("#preview-body", VerticalScroll)
        getattr(body, f"scroll_{where}")(animate=False)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        self.dismiss(event.button.id == "preview-yes")

    def action_answer(self, answer: bool) -> None:
        """Answer from a key."""
        self.dismiss(answer)


def preview_summary(preview: ImportPreview) -> str:
    """The counts of a preview, in one sentence."""
    return (
        f"{counted(len(preview.new), 'nova', 'novas')}, "
        f"{counted(len(preview.changed), 'alterada', 'alteradas')}, "
        f"{counted(len(preview.unchanged), 'igual', 'iguais')} e "
        f"{len(preview.missing)} fora do arquivo (continuam no lote; nada é apagado)."
    )


def conflict_warning(preview: ImportPreview) -> str:
    """Why confirming needs care: the changes that touch licenses with open requests."""
    conflicts = preview.conflicts
    if not conflicts:
        return ""
    names = ", ".join(item.license.support_id for item in conflicts[:5])
    more = f" e mais {len(conflicts) - 5}" if len(conflicts) > 5 else ""
    return (
        f"⚠ {counted(len(conflicts), 'licença', 'licenças')} com pedido aberto mudaria"
        f"{'m' if len(conflicts) > 1 else ''} ({names}{more}): a importação desfaria o que "
        "o pedido registrou (ex.: o novo cliente de uma substituição)."
    )


def bad_lines(parsed: ParsedLote) -> list[str]:
    """The file's bad lines, each with its number and reason."""
    lines = [f"Linha {e.line}: {e.message}" for e in parsed.errors[:REPORT_LIMIT]]
    if len(parsed.errors) > REPORT_LIMIT:
        lines.append(f"… e mais {len(parsed.errors) - REPORT_LIMIT} linhas com problema.")
    return lines


class LoteImport:
    """The import's steps for one Meu lote screen: ask the path, preview, confirm, write."""

    def __init__(self, screen: LoteScreen) -> None:
        self.screen = screen
        self.app = screen.helpdesk

    def start(self) -> None:
        """Ask for the CSV file."""
        dialog = PathDialog(
            "Importar lote (CSV)",
            "Colunas: id_suporte, cliente, cnpj, inicio_vigencia, renovacao, ciclo_meses, "
            "conta_pj (email opcional). Antes de gravar, você vê o que muda. Arquivo:",
            str(self.app.db_path.parent / "lote.csv"),
            confirm="Importar",
        )
        self.app.push_screen(dialog, self.read)

    def read(self, path_text: str | None) -> None:
        """Read and compare with the lote; show the preview (or why there is nothing to do)."""
        from store.errors import StoreError
        from store.interface import read_lote_csv

        if not path_text:
            return
        try:
            parsed = read_lote_csv(Path(path_text).expanduser(), self.app.clock().date())
            preview = self.app.database.licenses.preview_import(parsed.licenses)
        except (InputError, StoreError, OSError) as error:
            self.screen.notify(
                str(error), title="Importação não feita", severity="error", markup=False
            )
            return
        if not preview.writes:
            summary = f"Nada a gravar: {preview_summary(preview)}"
            if parsed.errors:
                summary += (
                    f" {counted(len(parsed.errors), 'linha com problema', 'linhas com problema')}:"
                )
            self.app.push_screen(
                ReportDialog(
                    "Importação do lote",
                    summary,
                    bad_lines(parsed) or preview_lines(masked_preview(preview)),
                )
            )
            return
        summary = preview_summary(preview)
        if parsed.errors:
            summary += (
                f" {counted(len(parsed.errors), 'linha com problema fica', 'linhas com problema ficam')}"
                " de fora (listadas no fim)."
            )
        lines = preview_lines(masked_preview(preview), REPORT_LIMIT) + bad_lines(parsed)
        dialog = ImportPreviewDialog(summary, lines, warning=conflict_warning(preview))
        self.app.push_screen(dialog, lambda ok: self.write(preview, parsed) if ok else None)

    def write(self, preview: ImportPreview, parsed: ParsedLote) -> None:
        """Write the new and changed licenses in one go; report what happened."""
        from store.errors import StoreError

        try:
            result = self.app.database.licenses.import_licenses(preview.writes, self.app.clock())
        except (StoreError, OSError) as error:
            self.screen.notify(
                str(error), title="Importação não feita", severity="error", markup=False
            )
            return
        self.screen.load()
        added = counted(result.added, "licença incluída", "licenças incluídas")
        updated = counted(result.updated, "alterada", "alteradas")
        summary = f"{added}, {updated}."
        if parsed.errors:
            left_out = counted(
                len(parsed.errors), "linha com problema ficou", "linhas com problema ficaram"
            )
            self.app.push_screen(
                ReportDialog(
                    "Importação do lote", f"{summary} {left_out} de fora:", bad_lines(parsed)
                )
            )
        else:
            self.screen.notify(summary, title="Lote importado", markup=False)
