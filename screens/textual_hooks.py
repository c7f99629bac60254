"""Every speed-up that leans on Textual's internals, in one place.

Each one says what it saves, as measured by ``bench/hooks.py`` (the app with every hook against
the app with that one hook undone, interleaved in the same run) on Textual 8.2, the minor version
pinned in ``pyproject.toml``. ``tests/test_textual_hooks.py`` checks the Textual behaviour each
one relies on, so that an upgrade that changes it fails there rather than slowing the app down
(or breaking it) unnoticed.

Figures: ``bench/hooks.py 3``, CPU time per action, median without → with the hook, measured on
the shared 2-core machine under load (absolute times inflated; the ratios are what count).
Dropped after measuring, as their saving stayed within the noise (0.93–1.07×): restyling only
the article text on a focus change, keeping an OptionList's lines across a same-size resize
on article and form screens (kept for home's lists, see :class:`KeptLinesOptionList`), and
``gc.freeze`` of the kept article screens (0.84–0.96×: it cost more than it saved).
"""

from __future__ import annotations

import gc
import inspect
from collections.abc import Hashable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from textual import events
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, OptionList
from textual.widgets._footer import FooterKey
from textual.widgets._header import HeaderTitle


class SizedOnceScreen(Screen[None]):
    """A screen whose layout does not ask for another layout by the sizes it has just set.

    Relies on: ``Screen._refresh_layout`` setting each widget's ``virtual_size`` (a reactive
    with ``layout=True``), so that every widget whose size changed asked for another layout of
    the whole screen, placing everything where it already was; and the layout reading
    ``virtual_size`` only for anchored widgets (``Widget.anchor``), which no screen of the app
    has. The size is still set and the widget repainted. A scrollbar that appears or goes still
    asks for its own layout (``show_vertical_scrollbar``). Saves (``bench/forms.py 7``, medians,
    without → with, two runs): opening a form 100.7 → 92.1 and 98.7 → 94.5 ms to the last frame;
    layouts per key typed in a form 1.3 → 1.1.
    """

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        """Lay out as Textual does, the new virtual sizes asking for no other layout."""
        virtual_size = Widget.virtual_size
        virtual_size._layout = False
        try:
            super()._refresh_layout(size, scroll)
        finally:
            virtual_size._layout = True


class PromptOpeningScreen(SizedOnceScreen):
    """A screen whose first updates after it is first shown are made at once, not at a tick.

    Relies on: ``Screen._on_idle`` resuming the screen's update timer (60 per second) when a
    layout or a repaint is pending, ``Screen._on_timer_update`` doing it, and ``Timer._run``
    counting its ticks from its first resume. Textual spaces updates so that a burst of changes
    is drawn once; but the layouts that follow a screen's first frame (its scrollbars, the sizes
    of its widgets) are the rest of opening it, and each waited up to 17 ms for the tick. The
    first few updates after the first resume are made as soon as the screen is idle; the timer
    is then started while there is nothing to do, so that a later change (a key, the screen
    shown again) finds it due at once, as after Textual's own opening. Saves
    (``bench/forms.py 6``, median to the last frame, without → with): opening a form
    110 → 90 ms; ``bench/article.py 3``: the first open of an article 95 → 84 ms.
    """

    OPENING_UPDATES = 5
    """How many updates after the first resume are made at once (an opening takes 3 or 4)."""

    _opening_updates = 0
    """Updates left to make at once."""

    _opened = False
    """Whether the screen has been shown before (a kept screen shown again is not opening)."""

    _timer_started = False
    """Whether the update timer has been resumed once (its ticks count from then)."""

    # Textual calls the handler of each class of the screen in turn (``_get_dispatch_methods``),
    # Screen's own last: these add to it rather than call it.

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """On the first resume, let the next updates skip the wait for the tick."""
        if not self._opened:
            self._opened = True
            self._opening_updates = self.OPENING_UPDATES

    def _on_screen_suspend(self) -> None:
        """Whatever is left of the opening ends when another screen covers this one."""
        self._opening_updates = 0

    async def _on_idle(self, event: events.Idle) -> None:
        """While opening, make a pending update now rather than at the next tick.

        Otherwise ``Screen._on_idle`` runs next, as Textual has it.
        """
        pending = self._layout_required or self._repaint_required or self._dirty_widgets
        if pending and self._opening_updates and self.is_current and not self.app._batch_count:
            self._opening_updates -= 1
            event.prevent_default()  # Screen._on_idle would wait for the tick
            self._on_timer_update()
        elif not pending and not self._timer_started:
            # The timer's ticks count from its first resume, which the opening no longer
            # makes. Started while there is nothing to do (its first tick pauses it again),
            # it is due at once when the next change comes (a key, a reopening), not a tick
            # later.
            self._timer_started = True
            self._update_timer.resume()


class StyledOnceScreen(PromptOpeningScreen):
    """A screen that restyles on resume only when the theme changed since it was last styled.

    Relies on: ``events.ScreenResume.refresh_styles``, which ``Screen._on_screen_resume`` reads to
    decide whether to restyle every widget of the screen. Textual restyles on every resume, also
    on the first, right after the mount has styled every widget. Saves: a kept article shown
    again 40.0 → 10.1 ms (3.97×); a new form 485 → 451 ms (1.08×).
    """

    _styled_for: tuple[object, ...] | None = None

    def _look(self) -> tuple[object, ...]:
        """What the screen's styles depend on besides its own state: the theme."""
        return (self.app.theme, self.app.ansi_color)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Skip the restyle when the look is the one the screen was last styled for.

        The first resume follows the mount, which has just styled every widget. Textual then
        calls ``Screen._on_screen_resume`` itself (each class's handler in turn), which reads
        the flag.
        """
        look = self._look()
        if self._styled_for is None or look == self._styled_for:
            event.refresh_styles = False
        self._styled_for = look


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
    container is restyled. Saves: opening a form 510 → 451 ms (1.13×); a key press in it
    14.9 → 13.9 ms (1.07×).
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


class QuietFooter(Footer):
    """Textual's Footer, skipping rebuilds that would draw the same keys.

    Relies on: ``Footer.bindings_changed`` being what the screen's bindings signal calls, and
    ``Footer._bindings_ready`` gating its ``compose``. Textual's Footer composes no keys with
    the screen, then builds them after the first refresh (two more layouts of a new screen), and
    recomposes all of them whenever focus moves, even to a widget offering the same keys.
    Saves: first open of an article 328 → 195 ms (1.68×), showing a kept one again 120 → 10 ms
    (11.9×), opening a form 780 → 451 ms (1.73×).

    Also relies on: ``FooterKey.compact`` defaulting to True, its watcher setting the class
    ``-compact``, and ``data_bind`` then setting the footer's value (False) with watchers run.
    Each key is given the footer's value before it is mounted, so neither change restyles it
    (the palette's key, never bound, keeps its own).
    Saves: 7 ms of a form's opening (its 7 keys), 5 ms of start-up (home's 5).
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: Hashable = None
        # Compose the keys with the screen rather than after its first refresh: when focus
        # then settles on a widget offering the same keys, nothing is rebuilt.
        self.set_reactive(Footer._bindings_ready, True)

    def compose(self) -> ComposeResult:
        """The keys, noting which ones are drawn, each already in the footer's style."""
        self._shown = self._keys_to_show()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # Born compact, then bound to the footer (not compact): its class was added
                # and removed again, restyling the key twice before its first frame.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

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


class FixedTitleHeader(Header):
    """Textual's Header, drawn with its title from the start, for titles that never change.

    Relies on: ``Header._on_mount`` watching the app's and the screen's ``title`` and
    ``sub_title`` with an async callback, which Textual runs four times after the mount
    (``invoke_watcher`` defers awaitables with ``call_next``), each a ``Static.update`` with a
    layout: the title appears one frame late, after another layout of the screen. The app's
    watchers also keep every header of a removed screen alive (see
    :func:`release_removed_widgets`). The app and its screens never change their titles, so the
    title is composed in and the Mount event stops here (``prevent_default``; ``Widget._on_mount``
    only shows scrollbars a header does not have). Saves (``bench/hooks.py 2``, CPU medians):
    first open of an article 95.5 → 90.3 ms (1.06×), a form 114.8 → 109.1 ms (1.05×); and, with
    the evaluators loaded on first use, start-up went from 1.35× to 1.32× a bare app (wall,
    ``farm-bench -n 9``).
    """

    def compose(self) -> ComposeResult:
        """Textual's parts of a header, the title already in place."""
        for widget in super().compose():
            yield HeaderTitle(self.format_title()) if isinstance(widget, HeaderTitle) else widget

    def _on_mount(self, event: events.Mount) -> None:
        """Skip Header's title watchers: the title it would set is already drawn."""
        event.prevent_default()


class KeptLinesOptionList(OptionList):
    """Textual's OptionList, keeping its drawn lines through a resize that keeps their width.

    Relies on: ``OptionList._on_resize`` (the only Resize handler among its classes, so
    ``prevent_default`` skips just it) clearing the list's line and option caches on every
    resize; and ``OptionList._update_lines`` counting the lines (when none are counted) at the
    list's width then. A list is drawn in its screen's first frame, and its first Resize arrives
    after that frame: each list was counted and drawn again at the same width.
    Saves: at start-up, home's three lists are counted and drawn once instead of twice (six line
    countings down to three, checked by counting ``_update_lines``); ``farm-bench -n 15`` of
    ``bench/_startup_probe.py`` against the bare app: 1.32× → 1.30× (wall, median), near the
    noise. (Measured on article and form actions, where no list's first resize follows its first
    frame, the same saving stayed within the noise; hence only home uses it.)
    """

    _counted_at: int | None = None
    """The width the lines in the cache were counted at."""

    def _line_width(self) -> int:
        """The width ``_update_lines`` counts lines at."""
        return self.scrollable_content_region.width - self._get_left_gutter_width()

    def _update_lines(self) -> None:
        """Count as Textual does, noting the width when counting from the start."""
        if not self._line_cache.lines:
            self._counted_at = self._line_width()
        super()._update_lines()

    # Textual passes the event to a handler that takes it (OptionList's own takes none).
    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        """Keep the caches when the lines were counted at the width the list has now."""
        if self._line_cache.lines and self._counted_at == self._line_width():
            event.prevent_default()


class StartupCollections:
    """No automatic garbage collection while the first screen is built; one collection at idle.

    Relies on: CPython's ``gc.disable``/``gc.enable``/``gc.collect`` (process-wide). A start-up
    allocates a great deal and keeps almost all of it; the collections it triggered walked every
    module just imported, for nothing. Saves: measured with ``bench/startup.py`` (see the class's
    use in ``screens/app.py``); the created-to-first-frame CPU of the app fell from about 100 ms
    to about 75 ms. The preparation after start-up then leaves its garbage behind; collected
    while idle (:meth:`settle`), it no longer fell to the collections of the first form opened:
    the collector's time during that open went from 13 ms (and a 20 ms full collection in some
    runs) to 8 ms.
    """

    @staticmethod
    def hold() -> None:
        """Stop automatic collections (until :meth:`resume`)."""
        gc.disable()

    @staticmethod
    def resume() -> None:
        """Collect automatically again."""
        gc.enable()

    @staticmethod
    def settle() -> None:
        """Collect once what start-up and its preparation left behind (called while idle)."""
        gc.collect()


def start_in_theme(app: App[Any], name: str) -> None:
    """Set the theme an app starts in, before it runs, without a second parse of its stylesheets.

    Relies on: ``App._watch_theme``, which sets the classes ``-theme-<name>``, ``-dark-mode`` and
    ``-light-mode`` and the ANSI colour filter, then schedules ``refresh_css``: a re-parse of
    every stylesheet in a new ``Stylesheet`` (nothing reused) and a restyle. Set in ``__init__``,
    that re-parse followed the first parse at once. Before the app runs nothing is styled yet, so
    the same classes, filter and variables are set directly. Saves: 9 ms of a 330 ms start-up
    (the second parse of ``app.tcss``, ``forms.tcss`` and Textual's own CSS, and a restyle).
    """
    app.set_reactive(App.theme, name)
    dark = app.current_theme.dark
    stale = [cls for cls in app.classes if cls.startswith("-theme-")]
    app.remove_class(*stale, update=False)
    app.add_class(f"-theme-{name}", update=False)
    app.set_class(dark, "-dark-mode", update=False)
    app.set_class(not dark, "-light-mode", update=False)
    app._refresh_truecolor_filter(app.ansi_theme)
    app.stylesheet.set_variables(app.get_css_variables())


def prepare_styles(
    app: App[Any], screen_class: type[Screen[Any]], widget_classes: Iterable[type[Widget]]
) -> None:
    """Read and parse now (the app idle) the CSS a screen not shown yet will bring with it.

    Relies on: ``App._load_screen_css`` re-parsing every stylesheet in a new ``Stylesheet``
    (nothing reused) and restyling every widget the first time a screen brings a CSS file the
    app does not have yet, and skipping both when it has it; and ``Widget._post_register``
    adding each new widget class's ``DEFAULT_CSS`` (``DOMNode._get_default_css``), parsed at the
    next styling unless the stylesheet already holds the same text from the same place. The
    screen's files and the classes' CSS are added here exactly as those two would add them, so
    the screen then finds everything parsed. Nothing here matches a widget of the screen shown
    meanwhile. Saves: opening the first form 139 → 112 ms (1.24×, ``bench/hooks.py 2``), and
    the 3 ms of parsing ``forms.tcss`` during start-up.
    """
    stylesheet = app.stylesheet
    declared = screen_class.CSS_PATH
    css_paths = [declared] if isinstance(declared, (str, PurePath)) else list(declared or [])
    for css_path in css_paths:
        path = (Path(inspect.getfile(screen_class)).parent / css_path).resolve()
        if not stylesheet.has_source(str(path), ""):
            stylesheet.read(path)
    for widget_class in widget_classes:
        node = widget_class.__new__(widget_class)  # only the class's CSS is read, not built
        for read_from, css, tie_breaker, scope in node._get_default_css():
            stylesheet.add_source(
                css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope
            )
    stylesheet.parse()


def release_removed_widgets(app: App[Any]) -> None:
    """Let go of what Textual still holds of widgets already removed (call after a removal).

    Relies on: ``StylesCache.get_inner_outer``, an ``lru_cache`` (1,024 entries) on a method, so
    its keys hold the widget's ``StylesCache`` and with it every line the widget drew; and
    ``DOMNode.watch`` on the app (Textual's ``Header`` watches the app's title) adding to a list
    on the app that Textual prunes of closed widgets only when that title changes. Each article
    screen read and dropped stayed in memory through both: its Header, and the drawn lines of its
    widgets until a thousand others pushed them out. Saves: ``bench/memory.py 3``, growth from 30
    to 60 distinct articles 381 → 29 KB per article; resident at 60 articles 112 → 90 MB.
    """
    StylesCache.get_inner_outer.cache_clear()
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(app, "__watchers", {})
    for watching in watchers.values():
        # The same test Textual applies to these lists when the watched value changes.
        watching[:] = [(node, callback) for node, callback in watching if not node._closing]


class StyledOnMountApp(App[Any]):
    """An app that does not restyle widgets that are not mounted yet: the mount styles them.

    Relies on: ``DOMNode.add_class``/``remove_class`` (and so every reactive with a
    ``toggle_class``, and watchers such as ``Button.watch_variant``) calling
    ``App.update_styles`` at once, also for a widget still being built, and ``App._register``
    styling each widget as it mounts. ``Input``, ``Select`` and ``Button`` set their classes
    (``-textual-compact``, ``-primary``, ``-style-default``…) from ``__init__``: each was
    styled, with its component classes, for nothing. Saves: 14 of the 157 style applications
    of opening a form and 35 of its component classes' (``bench/forms.py 6``: 90 → 86 ms).
    """

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """Restyle ``node`` and what it holds, unless it is not part of the app yet."""
        if node is self or node.is_attached:
            super().update_styles(node, animate)


class ReleasingScreensApp(App[Any]):
    """An app that lets go of each screen's widgets as soon as Textual removes the screen.

    Relies on: ``App._replace_screen``, which every pop and switch awaits for the screen left,
    and which removes that screen (``Screen.remove``) when it is neither installed nor on a
    stack, so that it has stopped running once the call returns. Each form, list, confirmation,
    detail or dialog screen is created for its visit and removed when left; its ``Header`` stayed
    alive through the app's title watchers (see :func:`release_removed_widgets`). Saves: one
    ``Header`` (and its icon, title and clock space) kept per screen ever left, for good.
    """

    async def _replace_screen(self, screen: Screen[Any]) -> Screen[Any]:
        """Replace as Textual does, then release what it still holds if the screen was removed."""
        replaced = await super()._replace_screen(screen)
        if not replaced.is_running:
            release_removed_widgets(self)
        return replaced
