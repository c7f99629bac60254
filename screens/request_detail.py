"""One saved request in full: fields, outcome, status history, and the status changes allowed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static

from helpdesk.documents import format_cnpj, format_moment, normalize_cnpj
from helpdesk.errors import InputError
from helpdesk.outcome import outcome_from_json
from helpdesk.request_kinds import KINDS
from helpdesk.support import TICKET_FIELD, normalize_ticket, ticket_note
from screens.dialogs import ConfirmDialog
from screens.helpdesk_mixin import HelpdeskAware
from screens.modal import Modal
from screens.outside import by_hand, report_copy
from screens.widgets.change_watcher import ChangeWatcher
from screens.widgets.outcome_panel import OutcomePanel

if TYPE_CHECKING:
    from collections.abc import Callable

    from store.interface import Request

MARKS = (
    ("enviada", "Enviada", "Enviada ao suporte", "Enviada (m)", "m"),
    ("confirmada", "Confirmada", "Confirmada pelo suporte", "Confirmada (o)", "o"),
    ("concluida", "Concluída", "Concluída", "Concluída (f)", "f"),
)
"""Forward status changes: stored status, footer word, full description, button label, key.

The keys agree with the confirmation screen a request is made on: ``m`` marks it sent there too
("Já enviei") and ``c`` copies the message on both, so a hand used to ``c`` never changes a status."""


TICKET_HINT = (
    "O protocolo é o registro deste app, não um chamado da Conta Azul. Quando o suporte passar o "
    "número do chamado, escreva-o aqui: ele fica anotado com a próxima marcação, como prova do "
    "pedido."
)


def fields_content(request: Request) -> Content:
    """The fields as submitted, one per line, under their form labels (shown literally)."""
    kind = KINDS.get(request.kind)
    lines = []
    for name, value in request.fields.items():
        label = name
        shown = value
        if kind is not None:
            try:
                spec = kind.field(name)
            except KeyError:
                spec = None
            if spec is not None:
                label = spec.bare_label
                shown = dict(spec.choices).get(value, value)
                if spec.kind == "cnpj":
                    try:
                        shown = format_cnpj(normalize_cnpj(value))
                    except InputError:
                        shown = value
        # A question is answered after its own mark: "Tem Conta PJ ativa? Não", not "ativa?: Não".
        joiner = " " if label.endswith("?") else ": "
        lines.append(Content.assemble((f"{label}{joiner}", "bold"), shown))
    return Content("\n").join(lines) if lines else Content("—")


def history_content(request: Request) -> Content:
    """The status history, oldest first."""
    return Content("\n").join(
        Content.assemble(
            (format_moment(change.at), "$text-muted"),
            "  ",
            (change.label, "bold"),
            (f" — {change.note}" if change.note else ""),
        )
        for change in request.history
    )


class RequestDetail(HelpdeskAware, Modal["Request | None"]):
    """The detail of a request; dismisses with the request as it is after any change."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    RequestDetail {
        align: center middle;
        background: $background 60%;
    }
    RequestDetail > Horizontal {
        width: 95%;
        height: 90%;
        border: thick $accent;
        background: $panel;
    }
    RequestDetail #detail-main {
        width: 1fr;
        padding: 0 1;
    }
    RequestDetail #detail-main > Static {
        height: auto;
        margin-bottom: 1;
    }
    RequestDetail .detail-heading {
        text-style: bold;
        color: $text-accent;
        margin-bottom: 0 !important;
    }
    RequestDetail #detail-actions {
        height: auto;
        layout: grid;
        grid-size: 2;
        grid-gutter: 1 1;
    }
    RequestDetail #detail-actions Button {
        width: 1fr;
    }
    RequestDetail #detail-copy {
        column-span: 2;
    }
    RequestDetail OutcomePanel {
        width: 1fr;
        border-left: tall $primary 40%;
    }
    """
    BINDINGS = [
        Binding("escape", "close", "Fechar", id="detail_close"),
        *(
            Binding(
                key, f"mark('{status}')", word, tooltip=f"Marcar: {label}", id=f"detail_{status}"
            )
            for status, word, label, _button, key in MARKS
        ),
        Binding("r", "withdraw", "Retirar", tooltip="Retirar o pedido", id="detail_withdraw"),
        Binding(
            "c", "copy_message", "Copiar", tooltip="Copiar a mensagem ao suporte", id="detail_copy"
        ),
    ]
    """esc closes; m/o/f move the status forward (f, the final one, after a question); r
    withdraws; c copies the message."""

    def __init__(self, request: Request) -> None:
        super().__init__()
        self.request = request

    def compose(self) -> ComposeResult:
        """Fields, history and actions on the left; the outcome on the right."""
        request = self.request
        kind = KINDS.get(request.kind)
        with Horizontal() as box:
            box.border_title = f"{request.protocol} · {kind.title if kind else request.kind}"
            with VerticalScroll(id="detail-main"):
                yield Static(id="detail-status")
                yield Static("Campos enviados", classes="detail-heading")
                yield Static(fields_content(request), id="detail-fields")
                yield Static("Histórico", classes="detail-heading")
                yield Static(id="detail-history")
                if self.request.message.get("text"):
                    yield Static("Enviar ao suporte", classes="detail-heading")
                    yield Static(Content(by_hand(request.message)), id="detail-by-hand")
                yield Static("Chamado na Conta Azul", classes="detail-heading")
                yield Static(TICKET_HINT, id="detail-ticket-hint")
                yield Input(
                    placeholder="nº do chamado (opcional)", id="detail-ticket", max_length=30
                )
                yield Static("Marcar como", classes="detail-heading")
                with Horizontal(id="detail-actions"):
                    for status, _word, _label, button, _key in MARKS:
                        yield Button(button, id=f"detail-{status}", compact=True)
                    yield Button("Retirar (r)", id="detail-withdraw", variant="error", compact=True)
                    yield Button("Copiar mensagem (c)", id="detail-copy", compact=True)
            article = kind.article_id if kind else ""
            found = self.helpdesk.catalog.get(article) if article else None
            yield OutcomePanel(article, found.title if found else "")
        yield ChangeWatcher()

    def on_mount(self) -> None:
        """Fill the parts that change with the status."""
        outcome = outcome_from_json(self.request.outcome)
        self.query_one(OutcomePanel).show_outcome(outcome, self.helpdesk.clock())
        self._show_status()
        self.query_one("#detail-main").focus()

    @on(ChangeWatcher.Changed)
    def reload_changed(self) -> None:
        """Someone else changed the store: show the request as it is now, or close if it is gone.

        An erasure (or any change) made by another process must not leave erased fields on
        screen, nor let "copiar" copy them.
        """
        from store.errors import NotFound, StoreError

        try:
            fresh = self.helpdesk.database.requests.get(self.request.protocol)
        except NotFound:
            self.notify(
                f"O pedido {self.request.protocol} não existe mais: foi apagado em outro lugar.",
                title="Pedido fechado",
                severity="warning",
                markup=False,
            )
            self.dismiss(None)
            return
        except (StoreError, OSError):
            return  # unreadable now: the lists report it; what is shown stays until it reads
        if fresh == self.request:
            return
        self.request = fresh
        self.query_one("#detail-fields", Static).update(fields_content(fresh))
        self.query_one(OutcomePanel).show_outcome(
            outcome_from_json(fresh.outcome), self.helpdesk.clock()
        )
        self._show_status()

    def on_screen_resume(self) -> None:
        """Back on top (a dialog closed, the app got focus again): look for changes now."""
        self.query_one(ChangeWatcher).check()

    def _show_status(self) -> None:
        """Status line, history and which buttons apply."""
        request = self.request
        self.query_one("#detail-status", Static).update(
            Content.assemble(
                ("Situação: ", "bold"),
                (request.status_label, "bold $text-accent"),
                ("\nregistrado em " + format_moment(request.created_at), "$text-muted"),
                (
                    f"\nchamado na Conta Azul: {request.ticket}" if request.ticket else "",
                    "$text-muted",
                ),
            )
        )
        self.query_one("#detail-ticket", Input).disabled = not request.is_open
        self.query_one("#detail-history", Static).update(history_content(request))
        for status, _word, _label, _button, _key in MARKS:
            self.query_one(f"#detail-{status}", Button).disabled = not self._can_mark(status)
        self.query_one("#detail-withdraw", Button).disabled = not request.is_open
        self.refresh_bindings()

    def _can_mark(self, status: str) -> bool:
        """True when the request is open and ``status`` is further along than where it is."""
        from helpdesk.request_status import FLOW

        current = self.request.status
        position = FLOW.index(current) if current in FLOW else len(FLOW)
        return self.request.is_open and status in FLOW and FLOW.index(status) > position

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers only the status changes the request can still take."""
        if action == "mark" and parameters:
            return self._can_mark(str(parameters[0]))
        if action == "withdraw":
            return self.request.is_open
        return True

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        """Buttons do what their keys do."""
        button = event.button.id or ""
        if button == "detail-withdraw":
            self.action_withdraw()
        elif button == "detail-copy":
            self.action_copy_message()
        elif button.startswith("detail-"):
            self.action_mark(button.removeprefix("detail-"))

    def action_mark(self, status: str) -> None:
        """Move the request forward to ``status``, with the ticket number typed, if any.

        The final status is asked first: a concluded request can no longer change, not even be
        withdrawn, and its key (f) is the one that filters on the list right behind.
        """
        from helpdesk.request_status import CONCLUDED

        field = self.query_one("#detail-ticket", Input)
        note = ""
        if field.value.strip():
            try:
                note = ticket_note(normalize_ticket(field.value))
            except InputError as error:
                field.focus()
                self.notify(error.message, title=TICKET_FIELD, severity="warning", markup=False)
                return
        if status != CONCLUDED:
            self._mark(status, note)
            return
        self.app.push_screen(
            ConfirmDialog(
                "Marcar este pedido como concluído?",
                "Concluído quer dizer que o suporte já fez o que foi pedido. Depois disso o "
                "pedido não muda mais: não pode ser retirado nem voltar a outra situação.",
                confirm="Marcar como concluído",
                cancel="Ainda não",
            ),
            lambda yes: self._mark(status, note) if yes else None,
        )

    def _mark(self, status: str, note: str) -> None:
        """Record ``status`` (with ``note``) and clear the ticket box once it is recorded."""
        field = self.query_one("#detail-ticket", Input)
        before = self.request
        self._change(
            lambda: self.helpdesk.database.requests.mark(
                self.request.protocol, status, self.helpdesk.clock(), note
            )
        )
        if self.request is not before:
            field.value = ""

    @on(Input.Submitted, "#detail-ticket")
    def ticket_typed(self, event: Input.Submitted) -> None:
        """Enter after the number moves on to the status buttons."""
        event.stop()
        enabled = [b for b in self.query("#detail-actions Button") if not b.disabled]
        if enabled:
            enabled[0].focus()

    def action_withdraw(self) -> None:
        """Withdraw the request, after confirming."""
        if not self.request.is_open:
            self.notify(f"O pedido já está {self.request.status_label}.", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._change(
                    lambda: self.helpdesk.database.requests.withdraw(
                        self.request.protocol, self.helpdesk.clock()
                    )
                )

        self.app.push_screen(
            ConfirmDialog(
                "Retirar este pedido?",
                "O pedido deixa de valer e, se ainda for possível, a mudança que ele fez no lote é "
                "desfeita. Avise o suporte se a mensagem já foi enviada.",
                confirm="Retirar pedido",
                cancel="Manter",
                danger=True,
            ),
            answered,
        )

    def _change(self, change: Callable[[], Request]) -> None:
        """Run a status change through the store and show the result (errors say why)."""
        from store.errors import StoreError

        try:
            self.request = change()
        except (InputError, StoreError, OSError) as error:
            self.notify(str(error), title="Situação não alterada", severity="warning", markup=False)
            return
        self._show_status()
        self.notify(f"{self.request.protocol}: {self.request.status_label}.", markup=False)

    def action_copy_message(self) -> None:
        """Copy the support message again, saying whether the copy was confirmed."""
        report_copy(self.app, self.request.message.get("text", ""))

    @on(OutcomePanel.RuleChosen)
    def open_rule(self, event: OutcomePanel.RuleChosen) -> None:
        """Close the detail, then read the article section of the rule."""
        event.stop()
        self.dismiss(self.request)
        if event.article_id:
            self.app.call_later(self.helpdesk.open_article, event.article_id, event.anchor)

    def action_close(self) -> None:
        """Close, handing back the request as it is now."""
        self.dismiss(self.request)
