"""``helpdesk articles check``: clean on the shipped content, exact ``file:line`` on a broken folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpdesk.articles_check import check_articles
from helpdesk.catalog import articles_root
from helpdesk.compose.cli import main

BROKEN = Path(__file__).parent / "fixtures" / "articles_broken"

EXPECTED_BROKEN = [
    ("cat/outra/perdido.md", 1, "seção 'outra' não declarada"),
    ("cat/sec/campos.md", 1, "campo obrigatório ausente no front matter: actions"),
    ("cat/sec/campos.md", 4, "section 'outra-secao' difere da pasta 'sec'"),
    ("cat/sec/campos.md", 6, "campo keywords: deve ser uma lista de textos"),
    ("cat/sec/campos.md", 7, "campo updated: deve ser uma data"),
    ("cat/sec/campos.md", 11, "link quebrado: o artigo 'campos' não tem o título #sumiu"),
    ("cat/sec/links.md", 5, "placeholder desconhecido {{nao_existe}}"),
    ("cat/sec/links.md", 8, "related: artigo inexistente 'sumiu'"),
    ("cat/sec/links.md", 9, "ação desconhecida: 'voar'"),
    ("cat/sec/links.md", 13, "link quebrado: artigo inexistente: 'nao-existe'"),
    ("cat/sec/links.md", 17, "link quebrado: formulário desconhecido: 'pizza'"),
    ("cat/sec/links.md", 17, "link quebrado: o artigo 'campos' não tem o título #nada"),
    ("cat/sec/links.md", 18, "link quebrado: nenhum artigo em '../sec/x.md'"),
    ("cat/sec/links.md", 19, "placeholder desconhecido {{prazo_magico}}"),
    ("cat/sec/links.md", 19, "'7 dias': use {{withdrawal_days}}"),
    ("cat/sec/links.md", 21, "tipo de destaque desconhecido 'perigo'"),
    ("cat/sec/links.md", 25, "destaque aberto aqui não foi fechado"),
    ("cat/sec/repetido.md", 2, "id 'links' repetido"),
    ("cat/sec/sem-front-matter.md", 1, "o arquivo deve começar com uma linha '+++'"),
]
"""Every problem planted in the broken fixture: file, line, and a part of the message."""


def test_shipped_articles_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["articles", "check"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    count = len(list(articles_root().rglob("*.md")))
    assert count >= 9
    assert out == [f"{count} artigos verificados, nenhum problema."]


def test_broken_folder_lists_each_problem_at_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["articles", "check", str(BROKEN)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == len(EXPECTED_BROKEN), captured.out
    for line, (name, number, fragment) in zip(lines, EXPECTED_BROKEN, strict=True):
        assert line.startswith(f"{BROKEN / name}:{number}: "), line
        assert fragment in line, line
    assert "19 problemas em 5 artigos verificados." in captured.err


def test_missing_folder_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["articles", "check", str(tmp_path / "nada")]) == 2
    assert "PASTA: pasta não encontrada" in capsys.readouterr().err


def test_bad_catalog_file_is_reported_with_its_line(tmp_path: Path) -> None:
    root = tmp_path / "a"
    shutil.copytree(BROKEN, root)
    (root / "catalog.toml").write_text('[[categories]]\nid = "cat"\ntitle = \n', "utf-8")
    report = check_articles(root)
    [problem] = report.problems
    assert (problem.path, problem.line) == (root / "catalog.toml", 3)


def test_a_fixed_copy_passes(tmp_path: Path) -> None:
    """The same kind of article, written right, passes: the checker is not just always failing."""
    root = tmp_path / "a"
    (root / "cat" / "sec").mkdir(parents=True)
    shutil.copy(BROKEN / "catalog.toml", root)
    (root / "cat" / "sec" / "bom.md").write_text(
        "+++\n"
        'id = "bom"\ntitle = "Bom"\nsection = "sec"\nsummary = "Em {{withdrawal_days}} dias."\n'
        'keywords = ["a"]\nupdated = 2026-11-26\nrelated = []\nactions = ["backup"]\n'
        "+++\n\n## Parte\n\nVeja [isto](#parte), [o formulário](form:backup) e "
        "[o e-mail](mailto:{{conta_pj_email}}).\n\n::: dica\nTexto das {{backup_slot_start}}.\n:::\n",
        "utf-8",
    )
    report = check_articles(root)
    assert report.problems == [] and report.checked == 1


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("Pedido até 30 dias antes.", "{{notice_days}}"),
        ("Dados por 90 (noventa) dias.", "{{retention_days}}"),
        ("Estorno em sete dias.", "por extenso"),
        ("Download só a partir das 19h.", "{{download_blocked_until}}"),
        ("Agende até as 04:00.", "{{backup_slot_end}}"),
        ("Ligue para (47) 3512-0770.", "{{whatsapp}}"),
        ("Escreva para contapj@contaazul.com.", "{{conta_pj_email}}"),
    ],
)
def test_hand_written_rule_figures_are_problems(tmp_path: Path, line: str, hint: str) -> None:
    root = tmp_path / "a"
    (root / "cat" / "sec").mkdir(parents=True)
    shutil.copy(BROKEN / "catalog.toml", root)
    (root / "cat" / "sec" / "x.md").write_text(
        '+++\nid = "x"\ntitle = "X"\nsection = "sec"\nsummary = "S"\nkeywords = ["a"]\n'
        f"updated = 2026-11-26\nrelated = []\nactions = []\n+++\n\nTexto.\n\n{line}\n",
        "utf-8",
    )
    [problem] = check_articles(root).problems
    assert problem.line == 14 and hint in problem.message


@pytest.mark.parametrize(
    "line",
    [
        "Compra em 07/03/2027, às 10h, para as 23h.",
        "O ciclo dura 6 meses e o pedido leva 2 dias.",
        "Gerado em 13/03/2027 às 02h.",
    ],
)
def test_ordinary_numbers_are_not_rule_figures(tmp_path: Path, line: str) -> None:
    root = tmp_path / "a"
    (root / "cat" / "sec").mkdir(parents=True)
    shutil.copy(BROKEN / "catalog.toml", root)
    (root / "cat" / "sec" / "x.md").write_text(
        '+++\nid = "x"\ntitle = "X"\nsection = "sec"\nsummary = "S"\nkeywords = ["a"]\n'
        f"updated = 2026-11-26\nrelated = []\nactions = []\n+++\n\n{line}\n",
        "utf-8",
    )
    assert check_articles(root).problems == []


def test_articles_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["articles", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == "plano-exclusivo"
    assert {"cancelar-renovacao", "estorno", "backup"} <= {row["id"] for row in rows}
