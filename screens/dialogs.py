"""The small questions: confirm, type the ID Suporte to confirm, discard, choose a path, report,
choose an option."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from screens.modal import Dialog
from screens.scrolling_dialog import FittingBox, ScrollingDialog


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; esc answers no."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Cancelar", show=False, id="dialog_cancel"),
        Binding("left", "app.focus_previous", show=False, id="dialog_left"),
        Binding("right", "app.focus_next", show=False, id="dialog_right"),
    ]
    """esc is always the safe answer (the footer names it after its button); ← and → move between
    the two buttons, as tab does, since they sit side by side."""

    def __init__(
        self,
        title: str,
        message: str,
        *,
        confirm: str = "Confirmar",
        cancel: str = "Voltar",
        danger: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.confirm_label = confirm
        self.cancel_label = cancel
        self.danger = danger

    def compose(self) -> ComposeResult:
        """Title, text, and the two answers (the safe one focused)."""
        with Vertical():
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.message), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.cancel_label, id="dialog-no")
                yield Button(
                    self.confirm_label,
                    id="dialog-yes",
                    variant="error" if self.danger else "primary",
                )

    def key_hints(self) -> Iterator[tuple[str, str]]:
        """enter answers with the button in focus, tab moves to the other, esc is the safe one."""
        yield ("enter", "Responder")
        yield ("tab", "Outro botão")
        yield ("escape", self.cancel_label)

    def on_mount(self) -> None:
        """Focus the safe answer."""
        self.query_one("#dialog-no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        self.dismiss(event.button.id == "dialog-yes")

    def action_answer(self, answer: bool) -> None:
        """Answer from a key."""
        self.dismiss(answer)


class DiscardDialog(ConfirmDialog):
    """The question asked when leaving a form that has been filled in."""

    def __init__(self) -> None:
        super().__init__(
            "Descartar o que foi preenchido?",
            "Este formulário tem dados que ainda não foram enviados. Se sair agora, eles se perdem.",
            confirm="Descartar e sair",
            cancel="Continuar preenchendo",
            danger=True,
        )

    def confirm_leave(self, callback: Callable[[bool], None]) -> None:
        """Going elsewhere while this question is open waits for its answer (no second question)."""
        self.app.bell()
        callback(False)


def discard_dialog() -> ConfirmDialog:
    """The question asked when leaving a form that has been filled in."""
    return DiscardDialog()


class TypeToConfirmDialog(Dialog[bool]):
    """For requests that cannot be undone: the person types the ID Suporte to go ahead."""

    BINDINGS = [Binding("escape", "cancel", "Voltar", id="typed_cancel")]
    """esc gives up."""

    def __init__(self, title: str, message: str, expected: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.expected = expected

    def compose(self) -> ComposeResult:
        """Title, warning, the box to type in, and the buttons."""
        with Vertical():
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.message), classes="dialog-text")
            yield Static(
                Content.assemble(
                    "Digite o ID Suporte ", (self.expected, "bold"), " para confirmar:"
                ),
                classes="dialog-text",
            )
            yield Input(placeholder=self.expected, id="typed-id")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Voltar", id="typed-no")
                yield Button("Confirmar", id="typed-yes", variant="error", disabled=True)

    def key_hints(self) -> Iterator[tuple[str, str]]:
        """enter in the box confirms (once the ID typed is right)."""
        yield ("enter", "Confirmar")

    def on_mount(self) -> None:
        """Start typing at once."""
        self.query_one("#typed-id", Input).focus()

    @on(Input.Changed, "#typed-id")
    def compare(self, event: Input.Changed) -> None:
        """Enable confirming only when the typed text is the ID Suporte."""
        self.query_one("#typed-yes", Button).disabled = not self._matches(event.value)

    def _matches(self, typed: str) -> bool:
        """True when ``typed`` is the expected ID (surrounding spaces ignored)."""
        return typed.strip() == self.expected.strip()

    @on(Input.Submitted, "#typed-id")
    def submitted(self, event: Input.Submitted) -> None:
        """Enter confirms when the ID matches."""
        if self._matches(event.value):
            self.dismiss(True)
        else:
            self.notify("O texto digitado não é o ID Suporte.", severity="warning")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        self.dismiss(event.button.id == "typed-yes")

    def action_cancel(self) -> None:
        """Give up."""
        self.dismiss(False)


class PathDialog(Dialog[str | None]):
    """Asks for a file path, offering a default the person can accept with enter."""

    BINDINGS = [Binding("escape", "cancel", "Cancelar", id="path_cancel")]
    """esc gives up."""

    def __init__(self, title: str, message: str, default: str, *, confirm: str = "OK") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.default = default
        self.confirm_label = confirm

    def compose(self) -> ComposeResult:
        """Title, explanation, the path box and the buttons."""
        with Vertical():
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.message), classes="dialog-text")
            yield Input(self.default, id="path-input", placeholder="caminho do arquivo")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancelar", id="path-no")
                yield Button(self.confirm_label, id="path-yes", variant="primary")

    def key_hints(self) -> Iterator[tuple[str, str]]:
        """enter in the box accepts the path."""
        yield ("enter", self.confirm_label)

    def on_mount(self) -> None:
        """Focus the path, ready to edit or accept."""
        self.query_one("#path-input", Input).focus()

    def _answer(self) -> None:
        """Dismiss with the typed path (or nothing if it is blank)."""
        path = self.query_one("#path-input", Input).value.strip()
        if not path:
            self.notify("Informe o caminho do arquivo.", severity="warning")
            return
        self.dismiss(path)

    @on(Input.Submitted, "#path-input")
    def submitted(self) -> None:
        """Enter accepts."""
        self._answer()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        if event.button.id == "path-yes":
            self._answer()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Give up."""
        self.dismiss(None)


class ReportDialog(ScrollingDialog[None]):
    """A result to read (e.g. the lines of a CSV that could not be imported); any key closes."""

    BINDINGS = [Binding("escape,enter,q", "close", "Fechar", id="report_close")]
    """esc, enter or q closes (the scroll keys are inherited)."""

    def __init__(self, title: str, message: str, lines: Sequence[str] = ()) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.lines = tuple(lines)

    def compose(self) -> ComposeResult:
        """Title; summary and lines (scrolling when the box cannot hold them); a close button."""
        with FittingBox():
            yield Static(Content(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body", id="report-body", can_focus=False):
                yield Static(Content(self.message), classes="dialog-text")
                if self.lines:
                    yield Static(
                        Content("\n").join(Content(line) for line in self.lines),
                        id="report-lines",
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Fechar", id="report-close", variant="primary")

    def key_hints(self) -> Iterator[tuple[str, str]]:
        """↑↓ pgdn scroll the lines while they do not fit."""
        yield from self.scroll_hints()

    def on_mount(self) -> None:
        """Focus the close button."""
        self.query_one("#report-close", Button).focus()

    @on(Button.Pressed, "#report-close")
    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)


class ChoiceDialog(Dialog[str | None]):
    """Pick one of a few options (e.g. which request to start for a license)."""

    BINDINGS = [Binding("escape", "cancel", "Cancelar", id="choice_cancel")]
    """esc gives up."""

    def __init__(
        self, title: str, message: str, options: Sequence[tuple[str, str]], highlighted: int = 0
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.options = tuple(options)
        self.highlighted = highlighted

    def compose(self) -> ComposeResult:
        """Title, explanation and the list."""
        with Vertical():
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.message), classes="dialog-text")
            yield OptionList(
                *(Option(Content(label), id=value) for value, label in self.options),
                id="choice-list",
            )

    def key_hints(self) -> Iterator[tuple[str, str]]:
        """The list's own keys: enter picks, ↑↓ move."""
        yield ("enter", "Escolher")
        yield ("up,down", "Mover")

    def on_mount(self) -> None:
        """Focus the list on the suggested option."""
        options = self.query_one("#choice-list", OptionList)
        options.highlighted = self.highlighted
        options.focus()

    @on(OptionList.OptionSelected, "#choice-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Answer with the option picked."""
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Give up."""
        self.dismiss(None)
