"""Importing the lote in Meu lote: read the file, show what would change, write once confirmed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from helpdesk.documents import mask_cnpj, mask_name, mask_text
from helpdesk.errors import InputError
from helpdesk.license_fields import FieldChange
from helpdesk.lote_import import ImportPreview, preview_lines
from screens.dialogs import PathDialog, ReportDialog
from screens.scrolling_dialog import FittingBox, ScrollingDialog
from screens.wording import counted

if TYPE_CHECKING:
    from screens.lote import LoteScreen
    from store.interface import ParsedLote

REPORT_LIMIT = 200
"""Lines listed one by one in a report (the counts say how many in all)."""


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


class ImportPreviewDialog(ScrollingDialog[bool]):
    """What an import would change, before anything is written; esc writes nothing."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Não importar", id="preview_cancel"),
        Binding("left", "app.focus_previous", show=False, id="preview_left"),
        Binding("right", "app.focus_next", show=False, id="preview_right"),
    ]
    """esc is the safe answer; ← → move between the buttons (the scroll keys are inherited)."""

    def __init__(self, summary: str, lines: Sequence[str], *, warning: str = "") -> None:
        super().__init__()
        self.summary = summary
        self.lines = tuple(lines)
        self.warning = warning

    def compose(self) -> ComposeResult:
        """Title; counts, the warning about open requests and the changes (scrolling); buttons."""
        with FittingBox():
            yield Static(Content("Importar lote: confira antes de gravar"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body", id="preview-body", can_focus=False):
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
        yield from self.scroll_hints()

    def on_mount(self) -> None:
        """Focus the safe answer when open requests would be touched, else Importar."""
        self.query_one("#preview-no" if self.warning else "#preview-yes", Button).focus()

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
