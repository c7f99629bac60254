"""Any Markdown an author writes renders, or ``articles check`` names the line it breaks on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it.token import Token

from helpdesk import markdown
from helpdesk.articles_check import check_articles
from helpdesk.markdown import markdown_problem_line, parse_markdown
from helpdesk.plain_text import render_body
from screens.widgets.article_blocks import article_blocks

_BITS = st.sampled_from(
    ["> ", ">", "- ", "1. ", "  ", "::: dica", "::: atencao Título", ":::", "\n", "texto", "|"]
)


@given(st.lists(_BITS, max_size=30).map("".join))
@example("> ::: dica\n> ")
@example("> ::: dica\n>")
@example("- > ::: dica\n  > ")
def test_any_markdown_parses_and_renders(text: str) -> None:
    assert parse_markdown(text) is not None
    assert markdown_problem_line(text) is None
    article_blocks(text)
    render_body(text)


class _BrokenPlugin:
    """A parser that fails like the container plugin did, on any text holding ``BOOM``."""

    def parse(self, text: str) -> list[Token]:
        if "BOOM" in text:
            raise IndexError("string index out of range")
        return markdown.new_markdown_parser().parse(text)


BROKEN = Path(__file__).parent / "fixtures" / "articles_broken"


def test_a_parser_failure_renders_plainly_and_is_reported_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(markdown, "markdown_parser", _BrokenPlugin)
    assert article_blocks.__wrapped__("Texto\n\n> BOOM\n")  # shown without callouts
    assert markdown_problem_line("Texto\n\n> BOOM\n") == 3
    root = tmp_path / "a"
    (root / "cat" / "sec").mkdir(parents=True)
    shutil.copy(BROKEN / "catalog.toml", root)
    (root / "cat" / "sec" / "quebra.md").write_text(
        '+++\nid = "quebra"\ntitle = "Quebra"\nsection = "sec"\nsummary = "Resumo."\n'
        'keywords = ["a"]\nupdated = 2026-11-26\nrelated = []\nactions = []\n+++\n\n'
        "Primeiro parágrafo.\n\n> BOOM\n",
        "utf-8",
    )
    report = check_articles(root)
    [problem] = report.problems
    assert problem.line == 14 and "não pode ser interpretado" in problem.message
