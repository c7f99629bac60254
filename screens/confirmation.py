"""After a request is saved: its protocol, its outcome and the message to send, ready to go."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from helpdesk.documents import format_moment
from helpdesk.errors import InputError
from helpdesk.outcome import outcome_from_json
from helpdesk.policy import POLICY
from helpdesk.request_kinds import KINDS
from screens.binding_keys import bound_key
from screens.helpdesk_mixin import HelpdeskAware
from screens.outside import by_hand, report_copy, report_open
from screens.textual_hooks import FixedTitleHeader, QuietFooter
from screens.widgets.outcome_panel import OutcomePanel

NARROW_WIDTH = 100
"""Below this many columns the actions take two lines."""

if TYPE_CHECKING:
    from store.interface import Request


def next_step(channel: str, kind_id: str) -> str:
    """What the person does now, for the request's channel (the address on a line of its own,
    so that a narrow screen never splits a phone number)."""
    channels = POLICY.channels
    if channel == "email":
        return f"Envie a mensagem abaixo por e-mail para:\n{channels.conta_pj_email}"
    if KINDS.get(kind_id) is not None and KINDS[kind_id].channel == "self":
        return (
            "O agendamento é feito por você, na Conta Azul Pro do cliente (veja o artigo). "
            "Se precisar de ajuda, envie a mensagem abaixo ao suporte pelo WhatsApp:\n"
            f"{channels.whatsapp_display}"
        )
    return f"Envie a mensagem abaixo ao suporte pelo WhatsApp:\n{channels.whatsapp_display}"


class ConfirmationScreen(HelpdeskAware, Screen[None]):
    """Shows a just-saved request and sends its message on its way."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("escape", "app.go_back", "Voltar", id="confirm_back"),
        Binding(
            "c", "copy", "Copiar", tooltip="Copiar a mensagem para o suporte", id="confirm_copy"
        ),
        Binding(
            "w",
            "send('whatsapp')",
            "WhatsApp",
            tooltip="Abrir o WhatsApp com a mensagem pronta",
            id="confirm_whatsapp",
        ),
        Binding(
            "e",
            "send('email')",
            "E-mail",
            tooltip="Abrir o e-mail com a mensagem pronta",
            id="confirm_email",
        ),
        # The other channel's key, pressed out of habit: say where this request goes instead of
        # doing nothing (only the request's own channel is offered above).
        Binding("w", "other_channel('whatsapp')", "", show=False, id="confirm_not_whatsapp"),
        Binding("e", "other_channel('email')", "", show=False, id="confirm_not_email"),
        Binding(
            "m",
            "mark_sent",
            "Já enviei",
            tooltip="Marcar o pedido como enviado ao suporte",
            id="confirm_mark",
        ),
        Binding(
            "s",
            "app.requests",
            "Solicitações",
            show=False,
            tooltip="Abrir Minhas solicitações",
            id="confirm_requests",
        ),
    ]
    """c copies, w or e opens the channel, m marks as sent, s lists the requests."""

    def __init__(self, request: Request) -> None:
        super().__init__()
        self.request = request

    @property
    def channel(self) -> str:
        """``whatsapp`` or ``email``: where the message goes."""
        return self.request.message.get("channel", "whatsapp")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the key of the request's channel."""
        if action == "send":
            return parameters == (self.channel,)
        return True

    def compose(self) -> ComposeResult:
        """Protocol and message on the left, the outcome on the right."""
        request = self.request
        kind = KINDS.get(request.kind)
        title = kind.title if kind else request.kind
        yield FixedTitleHeader()
        with Horizontal(id="confirm-layout"):
            with VerticalScroll(id="confirm-main") as main:
                main.border_title = "Pedido registrado"
                yield Static(
                    Content.assemble(
                        ("✔ Protocolo ", "bold $text-success"),
                        (f" {request.protocol} ", "bold reverse"),
                    ),
                    id="confirm-protocol",
                )
                yield Static(
                    Content.assemble(
                        (title, "bold"),
                        f"\nID Suporte {request.support_id}",
                        ("\nRegistrado em " + format_moment(request.created_at), "$text-muted"),
                    ),
                    id="confirm-summary",
                )
                yield Static(Content(next_step(self.channel, request.kind)), id="confirm-next")
                message = Static(Content(request.message.get("text", "")), id="confirm-message")
                message.border_title = "Mensagem para o suporte"
                yield message
                with Horizontal(id="confirm-actions"):
                    yield Button("Copiar (c)", id="confirm-copy", variant="primary", compact=True)
                    if self.channel == "email":
                        yield Button(
                            "E-mail (e)", id="confirm-send", variant="success", compact=True
                        )
                    else:
                        yield Button(
                            "WhatsApp (w)", id="confirm-send", variant="success", compact=True
                        )
                    yield Button("Já enviei (m)", id="confirm-mark", compact=True)
                # Whether or not a browser opens, the address is there to copy by hand.
                yield Static(Content(by_hand(request.message)), id="confirm-by-hand")
                yield Static(
                    Content(
                        "Acompanhe este pedido em Minhas solicitações (s): lá você marca quando o "
                        "suporte confirmar e quando estiver concluído."
                    ),
                    id="confirm-follow",
                )
            article_id = kind.article_id if kind else ""
            article = self.helpdesk.catalog.get(article_id) if article_id else None
            panel = OutcomePanel(article_id, article.title if article else title)
            panel.id = "outcome-panel"
            panel.border_title = "O que vai acontecer"
            yield panel
        yield QuietFooter()

    def on_mount(self) -> None:
        """Draw the saved outcome and focus the copy button."""
        outcome = outcome_from_json(self.request.outcome)
        self.query_one(OutcomePanel).show_outcome(outcome, self.helpdesk.clock())
        # Focus the first action without scrolling it into view: the protocol stays on screen.
        self.query_one("#confirm-copy", Button).focus(scroll_visible=False)

    def on_resize(self) -> None:
        """Two actions per line on narrow terminals."""
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")

    @on(Button.Pressed, "#confirm-copy")
    def action_copy(self) -> None:
        """Copy the message to the clipboard, saying whether the copy was confirmed."""
        report_copy(self.app, self.request.message.get("text", ""))

    @on(Button.Pressed, "#confirm-send")
    def send_pressed(self) -> None:
        """The button opens the request's channel."""
        self.action_send(self.channel)

    def action_other_channel(self, channel: str) -> None:
        """Explain that this request goes by its own channel, and which key opens it."""
        if channel == self.channel:
            return
        binding_id, name = (
            ("confirm_whatsapp", "WhatsApp")
            if self.channel == "whatsapp"
            else ("confirm_email", "e-mail")
        )
        key, copy = bound_key(self.BINDINGS, binding_id), bound_key(self.BINDINGS, "confirm_copy")
        self.notify(
            f"Este pedido vai pelo {name}, o canal que o artigo indica para ele: tecle {key} "
            f"para abri-lo com a mensagem pronta, ou {copy} para copiá-la.",
            markup=False,
        )

    def action_send(self, channel: str) -> None:
        """Open WhatsApp (or the e-mail program) with the message already written."""
        del channel  # the message's own link already points at its channel
        report_open(self.app, self.request.message, copy_key="c")

    @on(Button.Pressed, "#confirm-mark")
    def action_mark_sent(self) -> None:
        """Record that the message was sent to support."""
        from helpdesk.request_status import SENT
        from store.errors import StoreError

        try:
            self.request = self.helpdesk.database.requests.mark(
                self.request.protocol, SENT, self.helpdesk.clock()
            )
        except (InputError, StoreError, OSError) as error:
            self.notify(
                f"{error} Acompanhe em Minhas solicitações (s).",
                title="Situação não alterada",
                severity="warning",
                markup=False,
            )
            return
        self.query_one("#confirm-mark", Button).disabled = True
        self.notify(
            f"Pedido {self.request.protocol} marcado como enviado ao suporte.", markup=False
        )

    @on(OutcomePanel.RuleChosen)
    def open_rule(self, event: OutcomePanel.RuleChosen) -> None:
        """Read the article section of a rule."""
        if event.article_id:
            self.helpdesk.open_article(event.article_id, event.anchor)
