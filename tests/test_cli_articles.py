"""``helpdesk articles list`` and ``articles show ID``: the help center read linearly, as text."""

from __future__ import annotations

import pytest
from _cli import run

from helpdesk.catalog import load_catalog
from helpdesk.policy import POLICY


def test_list_names_every_article_with_its_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "articles", "list")
    assert code == 0
    for article in load_catalog().articles.values():
        assert f"{article.id}" in out and article.title in out


def test_show_prints_the_article_as_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "articles", "show", "estorno")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Como funciona o estorno do plano"
    assert lines[1] == "=" * len(lines[0])
    assert f"até {POLICY.withdrawal_days} dias" in out  # placeholders filled from the policy
    assert "\x1b[" not in out and "**" not in out and ":::" not in out  # no colour, no markup
    assert "[Atenção!]" in out  # a callout keeps its title
    assert "- o dia da compra" in out  # list items keep a marker
    assert "1. Chame o suporte" in out  # numbered steps keep their numbers
    assert "[https://wa.me/" in out  # a link keeps where it goes
    assert "[formulário refund no aplicativo]" in out
    assert max(len(line) for line in lines if "  " not in line) <= 78


def test_show_lays_out_a_table_in_columns(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "articles", "show", "retencao-de-dados")
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("Situação"))
    rule = out.splitlines()[out.splitlines().index(header) + 1]
    assert set(rule.replace(" ", "")) == {"-"}
    assert "Estorno pedido em 05/03/2027" in out and "03/06/2027" in out


def test_show_an_unknown_id_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "articles", "show", "nao-existe")
    assert code == 2 and out == ""
    assert "artigo não encontrado: nao-existe" in err and "estorno" in err
