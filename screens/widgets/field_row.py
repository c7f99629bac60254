"""One field of a request form, built from its :class:`FieldSpec`: label, control, message."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from helpdesk.backup import allowed_slots
from helpdesk.documents import SUPPORT_ID_MAX, TEXT_MAX
from helpdesk.errors import InputError
from helpdesk.fields import FieldSpec
from screens.widgets.select import PtSelect
from screens.widgets.static_update import show_line, update_static

INPUT_LIMITS = {
    "support_id": SUPPORT_ID_MAX,
    "date": 10,
    "int": 5,
    "cnpj": 20,
    "email": 254,
    "text": TEXT_MAX,
}
"""Longest text each kind of field accepts while typing (the parser says why when it is too long)."""

INPUT_RESTRICT = {"date": r"[0-9/\-]*", "int": r"[0-9.,\-]*", "cnpj": r"[0-9A-Za-z./\- ]*"}
"""Characters that can never be part of a valid value of the kind, refused as they are typed."""


DATE_DIGITS = len("DDMMAAAA")
"""A date typed without slashes, as accountants often type it, has this many digits."""


class LimitedInput(Input):
    """An Input that keeps what fits of a paste (or a key) past its length limit and says so.

    Textual's Input refuses the whole change when it would pass ``max_length`` (only a bell),
    so a long pasted text vanished, or, pasted as keystrokes, stopped at the limit unnoticed.
    """

    @dataclass
    class Cut(Message):
        """Text past the limit was left out (``dropped`` characters)."""

        input: LimitedInput
        dropped: int

    def replace(self, text: str, start: int, end: int) -> None:
        """Insert what fits of ``text`` within ``max_length``; post Cut for the rest."""
        limit = self.max_length
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        room = limit - (len(value) - (end - start)) if limit else len(text)
        if len(text) <= room:
            super().replace(text, start, end)
            return
        kept = text[: max(room, 0)]
        if kept:
            super().replace(kept, start, end)
            if self.value == value:
                return  # refused for its characters (``restrict``), not for its length
        self.post_message(self.Cut(self, len(text) - len(kept)))


def slot_options() -> list[tuple[str, str]]:
    """The generation slots a backup form offers: only the allowed window."""
    return [(f"{slot:%H:%M}", f"{slot:%H:%M}") for slot in allowed_slots()]


def choice_options(spec: FieldSpec, current: str) -> list[tuple[str, str]]:
    """Options of a choice field; a given value outside them is kept so the panel can say why."""
    options = slot_options() if spec.kind == "slot" else [(lbl, val) for val, lbl in spec.choices]
    if current and current not in {value for _, value in options}:
        options.append((f"{current} (fora da janela)" if spec.kind == "slot" else current, current))
    return options


def label_content(spec: FieldSpec, width: int = 0) -> Content:
    """The field's label, with a red asterisk when it is required.

    Given the ``width`` it is shown in, a label that fits but leaves no room for the asterisk
    sends its last word to the next line with it, so the asterisk is never alone on a line.
    """
    if not (spec.required and not spec.default):
        return Content.styled(spec.label, "bold")
    label = spec.label
    if width and len(label) <= width < len(label) + 2 and " " in label:
        head, _, last = label.rpartition(" ")
        label = f"{head}\n{last}"
    return Content.assemble((label, "bold"), (" *", "bold $text-error"))


class FieldRow(Vertical):
    """Label, an Input (or a Select for choices and backup slots) and the help or error line."""

    DEFAULT_CSS = """
    FieldRow {
        height: auto;
        margin-bottom: 1;
    }
    FieldRow Input, FieldRow Select > SelectCurrent {
        background: $boost;
    }
    FieldRow Input:focus, FieldRow Select:focus > SelectCurrent {
        background: $primary 25%;
    }
    /* Shorter than Textual's 12 lines: at 80×24 the open list stays clear of the footer. */
    FieldRow Select > SelectOverlay {
        max-height: 8;
    }
    FieldRow .field-message {
        color: $text-muted;
        height: auto;
    }
    FieldRow.-invalid .field-message {
        color: $text-error;
    }
    FieldRow.-cut .field-message {
        color: $text-warning;
    }
    FieldRow.-invalid Input, FieldRow.-invalid Select > SelectCurrent {
        background: $error 20%;
    }
    """

    @dataclass
    class Changed(Message):
        """The text of a field changed (typed, chosen or filled from the lote)."""

        row: FieldRow

        @property
        def control(self) -> FieldRow:
            """The row that changed (for ``@on`` selectors)."""
            return self.row

    def __init__(self, spec: FieldSpec, text: str) -> None:
        super().__init__(id=f"field-{spec.name}", classes="field-row")
        self.spec = spec
        self._initial = text
        self.touched = bool(text)
        """Errors are shown once the person has typed here (or tried to send)."""
        self._told = text
        """The text the form was last told about (a change back to it is still a change)."""
        self._note = ""
        """What the form says about a valid value (e.g. an ID Suporte not in the lote)."""
        self._cut = False
        """Text past the length limit was left out; said until the text is shorter again."""
        self._error: str | None = None

    @property
    def is_choice(self) -> bool:
        """True when the field is a Select."""
        return bool(self.spec.choices) or self.spec.kind == "slot"

    def compose(self) -> ComposeResult:
        """Label, control, message."""
        spec = self.spec
        # Kept rather than queried: every key press reads and re-checks each row of the form.
        self._label = Static(label_content(spec), classes="field-label")
        yield self._label
        control: Input | Select[str]
        if self.is_choice:
            control = PtSelect(
                choice_options(spec, self._initial),
                prompt="Escolha…",
                value=self._initial or Select.NULL,
                id=f"input-{spec.name}",
                compact=True,
            )
        else:
            control = LimitedInput(
                self._initial,
                placeholder=spec.placeholder,
                max_length=self.limit,
                restrict=INPUT_RESTRICT.get(spec.kind),
                id=f"input-{spec.name}",
                select_on_focus=False,
                compact=True,
            )
        control.tooltip = spec.help or None
        self._control = control
        yield control
        self._message = Static(Content(spec.help), classes="field-message")
        yield self._message

    def on_resize(self) -> None:
        """Lay the label out again for the new width (see :func:`label_content`)."""
        width = self.content_size.width
        update_static(self._label, label_content(self.spec, width))

    @property
    def text(self) -> str:
        """What the field holds now, as text (empty when nothing is chosen)."""
        control = self._control
        if isinstance(control, Select):
            value = control.value
            return "" if value is Select.NULL else str(value)
        assert isinstance(control, Input)
        return control.value

    def set_text(self, text: str) -> None:
        """Replace the field's text (as when a license is picked from the lote)."""
        control = self._control
        if isinstance(control, Select):
            if text and text not in {value for _, value in choice_options(self.spec, "")}:
                control.set_options(choice_options(self.spec, text))
            control.value = text or Select.NULL
        else:
            assert isinstance(control, Input)
            control.value = text
        self._told = text
        self.touched = self.touched or bool(text)

    @property
    def control(self) -> Widget:
        """The Input or Select of the field."""
        return self._control

    def focus_control(self) -> None:
        """Put the cursor in the field."""
        self.control.focus()

    @property
    def limit(self) -> int:
        """The longest text the field takes (0 for a choice)."""
        return 0 if self.is_choice else INPUT_LIMITS.get(self.spec.kind, INPUT_LIMITS["text"])

    def show_error(self, message: str | None) -> None:
        """Show ``message`` under the field (or, when None, the length, the note or the help)."""
        self._error = message
        shown = message if (message and self.touched) else None
        self.set_class(shown is not None, "-invalid")
        length = "" if shown else self._length_message()
        self.set_class(bool(length) and self._cut, "-cut")
        line = self._message
        text = f"✖ {shown}" if shown else length or self._note or self.spec.help
        update_static(line, Content(text))
        show_line(line, bool(text))

    def show_note(self, note: str) -> None:
        """Say ``note`` under the field while it has no error (empty: back to its help)."""
        if note != self._note:
            self._note = note
            self.show_error(self._error)

    def _length_message(self) -> str:
        """What the field says at its length limit: a counter (free text), or that the rest of a
        paste or key was cut (any field)."""
        limit = self.limit
        if not limit or len(self.text) < limit:
            self._cut = False
            return ""
        if self._cut:
            return f"✖ use no máximo {limit} caracteres; o resto foi cortado"
        if self.spec.kind != "text":
            return ""  # a full date or CNPJ is at its length by nature: nothing to say
        return f"{len(self.text)}/{limit}: use no máximo {limit} caracteres"

    @on(LimitedInput.Cut)
    def _was_cut(self, event: LimitedInput.Cut) -> None:
        """Say at the field that text past the limit was left out."""
        event.stop()
        self._cut = True
        self.touched = True
        self.show_error(self._error)
        self._message.scroll_visible(animate=False)  # the line under a field low on the screen

    def check(self) -> str | None:
        """The field's own error for its current text (None when valid)."""
        try:
            self.spec.parse(self.text)
        except InputError as error:
            return error.message
        return None

    def _add_date_slashes(self, control: Input) -> bool:
        """Turn eight typed digits of a date (as "22112026") into "22/11/2026"; True if changed."""
        digits = control.value
        if self.spec.kind != "date" or len(digits) != DATE_DIGITS or not digits.isdigit():
            return False
        control.value = f"{digits[:2]}/{digits[2:4]}/{digits[4:]}"
        control.cursor_position = len(control.value)
        return True

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        """Tell the form; from now on this field's errors are shown."""
        event.stop()
        if isinstance(event, Input.Changed) and self._add_date_slashes(event.input):
            return  # the slashed value posts its own Changed
        if isinstance(event, Input.Changed) and event.value != self._initial:
            self.touched = True
        if isinstance(event, Select.Changed) and event.value is not Select.NULL:
            self.touched = True
        # The control reports the text it was built with as a change too: the form has
        # already checked that text, and checking it again cost a second layout on opening.
        if self.text == self._told:
            return
        self._told = self.text
        self.post_message(self.Changed(self))
