"""Every speed-up that leans on Textual's internals, in one place.

Each one says what it saves, as measured by ``bench/hooks.py`` (the app with every hook against
the app with that one hook undone, interleaved in the same run) on Textual 8.2, the minor version
pinned in ``pyproject.toml``. ``tests/test_textual_hooks.py`` checks the Textual behaviour each
one relies on, so that an upgrade that changes it fails there rather than slowing the app down
(or breaking it) unnoticed.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList


class StyledOnceScreen(Screen[None]):
    """A screen that restyles on resume only when the theme changed since it was last styled.

    Relies on: ``events.ScreenResume.refresh_styles``, which ``Screen._on_screen_resume`` reads to
    decide whether to restyle every widget of the screen. Textual restyles on every resume, also
    on the first, right after the mount has styled every widget. Saves: a new screen is styled
    once, not twice; a kept article shown again is not restyled at all (see ``bench/hooks.py``,
    row ``resume``).
    """

    _styled_for: tuple[object, ...] | None = None

    def _look(self) -> tuple[object, ...]:
        """What the screen's styles depend on besides its own state: the theme."""
        return (self.app.theme, self.app.ansi_color)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Skip the restyle when the look is the one the screen was last styled for.

        The first resume follows the mount, which has just styled every widget.
        """
        look = self._look()
        if self._styled_for is None or look == self._styled_for:
            event.refresh_styles = False
        self._styled_for = look
        super()._on_screen_resume(event)


if TYPE_CHECKING:
    _WidgetMixin = Widget
else:
    # A plain mixin at run time: Textual follows only the first base that is a widget class
    # for CSS (type names and DEFAULT_CSS), so a Widget subclass placed first would hide the
    # container's own CSS (a VerticalScroll would lose its scrolling rules).
    _WidgetMixin = object


class FocusFrame(_WidgetMixin):
    """A container whose frame shows that focus is inside it: the class ``-focus-inside``.

    Relies on: a ``:focus-within`` rule making ``Screen._update_focus_styles`` restyle the whole
    subtree of the container on every focus change inside it, and a class change restyling the
    subtree too (``DOMNode.update_node_styles``). Only the frame depends on it, so only the
    container is restyled. Saves: see ``bench/hooks.py``, row ``frame``.
    """

    def _on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Focus came in (or moved inside)."""
        self._frame()

    def _on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Focus left a widget inside (and may have gone elsewhere)."""
        self._frame()

    def _frame(self) -> None:
        """Set the class from where focus is now, restyling this container alone."""
        focused = self.screen.focused
        inside = focused is not None and (focused is self or self in focused.ancestors)
        if self.has_class("-focus-inside") != inside:
            self.set_class(inside, "-focus-inside", update=False)
            self.app.stylesheet.update_nodes([self], animate=False)


class RestylesOnlyItselfOnFocus(_WidgetMixin):
    """A container whose focus change restyles only itself, not every widget inside it.

    Relies on: ``Widget.watch_has_focus`` restyling the whole subtree (``update_node_styles``).
    None of our rules depend on an ancestor's focus, so only the container needs it. Saves: see
    ``bench/hooks.py``, row ``focus``.
    """

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle this container alone."""
        del has_focus
        self.app.stylesheet.update_nodes([self], animate=False)


class KeptLinesOptionList(OptionList):
    """An OptionList that keeps its rendered options when shown again at the same size.

    Relies on: ``OptionList._on_resize`` clearing the rendered lines, and a subclass's
    ``prevent_default()`` stopping the base class's handler. Textual sends a Resize to every
    widget of a screen that comes back, so a kept article's sidebar was drawn again on every
    visit. Saves: see ``bench/hooks.py``, row ``resize``.
    """

    _drawn_size: object = None

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        """Let OptionList drop its rendered options only when the size really changed."""
        if event.size == self._drawn_size:
            event.prevent_default()
        self._drawn_size = event.size


class QuietFooter(Footer):
    """Textual's Footer, skipping rebuilds that would draw the same keys.

    Relies on: ``Footer.bindings_changed`` being what the screen's bindings signal calls, and
    ``Footer._bindings_ready`` gating its ``compose``. Textual's Footer composes no keys with
    the screen, then builds them after the first refresh (two more layouts of a new screen), and
    recomposes all of them whenever focus moves, even to a widget offering the same keys. Saves: see ``bench/hooks.py``,
    row ``footer``.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: Hashable = None
        # Compose the keys with the screen rather than after its first refresh: when focus
        # then settles on a widget offering the same keys, nothing is rebuilt.
        self.set_reactive(Footer._bindings_ready, True)

    def compose(self) -> ComposeResult:
        """The keys, noting which ones are drawn."""
        self._shown = self._keys_to_show()
        yield from super().compose()

    def _keys_to_show(self) -> Hashable:
        """What the footer would draw: every shown binding's key, label, action and state."""
        return tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Rebuild after the next refresh, unless the keys shown stay the same."""
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        """Recompose when the keys differ from those drawn (or none were drawn yet)."""
        if not self.is_attached or not self.screen.is_current:
            return
        shown = self._keys_to_show()
        if shown != self._shown or not self.children:
            self._shown = shown
            await self.recompose()


class LongLived:
    """Keeps what the app holds for good (catalog, kept screens) out of full collections.

    Relies on: CPython's ``gc.freeze`` (process-wide: everything alive is moved out of the
    collector's reach until ``gc.unfreeze``) and ``gc.disable``. Saves: see ``bench/hooks.py``,
    row ``freeze``, and ``bench/startup.py``.
    """

    def __init__(self) -> None:
        self._let_go: list[weakref.ref[object]] = []

    def let_go(self, thing: object) -> None:
        """Note something the app no longer keeps, to be collected at the next :meth:`keep`."""
        self._let_go.append(weakref.ref(thing))

    def keep(self) -> None:
        """Freeze what is alive now; first collect, once, what was let go.

        Young garbage is collected first so that only live objects are frozen. Nothing is frozen
        again while something let go is still alive (a closed screen's timers and queued calls
        can outlive its removal by a moment); it would stay in memory for good.
        """
        gc.enable()
        if self._let_go:
            gc.unfreeze()
            gc.collect()
            self._let_go = [ref for ref in self._let_go if ref() is not None]
            if self._let_go:
                return
        else:
            gc.collect(1)
        gc.freeze()

    @staticmethod
    def hold() -> None:
        """No automatic collection until :meth:`keep` (while the first screen is built).

        A start-up allocates a great deal and keeps almost all of it: the collections it
        triggered walked every module just imported, for nothing.
        """
        gc.disable()

    @staticmethod
    def release() -> None:
        """Hand everything frozen back to the collector and collect again (as the app closes)."""
        gc.enable()
        gc.unfreeze()
