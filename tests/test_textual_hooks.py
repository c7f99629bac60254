"""What each hook of ``screens/textual_hooks.py`` relies on in Textual, checked on small apps.

Each test first shows the plain Textual behaviour the hook works around (so an upgrade that
changes it fails here: the hook would then be pointless or wrong), then that the hook changes it
without changing what the person sees.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import VerticalScroll
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets._footer import FooterKey
from textual.widgets._header import HeaderTitle

from screens.textual_hooks import (
    FixedTitleHeader,
    FocusFrame,
    KeptLinesOptionList,
    PromptOpeningScreen,
    QuietFooter,
    ReleasingScreensApp,
    SizedOnceScreen,
    StartupCollections,
    StyledOnceScreen,
    StyledOnMountApp,
    prepare_styles,
    release_removed_widgets,
    start_in_theme,
)

SIZE = (80, 24)


class Kept(StyledOnceScreen):
    """A kept screen with one line coloured by the theme."""

    DEFAULT_CSS = "Kept #line { background: $surface; }"

    def compose(self) -> ComposeResult:
        yield Static("kept", id="line")


class Plain(Screen[None]):
    """A screen as Textual ships it."""

    def compose(self) -> ComposeResult:
        yield Static("plain", id="line")


class Other(Screen[None]):
    """The screen shown while the first one waits underneath."""

    def compose(self) -> ComposeResult:
        yield Static("other")


def count_restyles(screen: Screen[Any], monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the screen's whole-subtree restyles from now on."""
    calls: list[int] = []
    original = screen.update_node_styles

    def counted(animate: bool = True) -> None:
        calls.append(1)
        original(animate)

    monkeypatch.setattr(screen, "update_node_styles", counted)
    return calls


@pytest.mark.parametrize(("screen_class", "restyles"), [(Plain, 1), (Kept, 0)])
async def test_a_resumed_screen_is_restyled_unless_it_is_kept(
    screen_class: type[Screen[None]], restyles: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_class()
        app.install_screen(screen, "kept")
        await app.push_screen("kept")
        await pilot.pause()
        calls = count_restyles(screen, monkeypatch)
        await app.switch_screen(Other())
        await pilot.pause()
        await app.switch_screen("kept")
        await pilot.pause()
        assert len(calls) == restyles


async def test_a_kept_screen_is_restyled_when_the_theme_changed_while_away() -> None:
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "textual-dark"
        screen = Kept()
        app.install_screen(screen, "kept")
        await app.push_screen("kept")
        await pilot.pause()
        line = screen.query_one("#line")
        dark = line.styles.background
        await app.switch_screen(Other())
        app.theme = "textual-light"
        await pilot.pause()
        await app.switch_screen("kept")
        await pilot.pause()
        assert line.styles.background != dark


@pytest.fixture
def restyled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[DOMNode]]:
    """Every node the stylesheet restyles on an update, in order."""
    nodes: list[DOMNode] = []
    original = Stylesheet.update_nodes

    def recording(self: Stylesheet, nodes_in: Any, animate: bool = False) -> None:
        nodes_in = list(nodes_in)
        nodes.extend(nodes_in)
        original(self, nodes_in, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", recording)
    yield nodes


class WithinBox(VerticalScroll):
    """A container framed by Textual's ``:focus-within``."""


class FramedBox(FocusFrame, VerticalScroll):
    """A container framed by the hook's class."""


class FrameApp(App[None]):
    """A framed box holding two inputs and a few lines, and an input outside it."""

    CSS = """
    WithinBox:focus-within { background: red; }
    FramedBox.-focus-inside { background: red; }
    """

    def __init__(self, box_class: type[Widget]) -> None:
        super().__init__()
        self.box_class = box_class

    def compose(self) -> ComposeResult:
        with self.box_class(id="box"):
            yield Input(id="first")
            yield Input(id="second")
            for number in range(3):
                yield Static(f"line {number}")
        yield Input(id="outside")


@pytest.mark.parametrize(("box_class", "lines_restyled"), [(WithinBox, True), (FramedBox, False)])
async def test_focus_moving_inside_a_frame_restyles_its_lines_unless_the_frame_is_a_class(
    box_class: type[Widget], lines_restyled: bool, restyled: list[DOMNode]
) -> None:
    assert "VerticalScroll" in box_class._css_type_names  # its own CSS still applies
    app = FrameApp(box_class)
    async with app.run_test(size=SIZE) as pilot:
        box = app.query_one("#box")
        app.query_one("#outside").focus()
        await pilot.pause()
        assert box.styles.background.rgb != (255, 0, 0)
        restyled.clear()
        app.query_one("#first").focus()
        await pilot.pause()
        assert box.styles.background.rgb == (255, 0, 0)
        app.query_one("#second").focus()
        await pilot.pause()
        assert box.styles.background.rgb == (255, 0, 0)
        assert any(isinstance(node, Static) for node in restyled) is lines_restyled
        app.query_one("#outside").focus()
        await pilot.pause()
        assert box.styles.background.rgb != (255, 0, 0)


class Tagged(Input):
    """An input with a key of its own, shown in the footer."""

    BINDINGS = [Binding("f5", "tag", "Marcar")]

    def action_tag(self) -> None:
        """Nothing to do: only the footer matters here."""


class FooterApp(App[None]):
    """Two inputs with the same keys, one with a key more, and a footer."""

    def __init__(self, footer_class: type[Footer]) -> None:
        super().__init__()
        self.footer_class = footer_class

    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")
        yield Tagged(id="tagged")
        yield self.footer_class()


@pytest.mark.parametrize(("footer_class", "rebuilt"), [(Footer, True), (QuietFooter, False)])
async def test_moving_focus_between_same_keys_rebuilds_the_footer_unless_quiet(
    footer_class: type[Footer], rebuilt: bool
) -> None:
    app = FooterApp(footer_class)
    async with app.run_test(size=SIZE) as pilot:
        footer = app.query_one(Footer)
        app.query_one("#one").focus()
        await pilot.pause()
        keys = list(footer.children)
        assert keys
        app.query_one("#two").focus()
        await pilot.pause()
        assert (list(footer.children) != keys) is rebuilt
        assert "Marcar" not in {key.description for key in footer.children}  # type: ignore[attr-defined]
        app.query_one("#tagged").focus()
        await pilot.pause()
        assert "Marcar" in {key.description for key in footer.children}  # type: ignore[attr-defined]


def test_collections_are_held_while_the_first_screen_is_built_then_resume() -> None:
    collections = StartupCollections()
    try:
        collections.hold()
        assert not gc.isenabled()
    finally:
        collections.resume()
    assert gc.isenabled()


async def test_the_app_collects_again_once_home_is_painted(tmp_path: Path) -> None:
    from _pilot import make_app

    app = make_app(tmp_path / "data" / "helpdesk.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()
    assert gc.isenabled()


class _Cycle:
    """An object that refers to itself: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_settling_frees_what_only_the_cyclic_collector_can_free() -> None:
    gc.disable()  # no automatic collection may free it first
    try:
        left = _Cycle()
        freed = weakref.ref(left)
        del left
        assert freed() is not None
        StartupCollections.settle()
        assert freed() is None
    finally:
        gc.enable()


async def test_the_app_settles_its_garbage_once_prepared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from _pilot import make_app

    settled: list[bool] = []
    monkeypatch.setattr(StartupCollections, "settle", staticmethod(lambda: settled.append(True)))
    app = make_app(tmp_path / "data" / "helpdesk.json")
    async with app.run_test(size=SIZE) as pilot:
        while not app.warmed_up.is_set():
            await pilot.pause()
        assert settled == [True]


@pytest.mark.parametrize(("footer_class", "keys_restyled"), [(Footer, True), (QuietFooter, False)])
async def test_new_footer_keys_are_restyled_before_their_first_frame_unless_quiet(
    footer_class: type[Footer], keys_restyled: bool, restyled: list[DOMNode]
) -> None:
    app = FooterApp(footer_class)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#tagged").focus()
        await pilot.pause()
        keys = [key for key in app.query(FooterKey) if not key.has_class("-command-palette")]
        assert [key.description for key in keys] == ["Marcar"]
        assert not keys[0].has_class("-compact")  # the footer's look: not compact
        assert app.query_one(".-command-palette").has_class("-compact")  # as Textual has it
        assert (keys[0] in restyled) is keys_restyled


class ThemedApp(App[None]):
    """An app that starts in the light theme, set as Textual has it or through the hook."""

    CSS = "#line { background: $primary; color: $text; }"

    def __init__(self, *, hooked: bool) -> None:
        super().__init__()
        if hooked:
            start_in_theme(self, "textual-light")
        else:
            self.theme = "textual-light"

    def compose(self) -> ComposeResult:
        yield Static("line", id="line")


@pytest.mark.parametrize(("hooked", "reparsed"), [(False, True), (True, False)])
async def test_a_theme_set_before_running_reparses_every_stylesheet_unless_started_in(
    hooked: bool, reparsed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        calls.append(1)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = ThemedApp(hooked=hooked)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert bool(calls) is reparsed
        line = app.query_one("#line")
        light = app.get_theme("textual-light")
        assert light is not None and line.styles.background == Color.parse(light.primary)
        assert {"-theme-textual-light", "-light-mode"} <= app.classes
        assert "-dark-mode" not in app.classes
        assert app.ansi_theme is app.ansi_theme_light


class Styled(Static):
    """A widget with CSS of its own."""

    DEFAULT_CSS = "Styled { color: rgb(0, 0, 255); }"


def sheeted_screen(css_file: Path) -> type[Screen[None]]:
    """A screen class bringing ``css_file``, holding a ``Styled``."""

    class Sheeted(Screen[None]):
        CSS_PATH = str(css_file)

        def compose(self) -> ComposeResult:
            yield Styled("styled", id="styled")

    return Sheeted


@pytest.mark.parametrize(("prepared", "parsed_on_open"), [(False, True), (True, False)])
async def test_a_screen_with_its_own_css_reparses_everything_unless_prepared(
    prepared: bool, parsed_on_open: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    css_file = tmp_path / "sheeted.tcss"
    css_file.write_text("#styled { background: rgb(255, 0, 0); }")
    screen_class = sheeted_screen(css_file)
    parsed: list[object] = []
    original = Stylesheet._parse_rules

    def counted(self: Stylesheet, css: str, read_from: Any, *args: Any, **kwargs: Any) -> Any:
        parsed.append(read_from)
        return original(self, css, read_from, *args, **kwargs)

    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        if prepared:
            prepare_styles(app, screen_class, [Styled])
        await pilot.pause()
        monkeypatch.setattr(Stylesheet, "_parse_rules", counted)
        await app.push_screen(screen_class())
        await pilot.pause()
        assert bool(parsed) is parsed_on_open
        styled = app.screen.query_one("#styled")
        assert styled.styles.background.rgb == (255, 0, 0)
        assert styled.styles.color.rgb == (0, 0, 255)


class Titled(Screen[None]):
    """A screen with Textual's Header and a line of text."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("titled", id="line")


@pytest.mark.parametrize("released", [False, True])
async def test_a_removed_screen_stays_in_memory_until_released(released: bool) -> None:
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        screen = Titled()
        await app.push_screen(screen)
        await pilot.pause()
        header, line = weakref.ref(screen.query_one(Header)), screen.query_one("#line")
        drawn = weakref.ref(line._styles_cache)
        await app.pop_screen()
        await screen.remove()
        del screen, line
        if released:
            release_removed_widgets(app)
        gc.collect()
        # Plain Textual keeps the header (watching the app's title) and the lines drawn.
        assert (header() is None, drawn() is None) == (released, released)


@pytest.mark.parametrize("app_class", [App, ReleasingScreensApp])
async def test_a_popped_screen_is_removed_by_replace_screen_and_released_by_the_app(
    app_class: type[App[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_class()
    async with app.run_test(size=SIZE) as pilot:
        screen = Titled()
        await app.push_screen(screen)
        await pilot.pause()
        header = weakref.ref(screen.query_one(Header))
        replaced = app._replace_screen
        stopped: list[bool] = []

        async def observed(left: Screen[Any]) -> Screen[Any]:
            result = await replaced(left)
            stopped.append(not left.is_running)
            return result

        monkeypatch.setattr(app, "_replace_screen", observed)
        await app.pop_screen()
        await pilot.pause()
        del screen
        gc.collect()
        # Textual removes the screen left within _replace_screen, but keeps its header alive.
        assert stopped == [True]
        assert (header() is None) == (app_class is ReleasingScreensApp)


class TitledWith(Screen[None]):
    """A screen with the given header class and a line of text."""

    def __init__(self, header_class: type[Header]) -> None:
        super().__init__()
        self.header_class = header_class

    def compose(self) -> ComposeResult:
        yield self.header_class()
        yield Static("titled", id="line")


@pytest.mark.parametrize("header_class", [Header, FixedTitleHeader])
async def test_a_header_sets_its_title_after_mounting_unless_fixed(
    header_class: type[Header], monkeypatch: pytest.MonkeyPatch
) -> None:
    updates: list[object] = []
    update = HeaderTitle.update

    def counted(title: HeaderTitle, *args: Any, **kwargs: Any) -> None:
        updates.append(args)
        update(title, *args, **kwargs)

    monkeypatch.setattr(HeaderTitle, "update", counted)
    app: App[None] = App()
    app.title, app.sub_title = "Central", "Plano"
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(TitledWith(header_class))
        await pilot.pause()
        header = app.screen.query_one(Header)
        watching = [
            node
            for watchers in getattr(app, "__watchers", {}).values()
            for node, _callback in watchers
        ]
        # Textual's header watches the app's titles and redraws its title four times after
        # mounting; the fixed one draws the same title from the start.
        assert (len(updates) == 4, header in watching) == (header_class is Header,) * 2
        title = header.query_one(HeaderTitle)
        assert str(title.visual) == str(app.format_title("Central", "Plano"))


class ListApp(App[None]):
    """One option list of three options."""

    def __init__(self, list_class: type[OptionList]) -> None:
        super().__init__()
        self.list_class = list_class

    def compose(self) -> ComposeResult:
        yield self.list_class("primeiro", "segundo", "terceiro")


@pytest.mark.parametrize("list_class", [OptionList, KeptLinesOptionList])
async def test_a_list_recounts_its_lines_on_a_same_width_resize_unless_kept(
    list_class: type[OptionList], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ListApp(list_class)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        assert options._line_cache.lines  # counted for the first frame
        cleared: list[OptionList] = []
        clear = OptionList._clear_caches

        def noted(self: OptionList) -> None:
            cleared.append(self)
            clear(self)

        monkeypatch.setattr(OptionList, "_clear_caches", noted)
        options.post_message(events.Resize(options.size, options.virtual_size))
        await pilot.pause()
        assert bool(cleared) is (list_class is OptionList)
        await pilot.resize_terminal(40, 20)  # a new width: every list counts again
        await pilot.pause()
        assert cleared
        drawn = [strip.text for strip in options.render_lines(options.region.reset_offset)]
        shown = [word for line in drawn for word in line.split() if word.isalpha()]
        assert shown == ["primeiro", "segundo", "terceiro"]
        assert options.virtual_size.width == options.scrollable_content_region.width


def scrolling_box() -> ComposeResult:
    """A box of lines taller than the screen (so its scrollbar appears) and a line below it."""
    with VerticalScroll(id="box"):
        for number in range(40):
            yield Static(f"linha {number}")
    yield Static("fim", id="end")


class PlainBox(Screen[None]):
    """The box on a screen as Textual ships it."""

    def compose(self) -> ComposeResult:
        yield from scrolling_box()


class PromptBox(PromptOpeningScreen):
    """The box on a screen whose first updates are made at once."""

    def compose(self) -> ComposeResult:
        yield from scrolling_box()


def placed(screen: Screen[Any]) -> list[tuple[str, Any, Any]]:
    """Where every widget of the screen ended up, and its virtual size."""
    return [
        (repr(widget), widget.region, widget.virtual_size)
        for widget in screen.walk_children(Widget)
    ]


async def open_and_settle(screen: Screen[None]) -> tuple[list[tuple[str, Any, Any]], str]:
    """Push ``screen`` in a fresh app, let it settle; where everything went and what was drawn."""
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(screen)
        await pilot.pause(0.1)
        return placed(screen), app.export_screenshot()


async def test_a_new_screen_waits_for_the_update_timer_unless_opening_promptly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.timer import Timer

    ticking: list[bool] = [False]
    by_timer: list[str] = []
    tick, update = Timer._tick, Screen._on_timer_update

    async def timed_tick(timer: Timer, *args: Any, **kwargs: Any) -> None:
        ticking[0] = True
        try:
            await tick(timer, *args, **kwargs)
        finally:
            ticking[0] = False

    def noted(screen: Screen[Any]) -> None:
        if ticking[0] and (screen._layout_required or screen._dirty_widgets):
            by_timer.append(type(screen).__name__)
        update(screen)

    monkeypatch.setattr(Timer, "_tick", timed_tick)
    monkeypatch.setattr(Screen, "_on_timer_update", noted)
    plain = await open_and_settle(PlainBox())
    prompt = await open_and_settle(PromptBox())
    # Textual's screen waits for its update timer to lay out again after its first frame.
    assert "PlainBox" in by_timer
    assert "PromptBox" not in by_timer
    # The same picture, everything in the same place.
    assert [row[1:] for row in prompt[0]] == [row[1:] for row in plain[0]]
    assert prompt[1] == plain[1]


async def test_a_kept_article_shown_again_is_drawn_without_waiting_a_tick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from _pilot import make_app

    updates: list[Screen[Any]] = []
    update = Screen._on_timer_update

    def noted(screen: Screen[Any]) -> None:
        updates.append(screen)
        update(screen)

    monkeypatch.setattr(Screen, "_on_timer_update", noted)
    app = make_app(tmp_path / "data" / "helpdesk.json")
    async with app.run_test(size=(120, 36)) as pilot:
        first, second = list(app.catalog.articles)[:2]
        for article_id in (first, second):
            app.open_article(article_id)
            await pilot.pause(0.1)
        updates.clear()
        app.open_article(first)
        # The screen's update timer has run before, so it is due at once when the screen is
        # shown again: a few turns of the loop, not the 17 ms of a tick.
        for _ in range(30):
            await asyncio.sleep(0)
            if updates:
                break
        assert updates and updates[-1] is app.screen


class CompactInputs(Screen[None]):
    """Two compact inputs, as the forms build them."""

    def compose(self) -> ComposeResult:
        yield Input(id="one", compact=True)
        yield Input(id="two", compact=True, valid_empty=True)


@pytest.mark.parametrize(("app_class", "early"), [(App, True), (StyledOnMountApp, False)])
async def test_a_widget_being_built_is_restyled_unless_the_app_waits_for_its_mount(
    app_class: type[App[Any]], early: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    restyled_unattached: list[DOMNode] = []
    apply = Stylesheet.apply

    def noted(stylesheet: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
        if isinstance(node, Input) and not node.is_attached:
            restyled_unattached.append(node)
        apply(stylesheet, node, *args, **kwargs)

    app = app_class()
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(Stylesheet, "apply", noted)
        await app.push_screen(CompactInputs())
        await pilot.pause()
        one = app.screen.query_one("#one", Input)
        # Textual restyles an Input from its constructor (its compact class), before it mounts.
        assert bool(restyled_unattached) == early
        # Either way the mount styled it: compact (no border), its class in place.
        assert one.has_class("-textual-compact")
        assert one.styles.border_top[0] in ("", "none")
        assert one.size.height == 1


class SizedBox(SizedOnceScreen):
    """The box on a screen whose layouts do not ask again for the sizes they set."""

    def compose(self) -> ComposeResult:
        yield from scrolling_box()


@pytest.mark.parametrize(("screen_class", "asks_again"), [(PlainBox, True), (SizedBox, False)])
async def test_a_layout_that_resizes_a_box_asks_for_another_unless_sized_once(
    screen_class: type[Screen[None]], asks_again: bool
) -> None:
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_class()
        await app.push_screen(screen)
        await pilot.pause(0.1)
        box = screen.query_one("#box", VerticalScroll)
        laid_out = box.virtual_size
        assert laid_out.height == 40  # its forty lines
        # As if the box had grown since: the next layout sets its virtual size again.
        box.set_reactive(Widget.virtual_size, Size(laid_out.width, 1))
        assert not box._layout_required
        screen._refresh_layout(screen.size)
        assert box.virtual_size == laid_out
        # Textual's layout asks for a second one for the size it has just set.
        assert box._layout_required == asks_again
        await pilot.pause(0.1)
        # Settled, either way: the same size, the scrollbar shown.
        assert box.virtual_size == laid_out and box.show_vertical_scrollbar
