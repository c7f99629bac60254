"""Pilot tests: a partner walks the help center with the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pilot import make_app, screen_text
from textual.pilot import Pilot
from textual.widgets import OptionList

from screens.app import HelpdeskApp
from screens.article import ArticleBody, ArticleScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from store.database import Database


async def open_from_home(app: HelpdeskApp, pilot: Pilot[None], article_id: str) -> None:
    """Move the home list's highlight to ``article_id`` with the arrow keys and press enter."""
    articles = app.screen.query_one("#articles", OptionList)
    articles.focus()
    await pilot.pause()
    target = articles.get_option_index(f"article:{article_id}")
    articles.highlighted = None
    await pilot.press("home")
    while articles.highlighted != target:
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


def current_article(app: HelpdeskApp) -> str | None:
    """The id of the article on screen, if any."""
    return app.screen.article_id if isinstance(app.screen, ArticleScreen) else None


async def test_home_lists_categories_sections_articles_and_actions(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        for expected in (
            "PLANO EXCLUSIVO",
            "Cancelamento e estorno",
            "Como funciona o estorno do plano",
            "Cancelar renovação de licença",
            "Agendar backup",
            "Minhas solicitações",
            "Os artigos que você abrir aparecem aqui.",
        ):
            assert expected in text


async def test_walk_section_article_link_back_forward(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_from_home(app, pilot, "estorno")
        assert current_article(app) == "estorno"
        assert "Cancelamento e estorno" in screen_text(app)  # breadcrumbs
        body = app.screen.query_one(ArticleBody)
        assert body.has_focus
        # tab walks the links; find the one to the cancellation article and follow it
        for _ in range(len(body.links.spots) + 1):
            await pilot.press("tab")
            if body.links.current and body.links.current.href == "article:cancelar-renovacao":
                break
        assert body.links.current is not None
        await pilot.press("enter")
        await pilot.pause()
        assert current_article(app) == "cancelar-renovacao"
        await pilot.press("escape")
        await pilot.pause()
        assert current_article(app) == "estorno"
        await pilot.press("alt+right")
        await pilot.pause()
        assert current_article(app) == "cancelar-renovacao"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        recent = app.screen.query_one("#recent", OptionList)
        shown = [str(recent.get_option_at_index(i).prompt) for i in range(recent.option_count)]
        titles = app.catalog.articles
        # going back to an article views it again, so it is the most recent one
        assert shown == [titles["estorno"].title, titles["cancelar-renovacao"].title]


async def test_shift_tab_walks_links_backwards_and_leaves_text(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article("backup")
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        await pilot.press("tab", "tab")
        second = body.links.current
        await pilot.press("shift+tab")
        assert body.links.index == 0 and second is not None
        await pilot.press("shift+tab")
        assert not body.has_focus and body.links.current is None


async def test_clicking_a_link_in_the_text_follows_it(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article("estorno")
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        body.links.refresh(body)
        spot = next(s for s in body.links.spots if s.href == "article:cancelar-renovacao")
        block = spot.block
        text = block.pieces[spot.span.piece].content.plain[spot.span.start : spot.span.end]
        y = block.line_of(spot.span)
        x = block.lines(block.size.width)[y].plain.index(text.split()[0])
        await pilot.click(block, offset=(x + block.gutter.left, y + block.gutter.top))
        await pilot.pause()
        assert current_article(app) == "cancelar-renovacao"


async def test_tab_scrolls_the_selected_link_into_view(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_article("cancelar-renovacao")
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        body.links.refresh(body)
        count = len(body.links.spots)
        assert count > 3
        await pilot.press(*["tab"] * count)
        await pilot.pause()
        spot = body.links.current
        assert spot is not None and spot is body.links.spots[-1]
        top = spot.block.virtual_region.y + spot.block.gutter.top + spot.block.line_of(spot.span)
        assert body.scroll_y > 0
        assert body.scroll_y <= top < body.scroll_y + body.scrollable_content_region.height
        assert "reverse" in str(spot.block.render().spans)  # drawn highlighted


async def test_reopening_an_article_shows_it_where_the_reader_left_it(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article("estorno")
        await pilot.pause()
        first = app.screen
        body = app.screen.query_one(ArticleBody)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert body.scroll_y > 0
        left_at = body.scroll_y
        app.open_article("backup")
        await pilot.pause()
        assert current_article(app) == "backup" and app.screen is not first
        app.open_article("estorno")
        await pilot.pause()
        assert app.screen is first and app.screen.query_one(ArticleBody) is body
        assert body.has_focus and body.scroll_y == left_at
        assert "Como funciona o estorno" in screen_text(app)


async def test_a_kept_article_takes_the_theme_chosen_while_it_was_away(db_path: Path) -> None:
    from screens.widgets.article_text import ArticleHeading

    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.theme = "textual-dark"
        app.open_article("estorno")
        await pilot.pause()
        heading = app.screen.query_one(ArticleHeading)
        dark_color = heading.styles.color
        app.open_article("backup")
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        light_color = app.screen.query_one(ArticleHeading).styles.color
        assert light_color != dark_color
        app.open_article("estorno")
        await pilot.pause()
        assert app.screen.query_one(ArticleHeading) is heading
        assert heading.styles.color == light_color


async def test_only_the_last_articles_read_are_kept(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screens.app

    monkeypatch.setattr(screens.app, "ARTICLE_SCREENS", 2)
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screens_seen = []
        for article_id in ("estorno", "backup", "canais-de-suporte"):
            app.open_article(article_id)
            await pilot.pause()
            screens_seen.append(app.screen)
        assert not app.is_screen_installed("article:estorno")
        assert app.is_screen_installed("article:backup")
        app.open_article("estorno")
        await pilot.pause()
        assert current_article(app) == "estorno" and app.screen is not screens_seen[0]
        assert "Como funciona o estorno" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert current_article(app) == "canais-de-suporte"


async def test_contents_jumps_to_heading(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article("estorno")
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        assert body.scroll_y == 0
        await pilot.press("t")
        toc = app.screen.query_one(".toc", OptionList)
        assert toc.has_focus
        last = toc.option_count - 1
        toc.highlighted = last
        await pilot.press("enter")
        await pilot.pause()
        assert body.scroll_y > 0
        assert body.has_focus
        anchor = (toc.get_option_at_index(last).id or "").removeprefix("h:")
        assert app.history.current is not None and app.history.current.anchor == anchor


async def test_vote_no_with_reason_is_saved_and_counted_after_reopening(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article("backup")
        await pilot.pause()
        await pilot.press("end")  # the vote sits at the end of the text
        await pilot.pause()
        await pilot.click("#vote-no")
        await pilot.pause()
        reason = app.screen.query_one("#vote-reason")
        assert reason.has_focus
        await pilot.press(*"faltou [bold]exemplo[/bold]")
        await pilot.press("enter")
        await pilot.pause()
        assert "0 de 1 acharam útil" in screen_text(app)
    votes = Database(db_path).votes.list("backup")
    assert [(v.useful, v.reason) for v in votes] == [(False, "faltou [bold]exemplo[/bold]")]

    reopened = make_app(db_path)
    async with reopened.run_test(size=(120, 36)) as pilot:
        reopened.open_article("backup")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert "0 de 1 acharam útil" in screen_text(reopened)
        await pilot.click("#vote-yes")
        await pilot.pause()
        assert "1 de 2 acharam útil" in screen_text(reopened)


async def test_palette_finds_an_article_by_name(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quanto tempo")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert current_article(app) == "retencao-de-dados"


async def test_palette_finds_an_action(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"agendar backup")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "FormScreen"


async def test_help_lists_the_keys_of_the_screen(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article("estorno")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Sumário" in text and "Próximo link" in text and "Ajuda" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ArticleScreen)


async def test_theme_choice_is_remembered(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        start = app.theme
        app.action_toggle_dark()
        await pilot.pause()
        chosen = app.theme
        assert chosen != start
    reopened = make_app(db_path)
    async with reopened.run_test(size=(120, 36)):
        assert reopened.theme == chosen


async def test_narrow_terminal_folds_sidebar_and_t_shows_it(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_article("estorno")
        await pilot.pause()
        sidebar = app.screen.query_one(".sidebar")
        assert not sidebar.display or sidebar.region.width == 0
        await pilot.press("t")
        await pilot.pause()
        assert sidebar.region.width > 0
        assert app.screen.query_one(".toc").has_focus


async def test_mouse_back_and_forward_arrows(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_article("estorno")
        await pilot.pause()
        app.open_article("backup")
        await pilot.pause()
        await pilot.click("#crumbs", offset=(2, 0))  # ◀
        await pilot.pause()
        assert current_article(app) == "estorno"
        await pilot.click("#crumbs", offset=(4, 0))  # ▶
        await pilot.pause()
        assert current_article(app) == "backup"
        await pilot.click("#crumbs", offset=(7, 0))  # Início
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_broken_article_is_skipped_with_a_visible_warning(
    db_path: Path, tmp_path: Path
) -> None:
    import shutil

    from helpdesk.catalog import articles_root, load_catalog

    root = tmp_path / "articles"
    shutil.copytree(articles_root(), root)
    broken = next(root.rglob("backup.md"))
    broken.write_text("+++\nid = \n+++\nsem front matter válido\n", encoding="utf-8")
    catalog = load_catalog(root)
    assert "backup" not in catalog.articles and catalog.warnings
    from _pilot import NOW

    from helpdesk.clock import fixed_clock
    from screens.app import create_app

    app = create_app(db_path, fixed_clock(NOW), catalog)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        messages = [n.message for n in app._notifications]
        assert any("backup.md" in m for m in messages), messages


async def test_tables_are_drawn_in_the_theme_colours(db_path: Path) -> None:
    from screens.widgets.article_text import TableText

    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-light"
        app.open_article("retencao-de-dados")
        await pilot.pause()
        table = app.screen.query_one(TableText)
        background = app.screen.query_one(ArticleBody).background_colors[1].rich_color
        lines = [table.render_line(y) for y in range(4)]
        assert any("Situação" in line.text for line in lines)
        colours = {segment.style.bgcolor for line in lines for segment in line if segment.style}
        assert colours == {background}
