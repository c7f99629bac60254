"""F1/?: the keys of the screen underneath, and the keys that work everywhere."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from screens.modal import Modal

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "esc",
    "enter": "enter",
    "tab": "tab",
    "shift+tab": "shift+tab",
    "alt+left": "alt+←",
    "alt+right": "alt+→",
}

KEY_COLUMN = 18
"""Cells of the key column; descriptions wrap under themselves, not under the keys."""

TYPED_KEYS = frozenset({"slash", "question_mark"})
"""App keys that are characters: inside a text box they are typed, not obeyed."""

SEARCH_ANYWHERE = "Buscar na central de ajuda (funciona também dentro de um campo)"
"""What ctrl+f does on screens with text boxes, where / is typed instead."""

GENERAL_KEYS = (
    ("tab / shift+tab", "Passa de um item ao próximo (nos artigos, de link em link)"),
    ("enter", "Abre o item ou o link selecionado"),
    ("↑ ↓ / j k", "Move a seleção ou rola o texto"),
    ("ctrl+p", "Paleta de comandos: todos os artigos, formulários e temas (claro/escuro)"),
)


def search_bindings(prefix: str) -> list[Binding]:
    """For a screen with text boxes: ctrl+f searches from anywhere and is the footer's search key.

    ``/`` still searches outside the boxes but stays out of this screen's footer, since in a box
    it types a slash (Textual keeps the app's ``/`` in the footer while a box has the cursor).
    """
    return [
        Binding("ctrl+f", "app.search", "Buscar", tooltip=SEARCH_ANYWHERE, id=f"{prefix}_search"),
        # No description: F1 already lists / among the app's keys.
        Binding("slash", "app.search", "", show=False, id=f"{prefix}_search_slash"),
    ]


def key_table(title: str, rows: list[tuple[str, str]], width: int) -> Text:
    """A titled list of keys and what they do; a long description wraps under itself.

    ``width`` 0 leaves the wrapping to the terminal (used until the box's width is known).
    """
    text = Text(title, style="bold underline")
    room = width - KEY_COLUMN
    for key, description in rows:
        lines = textwrap.wrap(description, room) if room >= KEY_COLUMN else [description]
        text.append("\n")
        text.append(f"{key:<{KEY_COLUMN}}", style="bold")
        text.append(("\n" + " " * KEY_COLUMN).join(lines or [""]))
    return text


def _key_label(keys: str) -> str:
    """Readable names for a binding's keys."""
    return " / ".join(KEY_NAMES.get(key, key) for key in keys.split(","))


def _what_it_does(binding: Binding) -> str:
    """The full sentence of a key (its tooltip) when the footer shows a short word."""
    return binding.tooltip or binding.description


class HelpScreen(Modal[None]):
    """Lists the keys of the current screen, then the general ones."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Fechar")]
    """Any of esc, F1, ? or q closes the help."""

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under
        self.tables: list[tuple[str, list[tuple[str, str]]]] = []

    def compose(self) -> ComposeResult:
        """A table per group of keys (wrapped to the box's width once it is known)."""
        self.tables = [
            ("Nesta tela", self._screen_keys()),
            ("Em todo o aplicativo", self._app_keys()),
            ("Navegação", list(GENERAL_KEYS)),
        ]
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Ajuda — teclas"
            for title, rows in self.tables:
                yield Static(key_table(title, rows, width=0), classes="help-table")

    def on_resize(self) -> None:
        """Wrap the descriptions again for the new width, after the box has been laid out."""
        self.call_after_refresh(self._wrap)

    def _wrap(self) -> None:
        """Wrap each description beside its key (the box keeps its scrollbar's gutter)."""
        box = self.query_one("#help-box", VerticalScroll)
        width = box.scrollable_content_region.width
        for static, (title, rows) in zip(self.query(".help-table"), self.tables, strict=True):
            if isinstance(static, Static):
                static.update(key_table(title, rows, width))
        self.call_after_refresh(self._say_it_scrolls)

    def _say_it_scrolls(self) -> None:
        """Name the scrolling keys on the box's border when the keys do not all fit."""
        box = self.query_one("#help-box", VerticalScroll)
        box.border_subtitle = "↑↓ rolam · esc fecha" if box.max_scroll_y > 0 else ""

    def _screen_keys(self) -> list[tuple[str, str]]:
        """Bindings the app declares on the screen underneath and on its focused widget.

        Textual's own widgets (Input, DataTable…) describe their editing keys in English; those
        stay out of the list, which the Navegação table summarises in Portuguese.
        """
        rows = []
        sources: list[object] = [self.under]
        if self.under.focused is not None:
            sources.insert(0, self.under.focused)
        for source in sources:
            for cls in type(source).__mro__:
                if not cls.__module__.startswith("screens."):
                    continue
                for binding in cls.__dict__.get("BINDINGS", []):
                    if isinstance(binding, Binding) and binding.description:
                        rows.append((_key_label(binding.key), _what_it_does(binding)))
        return list(dict.fromkeys(rows)) or [("—", "Sem teclas próprias")]

    def _app_keys(self) -> list[tuple[str, str]]:
        """Bindings of the app (those that are characters say they work outside text boxes)."""
        rows = []
        for binding in getattr(self.app, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                typed = binding.key in TYPED_KEYS
                note = " (fora dos campos de texto)" if typed else ""
                rows.append((_key_label(binding.key), _what_it_does(binding) + note))
        return rows
